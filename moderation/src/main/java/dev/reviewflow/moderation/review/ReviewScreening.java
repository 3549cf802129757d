package dev.reviewflow.moderation.review;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

import dev.reviewflow.events.DecisionActor;
import dev.reviewflow.events.ReviewStatus;
import dev.reviewflow.events.ReviewType;
import dev.reviewflow.moderation.policy.Policies;
import dev.reviewflow.moderation.policy.PolicyVersion;
import dev.reviewflow.moderation.policy.PreModeration;
import dev.reviewflow.moderation.policy.Screening;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Keeps moderation's copy of a review current and pre-moderates each new revision: stores it, screens it, records the
 * automatic decision ({@link ReviewDecisions}) and announces {@link ReviewScreened}; a deletion keeps the row with
 * the status it had and announces {@link ReviewWithdrawn}.
 */
@Service
class ReviewScreening {

	/** How many of an author's other reviews a new one is compared with for near-duplicates, newest first. */
	static final int DUPLICATE_CANDIDATES = 50;

	private final JdbcClient jdbc;

	private final KnownReviews reviews;

	private final ReviewDecisions decisions;

	private final PreModeration preModeration;

	private final Policies policies;

	private final ApplicationEventPublisher events;

	private final Clock clock;

	ReviewScreening(JdbcClient jdbc, KnownReviews reviews, ReviewDecisions decisions, PreModeration preModeration,
			Policies policies, ApplicationEventPublisher events, Clock clock) {
		this.jdbc = jdbc;
		this.reviews = reviews;
		this.decisions = decisions;
		this.preModeration = preModeration;
		this.policies = policies;
		this.events = events;
		this.clock = clock;
	}

	/**
	 * A new review or a new revision of one: stored, screened, and the outcome recorded and published. An older
	 * revision than the one already known changes nothing.
	 */
	@Transactional(propagation = Propagation.MANDATORY)
	void received(UUID reviewId, String titleId, String authorId, ReviewType type, int revision, String headline,
			String body, Instant at) {
		// one author's reviews are screened one at a time (several consumers screen at once): each sees the author's
		// others, and the decisions about them, as committed before it
		jdbc.sql("select pg_advisory_xact_lock(hashtextextended('screening/' || ?, 0))").param(authorId)
			.query((rs, n) -> 0)
			.list();
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
		List<PreModeration.EarlierReview> earlier = reviews.publishedByModerator(reviewId) ? List.of()
				: reviews.earlierOfTitle(reviewId, authorId, titleId, true).stream().map(EarlierReview::screened).toList();
		Screening screening = preModeration.screen(headline, body, policy.policy(), others, earlier);
		decisions.decide(reviewId, null, screening.outcome(), DecisionActor.AUTOMATIC, null, screening.reasons(),
				policy.version());
		events.publishEvent(new ReviewScreened(reviewId, revision, screening, policy.version()));
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

}
