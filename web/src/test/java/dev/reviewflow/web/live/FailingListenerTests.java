package dev.reviewflow.web.live;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;

import dev.reviewflow.web.Upstream;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Something unexpected failing while scoring's stream is read does not end the reading: the pages would show no live
 * figure again until restarted. The stream is read again and the next events arrive.
 */
@SpringBootTest(properties = "reviewflow.web.live.reconnect=100ms")
class FailingListenerTests {

	/** A server of its own: its stream is this test's alone. The web reads it again each time it ends. */
	static final Upstream scoring = Upstream.start()
		.answer("GET", "/api/stream/scores", 200, "text/event-stream", """
				event:title-score
				id:heat-1995
				data:{"titleId":"heat-1995","version":7}

				""");

	@DynamicPropertySource
	static void services(DynamicPropertyRegistry registry) {
		scoring.standIn(registry);
	}

	@Autowired
	ScoringStream stream;

	@Test
	void aListenerThatFailsOnceDoesNotEndTheStream() {
		AtomicBoolean failed = new AtomicBoolean();
		List<ScoreEvent> received = new CopyOnWriteArrayList<>();
		stream.listen(event -> {
			if (failed.compareAndSet(false, true)) {
				throw new IllegalStateException("a listener's bug");
			}
			received.add(event);
		});

		await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(received)
			.contains(new ScoreEvent("title-score", "heat-1995", "{\"titleId\":\"heat-1995\",\"version\":7}")));
		assertThat(failed).isTrue();
	}
}
