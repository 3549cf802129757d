package dev.reviewflow.scoring.live;

import java.time.Duration;

/**
 * A new live stream is refused: its client already holds as many as one client may, or the instance as many as it
 * takes. Worth trying again after {@link #retryAfter()} (or, for a client, after closing one).
 */
public class StreamRefused extends RuntimeException {

	/** Who holds all the streams it may. */
	public enum Holder {
		/** The calling client (one user, or one address when anonymous). */
		CLIENT,
		/** This instance, for all its clients together. */
		INSTANCE
	}

	private final Holder full;

	private final Duration retryAfter;

	public StreamRefused(Holder full, String message, Duration retryAfter) {
		super(message);
		this.full = full;
		this.retryAfter = retryAfter;
	}

	/** Whose share of streams is used up. */
	public Holder full() {
		return full;
	}

	public Duration retryAfter() {
		return retryAfter;
	}
}
