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

	/** How many of the author's earlier reviews of the same title a new one is checked against, newest first. */
	static final int EARLIER_OF_TITLE = 20;

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
		// near-duplicates are looked for among the author's reviews of other titles, deleted ones included; an earlier
		// review of this title is a predecessor this one replaces, and counts as a repost when moderation was against it
		List<PreModeration.OtherReview> others = jdbc.sql("""
				select review_id, headline, body from review
				where author_id = ? and title_id <> ?
				order by submitted_at desc limit ?""")
			.params(authorId, titleId, DUPLICATE_CANDIDATES)
			.query((rs, n) -> new PreModeration.OtherReview(rs.getObject(1, UUID.class), rs.getString(2),
					rs.getString(3)))
			.list();
		List<PreModeration.EarlierReview> earlier = publishedByModerator(reviewId) ? List.of()
				: earlierOfTitle(reviewId, authorId, titleId, true).stream().map(EarlierReview::screened).toList();
		Screening screening = preModeration.screen(headline, body, policy.policy(), others, earlier);
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

	/**
	 * The author's reviews of the review's title submitted before it, newest first: deleted ones that moderation had
	 * hidden, removed or rejected (deleted while published or held, they weigh nothing, and a chain of such deletions
	 * must not push a removal out of the window), or one whose deletion has not
	 * arrived yet (review-intake allows one review per author and title that is not deleted; the next review may be
	 * read before the earlier one's deletion, which is keyed by another review and may travel on another partition).
	 * Each with where it stood (a deleted one: when it was deleted) and the last decision about it.
	 */
	public List<EarlierReview> earlierOfTitle(KnownReview review) {
		return earlierOfTitle(review.reviewId(), review.authorId(), review.titleId(), false);
	}

	/**
	 * @param lock whether to wait for a decision about one of them that another transaction is taking, and see it
	 */
	private List<EarlierReview> earlierOfTitle(UUID reviewId, String authorId, String titleId, boolean lock) {
		record Row(UUID reviewId, ReviewStatus status, @Nullable Instant deletedAt) {
		}
		List<Row> rows = jdbc.sql("""
				select review_id, coalesce(status_when_deleted, status), deleted_at
				from review where author_id = ? and title_id = ? and review_id <> ?
				  and submitted_at < coalesce((select submitted_at from review where review_id = ?), 'infinity')
				  and (deleted_at is null or status_when_deleted in ('HIDDEN', 'REMOVED', 'REJECTED'))
				order by submitted_at desc, review_id limit ?""" + (lock ? " for share" : ""))
			.params(authorId, titleId, reviewId, reviewId, EARLIER_OF_TITLE)
			.query((rs, n) -> new Row(rs.getObject(1, UUID.class), ReviewStatus.valueOf(rs.getString(2)),
					instant(rs.getTimestamp(3))))
			.list();
		// read after the lock: a decision committed while this waited is seen
		return rows.stream().map(row -> {
			List<Decision> decisions = decisions(row.reviewId());
			return new EarlierReview(row.reviewId(), row.status(), row.deletedAt(),
					decisions.isEmpty() ? null : decisions.getLast());
		}).toList();
	}

	/** Whether a moderator has published a revision of the review (kept it): it is no longer held as a repost. */
	private boolean publishedByModerator(UUID reviewId) {
		return jdbc.sql("""
				select exists (select 1 from decision
				  where review_id = ? and actor = 'MODERATOR' and status = 'PUBLISHED')""")
			.param(reviewId)
			.query(Boolean.class)
			.single();
	}

	/**
	 * The author deleted the review: nothing left to moderate. The row stays, with the status it had
	 * ({@code status_when_deleted}): a hidden, removed or rejected review still counts against a new review of the
	 * same title by the same author, and its text against near-duplicates.
	 * @param at when the author deleted it (review-intake's time, for people to read)
	 */
	@Transactional(propagation = Propagation.MANDATORY)
	void deleted(UUID reviewId, Instant at) {
		Timestamp now = Timestamp.from(Instant.now(clock).truncatedTo(ChronoUnit.MICROS));
		int changed = jdbc.sql("""
				update review set status = ?, status_when_deleted = status, deleted_at = ?, updated_at = ?
				where review_id = ? and status <> ?""")
			.params(ReviewStatus.DELETED.name(), Timestamp.from(at), now, reviewId, ReviewStatus.DELETED.name())
			.update();
		if (changed == 1) {
			events.publishEvent(new ReviewWithdrawn(reviewId));
		}
	}

	private static @Nullable Instant instant(@Nullable Timestamp timestamp) {
		return timestamp == null ? null : timestamp.toInstant();
	}

	private static KnownReview review(ResultSet rs) throws SQLException {
		return new KnownReview(rs.getObject(1, UUID.class), rs.getString(2), rs.getString(3), rs.getInt(4),
				ReviewStatus.valueOf(rs.getString(5)), rs.getInt(6));
	}
}
