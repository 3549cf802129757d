package dev.reviewflow.intake.policy;

import dev.reviewflow.intake.policy.WriteLimits.Write;

/**
 * The user reached their limit for this kind of write; the message says how many are allowed and when to try again
 * ({@code retryAfterSeconds}).
 */
public class WriteLimitReached extends RuntimeException {

	private final Write write;

	private final long retryAfterSeconds;

	public WriteLimitReached(Write write, String message, long retryAfterSeconds) {
		super(message);
		this.write = write;
		this.retryAfterSeconds = retryAfterSeconds;
	}

	public Write write() {
		return write;
	}

	public long retryAfterSeconds() {
		return retryAfterSeconds;
	}
}
