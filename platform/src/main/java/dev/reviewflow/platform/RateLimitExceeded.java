package dev.reviewflow.platform;

/**
 * A caller did something more often than a rate limit allows ({@link RateLimits#acquire}); not an HTTP type, so the
 * features that count actions need not know how it is answered: {@link ProblemHandling} answers it 429 with
 * {@code Retry-After}.
 */
public class RateLimitExceeded extends RuntimeException {

	private final long retryAfterSeconds;

	public RateLimitExceeded(String message, long retryAfterSeconds) {
		super(message);
		this.retryAfterSeconds = retryAfterSeconds;
	}

	/** Seconds until the oldest counted action leaves the window (at least 1). */
	public long retryAfterSeconds() {
		return retryAfterSeconds;
	}
}
