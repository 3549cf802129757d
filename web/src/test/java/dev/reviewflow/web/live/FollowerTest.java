package dev.reviewflow.web.live;

import java.io.IOException;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

/**
 * A browser gone while its stream's thread is sending: the container may have ended the request first, and the
 * thread then ends quietly instead of dying with an uncaught exception.
 */
class FollowerTest {

	@Test
	void aSendToAGoneBrowserAfterTheContainerEndedTheRequestEndsTheThreadQuietly() {
		GoneBrowser emitter = new GoneBrowser();
		Follower follower = new Follower(emitter, Set.of("title-score:dune-2021"), Duration.ofMinutes(1));
		follower.offer(new ScoreEvent("title-score", "dune-2021", "{}"));

		assertThatCode(follower::pump).doesNotThrowAnyException();
		assertThat(emitter.sends).hasValue(1);
		assertThat(emitter.endings).hasValue(1);
	}

	/** As Tomcat behaves once it has seen the browser go: writes fail, and a later ending is refused. */
	static final class GoneBrowser extends SseEmitter {

		final AtomicInteger sends = new AtomicInteger();

		final AtomicInteger endings = new AtomicInteger();

		@Override
		public void send(SseEventBuilder builder) throws IOException {
			sends.incrementAndGet();
			throw new IOException("Broken pipe");
		}

		@Override
		public synchronized void completeWithError(Throwable ex) {
			endings.incrementAndGet();
			throw new IllegalStateException("A non-container (application) thread attempted to use the AsyncContext "
					+ "after an error had occurred and the call to AsyncListener.onError() had returned.");
		}
	}
}
