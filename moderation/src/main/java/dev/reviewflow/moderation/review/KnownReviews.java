package dev.reviewflow.moderation.review;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;

import dev.reviewflow.events.DecisionActor;
import dev.reviewflow.events.ModerationDecided;
import dev.reviewflow.events.ReviewStatus;
import dev.reviewflow.events.ReviewType;
import dev.reviewflow.moderation.audit.AuditLog;
import dev.reviewflow.moderation.policy.Policies;
import dev.reviewflow.moderation.policy.PolicyVersion;
import dev.reviewflow.moderation.policy.PreModeration;
import dev.reviewflow.moderation.policy.Screening;
import dev.reviewflow.platform.Outbox;
import io.micrometer.core.instrument.MeterRegistry;
import org.jspecify.annotations.Nullable;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Moderation's copy of each review's latest revision, where it stands, and every decision about it: the automatic
 * one on each new revision, and the ones moderators take through their cases.
 */
@Service
public class KnownReviews {

	/** How many of an author's other reviews a new one is compared with for near-duplicates, newest first. */
	static final int DUPLICATE_CANDIDATES = 50;

	private static final String COLUMNS = "review_id, title_id, author_id, revision, status, keeps";

	private final JdbcClient jdbc;

	private final PreModeration preModeration;

	private final Policies policies;

	private final Outbox outbox;

	private final AuditLog audit;

	private final ApplicationEventPublisher events;

	private final MeterRegistry meters;

	private final Clock clock;

	KnownReviews(JdbcClient jdbc, PreModeration preModeration, Policies policies, Outbox outbox, AuditLog audit,
			ApplicationEventPublisher events, MeterRegistry meters, Clock clock) {
		this.clock = clock;
		this.jdbc = jdbc;
		this.preModeration = preModeration;
		this.policies = policies;
		this.outbox = outbox;
		this.audit = audit;
		this.events = events;
		this.meters = meters;
	}

	/**
	 * A new review or a new revision of one: stored, screened, and the outcome recorded and published. An older
	 * revision than the one already known changes nothing.
	 */
	@Transactional(propagation = Propagation.MANDATORY)
	void received(UUID reviewId, String titleId, String authorId, ReviewType type, int revision, String headline,
			String body, Instant at) {
		Instant now = Instant.now(clock).truncatedTo(ChronoUnit.MICROS);
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
		PolicyVersion policy = policies.current();
		List<PreModeration.OtherReview> others = jdbc.sql("""
				select review_id, headline, body from review
				where author_id = ? and review_id <> ? and status <> 'DELETED'
				order by submitted_at desc limit ?""")
			.params(authorId, reviewId, DUPLICATE_CANDIDATES)
			.query((rs, n) -> new PreModeration.OtherReview(rs.getObject(1, UUID.class), rs.getString(2),
					rs.getString(3)))
			.list();
		Screening screening = preModeration.screen(headline, body, policy.policy(), others);
		decide(reviewId, null, screening.outcome(), DecisionActor.AUTOMATIC, null, screening.reasons(),
				policy.version());
		events.publishEvent(new ReviewScreened(reviewId, revision, screening, policy.version()));
	}

	/**
	 * Records a decision about the review's current revision, sets its status, publishes {@link ModerationDecided}
	 * and writes the audit log.
	 * @param caseId the case the decision resolves, if any
	 * @param moderatorId who decided, when a human did
	 */
	@Transactional(propagation = Propagation.MANDATORY)
	public void decide(UUID reviewId, @Nullable UUID caseId, ReviewStatus status, DecisionActor actor, @Nullable String moderatorId,
			List<String> reasons, int policyVersion) {
		KnownReview review = find(reviewId).orElseThrow();
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
		audit.record(actor == DecisionActor.AUTOMATIC ? AuditLog.Actor.AUTOMATIC : AuditLog.Actor.moderator(moderatorId),
				"DECIDED", reviewId, caseId, policyVersion, reasons,
				"revision " + review.revision() + " → " + status.name());
		meters.counter("reviewflow.moderation.decisions", "outcome", status.name(), "actor",
				actor.name().toLowerCase(Locale.ROOT)).increment();
	}

	/** The review as moderation knows it, if it has seen it. */
	public Optional<KnownReview> find(UUID reviewId) {
		return jdbc.sql("select " + COLUMNS + " from review where review_id = ?")
			.param(reviewId)
			.query((rs, n) -> review(rs))
			.optional();
	}

	/**
	 * The review, locked until the caller's transaction ends: whatever changes a review's reports, cases or status
	 * takes this lock first, so such changes to one review happen one after the other.
	 */
	@Transactional(propagation = Propagation.MANDATORY)
	public Optional<KnownReview> lock(UUID reviewId) {
		return jdbc.sql("select " + COLUMNS + " from review where review_id = ? for update")
			.param(reviewId)
			.query((rs, n) -> review(rs))
			.optional();
	}

	/** A moderator kept the review after reports: the threshold for new reports doubles. */
	@Transactional(propagation = Propagation.MANDATORY)
	public void kept(UUID reviewId) {
		jdbc.sql("update review set keeps = keeps + 1 where review_id = ?").param(reviewId).update();
	}

	/** What the author wrote, as of the latest revision. */
	public Optional<ReviewContent> content(UUID reviewId) {
		return jdbc.sql("select type, revision, headline, body, submitted_at, updated_at from review where review_id = ?")
			.param(reviewId)
			.query((rs, n) -> new ReviewContent(ReviewType.valueOf(rs.getString(1)), rs.getInt(2), rs.getString(3),
					rs.getString(4), rs.getTimestamp(5).toInstant(), rs.getTimestamp(6).toInstant()))
			.optional();
	}

	/** Every decision about the review, oldest first. */
	public List<Decision> decisions(UUID reviewId) {
		return jdbc.sql("""
				select decision_id, revision, status, actor, moderator_id, reasons, policy_version, decided_at
				from decision where review_id = ? order by sequence""")
			.param(reviewId)
			.query((rs, n) -> new Decision(rs.getObject(1, UUID.class), rs.getInt(2),
					ReviewStatus.valueOf(rs.getString(3)), DecisionActor.valueOf(rs.getString(4)), rs.getString(5),
					List.of((String[]) rs.getArray(6).getArray()), (Integer) rs.getObject(7),
					rs.getTimestamp(8).toInstant()))
			.list();
	}

	/** The author deleted the review: nothing left to moderate. */
	@Transactional(propagation = Propagation.MANDATORY)
	void deleted(UUID reviewId) {
		int changed = jdbc.sql("update review set status = ?, updated_at = ? where review_id = ? and status <> ?")
			.params(ReviewStatus.DELETED.name(), Timestamp.from(Instant.now(clock)), reviewId, ReviewStatus.DELETED.name())
			.update();
		if (changed == 1) {
			events.publishEvent(new ReviewWithdrawn(reviewId));
		}
	}

	private static KnownReview review(ResultSet rs) throws SQLException {
		return new KnownReview(rs.getObject(1, UUID.class), rs.getString(2), rs.getString(3), rs.getInt(4),
				ReviewStatus.valueOf(rs.getString(5)), rs.getInt(6));
	}
}
