package dev.reviewflow.scoring.query;

import java.time.Duration;

import org.apache.kafka.streams.KafkaStreams;

/**
 * Scores cannot be read just now: the stores are being restored or rebalanced, or the instance that keeps a key did
 * not answer in time. Worth asking again after {@link #retryAfter()}.
 */
public class ScoresUnavailable extends RuntimeException {

	/** How long a caller should wait before asking again. */
	static final Duration RETRY_AFTER = Duration.ofSeconds(2);

	private final Duration retryAfter;

	ScoresUnavailable(String message) {
		super(message);
		this.retryAfter = RETRY_AFTER;
	}

	public static ScoresUnavailable restoring() {
		return new ScoresUnavailable("Scores are being restored or rebalanced; try again in a few seconds.");
	}

	/** This instance's stream processing is not running (it is stopping, or an error stopped it). */
	public static ScoresUnavailable notRunning(KafkaStreams.State state) {
		return new ScoresUnavailable("This scoring instance's stream processing is " + state
				+ ", so it cannot read scores; try again shortly.");
	}

	public static ScoresUnavailable ownerSilent() {
		return new ScoresUnavailable("Another scoring instance did not answer; try again shortly.");
	}

	public Duration retryAfter() {
		return retryAfter;
	}
}
