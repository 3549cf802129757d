package dev.reviewflow.moderation.review;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.UUID;

import dev.reviewflow.events.DecisionActor;
import dev.reviewflow.events.ModerationDecided;
import dev.reviewflow.events.ReviewStatus;
import dev.reviewflow.events.ReviewType;
import dev.reviewflow.moderation.policy.PreModeration;
import dev.reviewflow.moderation.policy.Screening;
import dev.reviewflow.platform.Outbox;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/** Moderation's copy of each review's latest revision, and the automatic decision about it. */
@Service
public class KnownReviews {

	private final JdbcClient jdbc;

	private final PreModeration preModeration;

	private final Outbox outbox;

	private final MeterRegistry meters;

	KnownReviews(JdbcClient jdbc, PreModeration preModeration, Outbox outbox, MeterRegistry meters) {
		this.jdbc = jdbc;
		this.preModeration = preModeration;
		this.outbox = outbox;
		this.meters = meters;
	}

	/**
	 * A new review or a new revision of one: stored, screened, and the outcome recorded and published. An older
	 * revision than the one already known changes nothing.
	 */
	@Transactional(propagation = Propagation.MANDATORY)
	void received(UUID reviewId, String titleId, String authorId, ReviewType type, int revision, String headline,
			String body, Instant at) {
		Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
		int stored = jdbc.sql("""
				insert into review (review_id, title_id, author_id, type, revision, status, headline, body,
				  submitted_at, updated_at)
				values (?, ?, ?, ?, ?, 'PENDING', ?, ?, ?, ?)
				on conflict (review_id) do update set revision = excluded.revision, status = 'PENDING',
				  headline = excluded.headline, body = excluded.body, updated_at = excluded.updated_at
				where review.revision < excluded.revision and review.status <> 'DELETED'""")
			.params(reviewId, titleId, authorId, type.name(), revision, headline, body, Timestamp.from(at),
					Timestamp.from(now))
			.update();
		if (stored == 0) {
			return;
		}
		Screening screening = preModeration.screen(headline, body);
		UUID decisionId = UUID.randomUUID();
		jdbc.sql("update review set status = ? where review_id = ?")
			.params(screening.outcome().name(), reviewId)
			.update();
		jdbc.sql("""
				insert into decision (decision_id, review_id, revision, status, actor, reasons, decided_at)
				values (?, ?, ?, ?, 'AUTOMATIC', ?, ?)""")
			.params(decisionId, reviewId, revision, screening.outcome().name(),
					screening.reasons().toArray(String[]::new), Timestamp.from(now))
			.update();
		outbox.publish(reviewId.toString(), new ModerationDecided(decisionId, reviewId, titleId, authorId, revision,
				screening.outcome(), DecisionActor.AUTOMATIC, null, screening.reasons(), now));
		meters.counter("reviewflow.moderation.decisions", "outcome", screening.outcome().name(), "actor", "automatic")
			.increment();
	}

	/** The review as moderation knows it, if it has seen it. */
	public Optional<KnownReview> find(UUID reviewId) {
		return jdbc.sql("select review_id, title_id, author_id, revision, status from review where review_id = ?")
			.param(reviewId)
			.query((rs, n) -> new KnownReview(rs.getObject(1, UUID.class), rs.getString(2), rs.getString(3),
					rs.getInt(4), ReviewStatus.valueOf(rs.getString(5))))
			.optional();
	}

	/** The author deleted the review: nothing left to moderate. */
	@Transactional(propagation = Propagation.MANDATORY)
	void deleted(UUID reviewId) {
		jdbc.sql("update review set status = ?, updated_at = ? where review_id = ?")
			.params(ReviewStatus.DELETED.name(), Timestamp.from(Instant.now()), reviewId)
			.update();
	}
}
