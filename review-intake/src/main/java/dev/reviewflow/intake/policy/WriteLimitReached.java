package dev.reviewflow.intake.policy;

import dev.reviewflow.intake.policy.WriteLimits.Write;
import dev.reviewflow.platform.RateLimitExceeded;

/**
 * The user reached their limit for this kind of write: the platform's rate-limit refusal, naming the write; the
 * message says how many are allowed and when to try again. The platform's problem handling answers it (429 with
 * {@code Retry-After}), as for every rate limit.
 */
public class WriteLimitReached extends RateLimitExceeded {

	private final Write write;

	public WriteLimitReached(Write write, String message, long retryAfterSeconds) {
		super(message, retryAfterSeconds);
		this.write = write;
	}

	public Write write() {
		return write;
	}
}
