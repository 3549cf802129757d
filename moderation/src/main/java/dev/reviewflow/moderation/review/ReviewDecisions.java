package dev.reviewflow.moderation.review;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

import dev.reviewflow.events.DecisionActor;
import dev.reviewflow.events.ModerationDecided;
import dev.reviewflow.events.ReviewStatus;
import dev.reviewflow.platform.Outbox;
import org.jspecify.annotations.Nullable;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Records decisions about reviews: the automatic one on each new revision and the ones moderators take through their
 * cases. Each sets the review's status, gets the review's next sequence number, is published as
 * {@link ModerationDecided} through the outbox and announced in-process as {@link ReviewDecided} (the audit log and
 * the metrics listen).
 */
@Service
public class ReviewDecisions {

	private final JdbcClient jdbc;

	private final KnownReviews reviews;

	private final Outbox outbox;

	private final ApplicationEventPublisher events;

	private final Clock clock;

	ReviewDecisions(JdbcClient jdbc, KnownReviews reviews, Outbox outbox, ApplicationEventPublisher events,
			Clock clock) {
		this.jdbc = jdbc;
		this.reviews = reviews;
		this.outbox = outbox;
		this.events = events;
		this.clock = clock;
	}

	/**
	 * Records a decision about the review's current revision, sets its status and publishes it.
	 * @param caseId the case the decision resolves, if any
	 * @param moderatorId who decided, when a human did
	 */
	@Transactional(propagation = Propagation.MANDATORY)
	public void decide(UUID reviewId, @Nullable UUID caseId, ReviewStatus status, DecisionActor actor,
			@Nullable String moderatorId, List<String> reasons, int policyVersion) {
		KnownReview review = reviews.find(reviewId).orElseThrow();
		Instant now = Instant.now(clock).truncatedTo(ChronoUnit.MICROS);
		UUID decisionId = UUID.randomUUID();
		// the review's decisions are numbered here, in the row every change to the review locks first
		long sequence = jdbc.sql("""
				update review set status = ?, updated_at = ?, decision_sequence = decision_sequence + 1
				where review_id = ? returning decision_sequence""")
			.params(status.name(), Timestamp.from(now), reviewId)
			.query(Long.class)
			.single();
		jdbc.sql("""
				insert into decision (decision_id, review_id, revision, status, actor, moderator_id, reasons,
				  decided_at, policy_version, sequence)
				values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
			.params(decisionId, reviewId, review.revision(), status.name(), actor.name(), moderatorId,
					reasons.toArray(String[]::new), Timestamp.from(now), policyVersion, sequence)
			.update();
		outbox.publish(reviewId.toString(), new ModerationDecided(decisionId, reviewId, review.titleId(),
				review.authorId(), review.revision(), status, actor, moderatorId, reasons, now, sequence));
		events.publishEvent(new ReviewDecided(decisionId, reviewId, caseId, review.revision(), status, actor,
				moderatorId, reasons, policyVersion, now));
	}

	/** A moderator kept the review after reports or an appeal: the threshold for new reports doubles. */
	@Transactional(propagation = Propagation.MANDATORY)
	public void kept(UUID reviewId) {
		jdbc.sql("update review set keeps = keeps + 1 where review_id = ?").param(reviewId).update();
	}
}
