package dev.reviewflow.platform;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;

import org.jspecify.annotations.Nullable;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Per-user rate limits as a sliding window over the user's recent actions (table {@code rate_limit_hit} in the
 * service's schema), so every instance of a service sees the same count. The hit belongs to the caller's transaction:
 * an action that fails and rolls back is not counted. Hits older than a day are deleted hourly
 * ({@link #forgetExpired}), not on the request path.
 */
public class RateLimits {

	/** The longest window a limit may have; older hits are forgotten (hourly, by the platform). */
	public static final Duration LONGEST_WINDOW = Duration.ofDays(1);

	private final JdbcClient jdbc;

	RateLimits(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * Counts one {@code action} by {@code subject}, or refuses it with {@link RateLimitExceeded} (answered 429 with
	 * {@code Retry-After}: the seconds until
	 * the oldest counted action leaves the window) when {@code max} of them happened within {@code window}.
	 */
	@Transactional(propagation = Propagation.MANDATORY)
	public void acquire(String subject, String action, int max, Duration window) {
		requireValid(max, window);
		// one subject's actions of a kind are counted one at a time, so two at once cannot both take the last slot
		jdbc.sql("select pg_advisory_xact_lock(hashtextextended(? || '/' || ?, 0))").params(subject, action)
			.query((rs, n) -> 0)
			.list();
		// counted, and the hit stored while there is room, in one statement: its snapshot is taken after the lock
		Instant now = Instant.now();
		Window recent = jdbc.sql("""
				with recent as (
				  select count(*) as hits, min(at) as oldest from rate_limit_hit
				  where subject = :subject and action = :action and at > :since),
				stored as (
				  insert into rate_limit_hit (subject, action, at)
				  select :subject, :action, :now from recent where hits < :max)
				select hits, oldest from recent""")
			.param("subject", subject)
			.param("action", action)
			.param("since", Timestamp.from(now.minus(window)))
			.param("now", Timestamp.from(now))
			.param("max", max)
			.query((rs, n) -> new Window(rs.getLong(1), rs.getTimestamp(2)))
			.single();
		if (recent.count() >= max && recent.oldest() != null) {
			Duration wait = Duration.between(now, recent.oldest().toInstant().plus(window));
			long seconds = Math.max(1, (wait.toMillis() + 999) / 1000);
			throw new RateLimitExceeded("You may do this " + max + " time(s) per " + describe(window)
					+ "; try again in " + seconds + " s.", seconds);
		}
	}

	/** Refuses a limit that is not one: {@code max} below 1, or a window that is not positive or exceeds a day. */
	public static void requireValid(int max, Duration window) {
		if (max < 1 || window.isNegative() || window.isZero() || window.compareTo(LONGEST_WINDOW) > 0) {
			throw new IllegalArgumentException("A rate limit needs max ≥ 1 and a window of at most " + LONGEST_WINDOW
					+ ", not " + max + " per " + window);
		}
	}

	/** Forgets the hits no window can reach any more; returns how many. */
	public int forgetExpired() {
		return jdbc.sql("delete from rate_limit_hit where at < ?")
			.param(Timestamp.from(Instant.now().minus(LONGEST_WINDOW)))
			.update();
	}

	/** "hour", "48 hours", "minute", "5 minutes" or "90 seconds": a window as a sentence names it. */
	static String describe(Duration window) {
		if (window.toSeconds() % 3600 == 0) {
			return window.toHours() == 1 ? "hour" : window.toHours() + " hours";
		}
		if (window.toSeconds() % 60 == 0) {
			return window.toMinutes() == 1 ? "minute" : window.toMinutes() + " minutes";
		}
		return window.toSeconds() + " seconds";
	}

	private record Window(long count, @Nullable Timestamp oldest) {
	}
}
