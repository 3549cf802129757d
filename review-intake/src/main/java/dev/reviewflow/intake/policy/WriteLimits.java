package dev.reviewflow.intake.policy;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import dev.reviewflow.events.CloudEvent;
import dev.reviewflow.events.ModerationPolicyChanged;
import dev.reviewflow.intake.IntakeProperties;
import dev.reviewflow.intake.IntakeProperties.RateLimit;
import dev.reviewflow.platform.RateLimitExceeded;
import dev.reviewflow.platform.RateLimits;
import org.jspecify.annotations.Nullable;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * How often one user may write: submit reviews, edit and delete their reviews, change their ratings, each kind
 * counted on its own (platform's {@link RateLimits}, 429 with {@code Retry-After} beyond it). Moderation's policy
 * sets the limits ({@code reviews.moderation-policy}, the highest version wins, kept in table
 * {@code moderation_policy}); until the first policy arrives, {@code reviewflow.intake.*-rate-limit} apply. Read at
 * most every few seconds.
 */
@Component
public class WriteLimits {

	static final Duration REFRESH = Duration.ofSeconds(5);

	/** A kind of write with a limit of its own; {@code action} names it in {@code rate_limit_hit}. */
	public enum Write {

		REVIEW("review"), REVIEW_EDIT("review-edit"), REVIEW_DELETE("review-delete"), RATING("rating");

		private final String action;

		Write(String action) {
			this.action = action;
		}
	}

	/** The limit of each kind of write. */
	record Limits(RateLimit review, RateLimit reviewEdit, RateLimit reviewDelete, RateLimit rating) {

		RateLimit of(Write write) {
			return switch (write) {
				case REVIEW -> review;
				case REVIEW_EDIT -> reviewEdit;
				case REVIEW_DELETE -> reviewDelete;
				case RATING -> rating;
			};
		}
	}

	private final JdbcClient jdbc;

	private final RateLimits rateLimits;

	private final Limits configured;

	private volatile @Nullable Cached cached;

	private record Cached(Limits limits, Instant readAt) {
	}

	WriteLimits(JdbcClient jdbc, RateLimits rateLimits, IntakeProperties properties) {
		this.jdbc = jdbc;
		this.rateLimits = rateLimits;
		this.configured = new Limits(properties.reviewRateLimit(), properties.reviewEditRateLimit(),
				properties.reviewDeleteRateLimit(), properties.ratingRateLimit());
	}

	/**
	 * One more write of the kind by the user, or {@link WriteLimitReached} (429 with {@code Retry-After}) when they
	 * reached its limit. Counted in the caller's transaction: a write that fails and rolls back is not counted.
	 */
	@Transactional(propagation = Propagation.MANDATORY)
	public void acquire(String userId, Write write) {
		RateLimit limit = current().of(write);
		try {
			rateLimits.acquire(userId, write.action, limit.max(), limit.window());
		}
		catch (RateLimitExceeded refused) {
			// to the features a rate limit reached is a rule of the policy, which each feature's web package answers
			throw new WriteLimitReached(write, refused.getMessage(), refused.retryAfterSeconds());
		}
	}

	Limits current() {
		Cached known = cached;
		Instant now = Instant.now();
		if (known != null && known.readAt().plus(REFRESH).isAfter(now)) {
			return known.limits();
		}
		Limits limits = jdbc.sql("""
				select reviews_max, reviews_per_minutes, review_edits_max, review_edits_per_minutes,
				  review_deletes_max, review_deletes_per_minutes, ratings_max, ratings_per_minutes
				from moderation_policy""")
			.query((rs, n) -> new Limits(limit(rs, 1), limit(rs, 3), limit(rs, 5), limit(rs, 7)))
			.optional()
			.orElse(configured);
		cached = new Cached(limits, now);
		return limits;
	}

	private static RateLimit limit(ResultSet rs, int column) throws SQLException {
		return new RateLimit(rs.getInt(column), Duration.ofMinutes(rs.getInt(column + 1)));
	}

	/**
	 * A policy version; an older one than the version kept changes nothing (the topic is compacted, replays happen).
	 * An event written before the edit, delete and rating limits existed carries their defaults (the event record
	 * fills them in). A limit no rate limit can have (a window over a day) is poison: dead-lettered, not applied.
	 */
	@KafkaListener(id = "review-intake.moderation-policy", topics = "reviews.moderation-policy")
	@Transactional
	void on(CloudEvent<?> event) {
		if (!(event.data() instanceof ModerationPolicyChanged policy)) {
			return;
		}
		for (ModerationPolicyChanged.RateLimit limit : List.of(policy.reviewRateLimit(), policy.reviewEditRateLimit(),
				policy.reviewDeleteRateLimit(), policy.ratingRateLimit())) {
			RateLimits.requireValid(limit.max(), Duration.ofMinutes(limit.perMinutes()));
		}
		int changed = jdbc.sql("""
				insert into moderation_policy (version, reviews_max, reviews_per_minutes, review_edits_max,
				  review_edits_per_minutes, review_deletes_max, review_deletes_per_minutes, ratings_max,
				  ratings_per_minutes, changed_at)
				values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
				on conflict (singleton) do update set version = excluded.version,
				  reviews_max = excluded.reviews_max, reviews_per_minutes = excluded.reviews_per_minutes,
				  review_edits_max = excluded.review_edits_max,
				  review_edits_per_minutes = excluded.review_edits_per_minutes,
				  review_deletes_max = excluded.review_deletes_max,
				  review_deletes_per_minutes = excluded.review_deletes_per_minutes,
				  ratings_max = excluded.ratings_max, ratings_per_minutes = excluded.ratings_per_minutes,
				  changed_at = excluded.changed_at
				where moderation_policy.version < excluded.version""")
			.params(policy.version(), policy.reviewRateLimit().max(), policy.reviewRateLimit().perMinutes(),
					policy.reviewEditRateLimit().max(), policy.reviewEditRateLimit().perMinutes(),
					policy.reviewDeleteRateLimit().max(), policy.reviewDeleteRateLimit().perMinutes(),
					policy.ratingRateLimit().max(), policy.ratingRateLimit().perMinutes(),
					Timestamp.from(policy.changedAt()))
			.update();
		if (changed == 1) {
			cached = null;
		}
	}
}
