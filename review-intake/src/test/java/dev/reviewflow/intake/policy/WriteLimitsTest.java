package dev.reviewflow.intake.policy;

import java.time.Duration;

import dev.reviewflow.intake.IntakeProperties;
import dev.reviewflow.intake.IntakeProperties.RateLimit;
import dev.reviewflow.intake.policy.WriteLimits.Write;
import dev.reviewflow.platform.ApiException;
import dev.reviewflow.platform.RateLimits;
import org.junit.jupiter.api.Test;

import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.anyInt;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.BDDMockito.willThrow;
import static org.mockito.Mockito.RETURNS_DEEP_STUBS;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;

/**
 * The write limits before moderation's first policy (no row in {@code moderation_policy}): each kind of write
 * counted against its own configured limit, and the platform's refusal turned into the policy's own exception.
 */
class WriteLimitsTest {

	final RateLimits rateLimits = mock(RateLimits.class);

	final WriteLimits limits = new WriteLimits(mock(JdbcClient.class, RETURNS_DEEP_STUBS), rateLimits,
			new IntakeProperties(new RateLimit(3, Duration.ofMinutes(30)), new RateLimit(4, Duration.ofHours(1)),
					new RateLimit(5, Duration.ofHours(2)), new RateLimit(6, Duration.ofMinutes(10))));

	@Test
	void eachKindOfWriteIsCountedAgainstItsOwnConfiguredLimit() {
		limits.acquire("alice", Write.REVIEW);
		limits.acquire("alice", Write.REVIEW_EDIT);
		limits.acquire("alice", Write.REVIEW_DELETE);
		limits.acquire("alice", Write.RATING);

		verify(rateLimits).acquire("alice", "review", 3, Duration.ofMinutes(30));
		verify(rateLimits).acquire("alice", "review-edit", 4, Duration.ofHours(1));
		verify(rateLimits).acquire("alice", "review-delete", 5, Duration.ofHours(2));
		verify(rateLimits).acquire("alice", "rating", 6, Duration.ofMinutes(10));
	}

	@Test
	void aWriteBeyondTheLimitIsThePolicysRefusalWithTheWaitAndTheWording() {
		willThrow(ApiException.tooManyRequests("You may do this 6 time(s) per 10 minutes; try again in 42 s.", 42))
			.given(rateLimits)
			.acquire(anyString(), anyString(), anyInt(), any());

		assertThatThrownBy(() -> limits.acquire("alice", Write.RATING))
			.isInstanceOfSatisfying(WriteLimitReached.class, reached -> {
				assertThat(reached.write()).isEqualTo(Write.RATING);
				assertThat(reached.retryAfterSeconds()).isEqualTo(42);
				assertThat(reached.getMessage())
					.isEqualTo("You may do this 6 time(s) per 10 minutes; try again in 42 s.");
			});
	}
}
