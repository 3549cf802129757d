package dev.reviewflow.web.live;

import java.time.Duration;

import dev.reviewflow.web.Upstream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * scoring's stream going silent without closing (its host gone from the network): the web takes it for dead after
 * {@code reviewflow.web.live.silence} and connects again, instead of waiting for TCP to notice.
 */
@SpringBootTest(properties = { "reviewflow.web.live.silence=1s", "reviewflow.web.live.reconnect=100ms" })
class SilentScoringStreamTests {

	/** A server of its own: the stalled stream is this test's alone. */
	static final Upstream scoring = Upstream.start()
		.stall("GET", "/api/stream/scores", "text/event-stream", ":heartbeat\n\n");

	@DynamicPropertySource
	static void services(DynamicPropertyRegistry registry) {
		scoring.standIn(registry);
	}

	@AfterAll
	static void release() {
		scoring.release();
	}

	@Test
	void aSilentStreamIsLeftAndConnectedAgain() {
		// each stalled answer holds its connection until released after the test: a second request means the first
		// was given up
		await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(scoring.requests())
			.filteredOn(request -> request.target().equals("/api/stream/scores"))
			.hasSizeGreaterThanOrEqualTo(2));
	}
}
