package dev.reviewflow.scoring.live;

import java.util.Set;

import org.junit.jupiter.api.Test;

import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

/**
 * A slow client gets the latest value of each score and a bounded backlog; a client the container has already let go
 * ends quietly.
 */
class LiveClientTest {

	static ScoreUpdate title(String titleId, long count) {
		return new ScoreUpdate("title-score", titleId, titleId, count);
	}

	@Test
	void aNewerValueOfTheSameScoreReplacesTheWaitingOne() {
		LiveClient client = new LiveClient(new SseEmitter(), Set.of(), 10);
		client.offer(title("a", 1));
		client.offer(title("b", 1));
		client.offer(title("a", 2));
		assertThat(client.waitingKeys()).containsExactly("title-score:b", "title-score:a");
		assertThat(client.dropped()).isZero();
	}

	@Test
	void beyondItsCapacityTheOldestWaitingScoreIsDropped() {
		LiveClient client = new LiveClient(new SseEmitter(), Set.of(), 2);
		client.offer(title("a", 1));
		client.offer(title("b", 1));
		client.offer(title("c", 1));
		assertThat(client.waitingKeys()).containsExactly("title-score:b", "title-score:c");
		assertThat(client.dropped()).isOne();
	}

	@Test
	void aClientForSomeTitlesWantsOnlyTheirScores() {
		LiveClient client = new LiveClient(new SseEmitter(), Set.of("a"), 10);
		assertThat(client.wants(title("a", 1))).isTrue();
		assertThat(client.wants(title("b", 1))).isFalse();
		assertThat(client.wants(new ScoreUpdate("review-score", "r", null, 0))).isFalse();
		assertThat(new LiveClient(new SseEmitter(), Set.of(), 10).wants(title("b", 1))).isTrue();
	}

	@Test
	void endingAStreamTheContainerHasAlreadyEndedIsNoFailure() {
		SseEmitter ended = new SseEmitter() {
			@Override
			public synchronized void complete() {
				throw new IllegalStateException("A non-container (application) thread attempted to use the "
						+ "AsyncContext after an error had occurred and the call to AsyncListener.onError() had returned.");
			}
		};
		LiveClient client = new LiveClient(ended, Set.of(), 10);

		assertThatCode(client::end).doesNotThrowAnyException();
		assertThat(client.closed()).isTrue();
	}
}
