package dev.reviewflow.intake.review;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;

import dev.reviewflow.events.CloudEvent;
import dev.reviewflow.events.ModerationPolicyChanged;
import dev.reviewflow.intake.IntakeProperties;
import org.jspecify.annotations.Nullable;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * How many reviews one author may write per window: moderation's policy sets it ({@code reviews.moderation-policy},
 * the highest version wins, kept in table {@code moderation_policy}); until the first policy arrives,
 * {@code reviewflow.intake.review-rate-limit} applies. Read at most every few seconds.
 */
@Component
class ReviewRateLimit {

	static final Duration REFRESH = Duration.ofSeconds(5);

	private final JdbcClient jdbc;

	private final IntakeProperties.RateLimit configured;

	private volatile @Nullable Cached cached;

	private record Cached(IntakeProperties.RateLimit limit, Instant readAt) {
	}

	ReviewRateLimit(JdbcClient jdbc, IntakeProperties properties) {
		this.jdbc = jdbc;
		this.configured = properties.reviewRateLimit();
	}

	IntakeProperties.RateLimit current() {
		Cached known = cached;
		Instant now = Instant.now();
		if (known != null && known.readAt().plus(REFRESH).isAfter(now)) {
			return known.limit();
		}
		IntakeProperties.RateLimit limit = jdbc
			.sql("select reviews_max, reviews_per_minutes from moderation_policy")
			.query((rs, n) -> new IntakeProperties.RateLimit(rs.getInt(1), Duration.ofMinutes(rs.getInt(2))))
			.optional()
			.orElse(configured);
		cached = new Cached(limit, now);
		return limit;
	}

	/** A policy version; an older one than the version kept changes nothing (the topic is compacted, replays happen). */
	@KafkaListener(id = "review-intake.moderation-policy", topics = "reviews.moderation-policy")
	@Transactional
	void on(CloudEvent<?> event) {
		if (!(event.data() instanceof ModerationPolicyChanged policy)) {
			return;
		}
		int changed = jdbc.sql("""
				insert into moderation_policy (version, reviews_max, reviews_per_minutes, changed_at) values (?, ?, ?, ?)
				on conflict (singleton) do update set version = excluded.version, reviews_max = excluded.reviews_max,
				  reviews_per_minutes = excluded.reviews_per_minutes, changed_at = excluded.changed_at
				where moderation_policy.version < excluded.version""")
			.params(policy.version(), policy.reviewRateLimit().max(), policy.reviewRateLimit().perMinutes(),
					Timestamp.from(policy.changedAt()))
			.update();
		if (changed == 1) {
			cached = null;
		}
	}
}
