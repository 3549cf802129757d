package dev.reviewflow.intake.review;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import dev.reviewflow.events.ModerationDecided;
import dev.reviewflow.events.ReviewDeleted;
import dev.reviewflow.events.ReviewEdited;
import dev.reviewflow.events.ReviewScoreChanged;
import dev.reviewflow.events.ReviewStatus;
import dev.reviewflow.events.ReviewSubmitted;
import dev.reviewflow.events.ReviewType;
import dev.reviewflow.events.Verdict;
import dev.reviewflow.intake.policy.WriteLimits;
import dev.reviewflow.intake.policy.WriteLimits.Write;
import dev.reviewflow.intake.rating.Ratings;
import dev.reviewflow.intake.rating.ReviewedRatings;
import dev.reviewflow.intake.title.Titles;
import dev.reviewflow.platform.ApiException;
import dev.reviewflow.platform.Outbox;
import dev.reviewflow.platform.Page;
import dev.reviewflow.platform.ProblemHandling.FieldProblem;
import io.micrometer.core.instrument.MeterRegistry;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Submitting reviews, applying moderation's decisions and reading reviews back. */
@Service
public class Reviews implements ReviewedRatings {

	private final JdbcClient jdbc;

	private final Titles titles;

	/** Lazily: ratings ask reviews (as {@link ReviewedRatings}) whether a review carries a rating. */
	private final ObjectProvider<Ratings> ratings;

	private final Outbox outbox;

	private final MeterRegistry meters;

	private final WriteLimits limits;

	Reviews(JdbcClient jdbc, Titles titles, ObjectProvider<Ratings> ratings, Outbox outbox, MeterRegistry meters,
			WriteLimits limits) {
		this.jdbc = jdbc;
		this.titles = titles;
		this.ratings = ratings;
		this.outbox = outbox;
		this.meters = meters;
		this.limits = limits;
	}

	/**
	 * Stores a new review as PENDING and publishes {@code ReviewSubmitted} (and, for a user review, the author's
	 * {@code RatingSet}) in the same transaction; 429 beyond the author's review limit.
	 */
	@Transactional
	public Review submit(String titleId, Author author, ReviewDraft draft) {
		if (!titles.exists(titleId)) {
			throw ApiException.notFound("There is no title '" + titleId + "'.");
		}
		limits.acquire(author.id(), Write.REVIEW);
		UUID reviewId = UUID.randomUUID();
		Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
		boolean topCritic = draft.type() == ReviewType.CRITIC && author.topCritic();
		int inserted = jdbc.sql("""
				insert into review (review_id, title_id, author_id, type, revision, rating, verdict, publication,
				  top_critic, headline, body, contains_spoilers, status, created_at, status_changed_at)
				values (?, ?, ?, ?, 1, ?, ?, ?, ?, ?, ?, ?, 'PENDING', ?, ?)
				on conflict (title_id, author_id) where status <> 'DELETED' do nothing""")
			.params(reviewId, titleId, author.id(), draft.type().name(), draft.rating(),
					draft.verdict() == null ? null : draft.verdict().name(), draft.publication(), topCritic,
					draft.headline(), draft.body(), draft.containsSpoilers(), Timestamp.from(now), Timestamp.from(now))
			.update();
		if (inserted == 0) {
			// one live review per author per title: the unique index decides, also between simultaneous submissions
			throw alreadyReviewed(existingReview(titleId, author.id()).orElseThrow());
		}
		outbox.publish(reviewId.toString(),
				new ReviewSubmitted(reviewId, titleId, author.id(), draft.type(), 1, draft.rating(), draft.verdict(),
						draft.publication(), topCritic, draft.headline(), draft.body(), draft.containsSpoilers(),
						now));
		if (draft.rating() != null) {
			// a review's rating is the author's rating: it counts against their rating limit too (429 undoes it all)
			limits.acquire(author.id(), Write.RATING);
			ratings.getObject().set(titleId, author.id(), draft.rating());
		}
		meters.counter("reviewflow.reviews.submitted", "type", draft.type().name(), "outcome", "accepted")
			.increment();
		return find(reviewId).orElseThrow();
	}

	private Optional<UUID> existingReview(String titleId, String authorId) {
		return jdbc.sql("select review_id from review where title_id = ? and author_id = ? and status <> 'DELETED'")
			.params(titleId, authorId)
			.query(UUID.class)
			.optional();
	}

	private static ApiException alreadyReviewed(UUID existing) {
		return new ApiException(org.springframework.http.HttpStatus.CONFLICT, "Already reviewed",
				"You have already reviewed this title: review " + existing + ". Edit that one instead.",
				java.util.Map.of("reviewId", existing));
	}

	/**
	 * Applies moderation's decision to the revision it judged, if it is newer than the last one applied by
	 * (revision, sequence), moderation's own numbering; a decision about an older revision (the review was edited
	 * since), an older decision arriving late, or one about a deleted review changes nothing. No clock is compared:
	 * only decisions written before sequences existed (sequence 0) fall back to their time. A removed or rejected user review takes its author's
	 * rating of the title with it; when a moderator restores it (an appeal kept), the review's rating is the author's
	 * rating again, unless they have rated the title anew meanwhile.
	 */
	@Transactional(propagation = org.springframework.transaction.annotation.Propagation.MANDATORY)
	public void apply(ModerationDecided decision) {
		Optional<Review> before = jdbc.sql("select * from review where review_id = ? for update")
			.param(decision.reviewId())
			.query(Reviews::row)
			.optional();
		Timestamp decidedAt = Timestamp.from(decision.decidedAt());
		int updated = jdbc.sql("""
				update review set status = :status, status_changed_at = :decidedAt,
				  decision_revision = :revision, decision_sequence = :sequence
				where review_id = :reviewId and revision = :revision and status <> 'DELETED'
				  and ((decision_revision, decision_sequence) < (:revision, :sequence)
				    or (:sequence = 0 and decision_sequence = 0 and status_changed_at <= :decidedAt))""")
			.param("status", decision.status().name())
			.param("revision", decision.revision())
			.param("sequence", decision.sequence())
			.param("reviewId", decision.reviewId())
			.param("decidedAt", decidedAt)
			.update();
		if (updated == 0 || before.isEmpty() || before.get().type() != ReviewType.USER) {
			return;
		}
		Review review = before.get();
		boolean withdrawn = review.status() == ReviewStatus.REMOVED || review.status() == ReviewStatus.REJECTED;
		if (decision.status() == ReviewStatus.REMOVED || decision.status() == ReviewStatus.REJECTED) {
			ratings.getObject().withdraw(review.titleId(), review.authorId());
		}
		else if (decision.status() == ReviewStatus.PUBLISHED && withdrawn && review.rating() != null
				&& ratings.getObject().find(review.titleId(), review.authorId()).isEmpty()) {
			ratings.getObject().set(review.titleId(), review.authorId(), review.rating());
		}
	}

	/**
	 * The author edits their review: the changed revision goes back through moderation (PENDING, a
	 * {@code ReviewEdited} event); a changed rating is the author's new rating of the title. 429 beyond the author's
	 * edit limit.
	 */
	@Transactional
	public Review edit(UUID reviewId, Author caller, ReviewPatch patch) {
		Review review = ownedBy(reviewId, caller, "edit");
		switch (review.status()) {
			case DELETED -> throw ApiException.conflict("This review was deleted.");
			case REMOVED -> throw ApiException.conflict(
					"A moderator removed this review; it cannot be edited. You may appeal the decision.");
			case HIDDEN -> throw ApiException.conflict(
					"This review is hidden while moderators look at reports about it; it cannot be edited until then.");
			default -> {
			}
		}
		List<FieldProblem> problems = new java.util.ArrayList<>();
		if (review.type() == ReviewType.USER && (patch.verdict() != null || patch.publication() != null)) {
			problems.add(new FieldProblem(patch.verdict() != null ? "verdict" : "publication",
					"is only for critic reviews"));
		}
		if (review.type() == ReviewType.CRITIC && patch.rating() != null) {
			problems.add(new FieldProblem("rating", "is only for user reviews"));
		}
		if (!problems.isEmpty()) {
			throw new ApiException(org.springframework.http.HttpStatus.BAD_REQUEST, "Invalid request",
					"The edit has " + problems.size() + " invalid field(s) for a " + review.type() + " review.",
					java.util.Map.of("errors", problems));
		}
		limits.acquire(caller.id(), Write.REVIEW_EDIT);
		Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
		int revision = review.revision() + 1;
		Integer rating = patch.rating() != null ? patch.rating() : review.rating();
		Verdict verdict = patch.verdict() != null ? patch.verdict() : review.verdict();
		String publication = patch.publication() != null ? patch.publication() : review.publication();
		String headline = patch.headline() != null ? patch.headline() : review.headline();
		String body = patch.body() != null ? patch.body() : review.body();
		boolean spoilers = patch.containsSpoilers() != null ? patch.containsSpoilers() : review.containsSpoilers();
		jdbc.sql("""
				update review set revision = ?, rating = ?, verdict = ?, publication = ?, headline = ?, body = ?,
				  contains_spoilers = ?, status = 'PENDING', edited_at = ?, status_changed_at = ?
				where review_id = ?""")
			.params(revision, rating, verdict == null ? null : verdict.name(), publication, headline, body, spoilers,
					Timestamp.from(now), Timestamp.from(now), reviewId)
			.update();
		outbox.publish(reviewId.toString(), new ReviewEdited(reviewId, review.titleId(), review.authorId(),
				review.type(), revision, rating, verdict, publication, review.topCritic(), headline, body, spoilers,
				now));
		if (rating != null && !rating.equals(review.rating())) {
			limits.acquire(review.authorId(), Write.RATING);
			ratings.getObject().set(review.titleId(), review.authorId(), rating);
		}
		meters.counter("reviewflow.reviews.edited", "type", review.type().name(), "outcome", "accepted").increment();
		return find(reviewId).orElseThrow();
	}

	/**
	 * The author deletes their review (DELETED, a {@code ReviewDeleted} event); their rating of the title stays. 429
	 * beyond the author's delete limit; deleting a deleted review again changes nothing and is not counted.
	 */
	@Transactional
	public void delete(UUID reviewId, Author caller) {
		Review review = ownedBy(reviewId, caller, "delete");
		if (review.status() == ReviewStatus.DELETED) {
			return;
		}
		limits.acquire(caller.id(), Write.REVIEW_DELETE);
		Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
		jdbc.sql("update review set status = 'DELETED', status_changed_at = ? where review_id = ?")
			.params(Timestamp.from(now), reviewId)
			.update();
		outbox.publish(reviewId.toString(),
				new ReviewDeleted(reviewId, review.titleId(), review.authorId(), review.type(), now));
		meters.counter("reviewflow.reviews.deleted", "type", review.type().name(), "outcome", "accepted").increment();
	}

	/** The review, locked for change, if the caller wrote it; 403 if they may see it but did not, 404 otherwise. */
	private Review ownedBy(UUID reviewId, Author caller, String action) {
		Review review = jdbc.sql("select * from review where review_id = ? for update")
			.param(reviewId)
			.query(Reviews::row)
			.optional()
			.orElseThrow(() -> ApiException.notFound("There is no review " + reviewId + "."));
		if (review.authorId().equals(caller.id())) {
			return review;
		}
		if (review.status() == ReviewStatus.PUBLISHED || caller.isModerator()) {
			throw ApiException.forbidden("Only the author of a review may " + action + " it.");
		}
		throw ApiException.notFound("There is no review " + reviewId + ".");
	}

	/**
	 * Scoring's latest helpfulness figures for a review, kept when their version is higher than the stored one: a
	 * duplicate or an older figure arriving late changes nothing. Only figures written before versions existed
	 * (version 0) fall back to their time.
	 */
	@Transactional
	public void applyScore(ReviewScoreChanged score) {
		jdbc.sql("""
				update review set helpful_votes = :helpful, total_votes = :total, wilson_lower_bound = :wilson,
				  votes_updated_at = :updatedAt, votes_version = :version
				where review_id = :reviewId and (votes_version < :version
				  or (:version = 0 and votes_version = 0 and (votes_updated_at is null or votes_updated_at < :updatedAt)))""")
			.param("helpful", score.helpful())
			.param("total", score.total())
			.param("wilson", score.wilsonLowerBound())
			.param("updatedAt", Timestamp.from(score.updatedAt()))
			.param("version", score.version())
			.param("reviewId", score.reviewId())
			.update();
	}

	/** A title's PUBLISHED reviews, one page. */
	public Page<Review> list(String titleId, @Nullable ReviewType type, ReviewOrder order, int page, int size) {
		if (!titles.exists(titleId)) {
			throw ApiException.notFound("There is no title '" + titleId + "'.");
		}
		String typeFilter = type == null ? "" : " and type = '" + type.name() + "'";
		List<Review> items = jdbc
			.sql("select * from review where title_id = ? and status = 'PUBLISHED'" + typeFilter + " order by "
					+ order.sql() + " limit ? offset ?")
			.params(titleId, size, (long) page * size)
			.query(Reviews::row)
			.list();
		long total = jdbc.sql("select count(*) from review where title_id = ? and status = 'PUBLISHED'" + typeFilter)
			.param(titleId)
			.query(Long.class)
			.single();
		return new Page<>(items, page, size, total);
	}

	@Override
	public boolean carriedByReview(String titleId, String userId) {
		return jdbc.sql("""
				select count(*) from review where title_id = ? and author_id = ? and type = 'USER'
				  and status not in ('DELETED', 'REMOVED', 'REJECTED')""")
			.params(titleId, userId)
			.query(Long.class)
			.single() > 0;
	}

	@Override
	public void ratingChanged(String titleId, String userId, int rating) {
		jdbc.sql("""
				update review set rating = ? where title_id = ? and author_id = ? and type = 'USER'
				  and status not in ('DELETED', 'REMOVED', 'REJECTED')""")
			.params(rating, titleId, userId)
			.update();
	}

	public Optional<Review> find(UUID reviewId) {
		return jdbc.sql("select * from review where review_id = ?").param(reviewId).query(Reviews::row).optional();
	}

	/** The review if the viewer may see it: anyone sees PUBLISHED ones, authors and moderators every status. */
	public Optional<Review> findVisible(UUID reviewId, @Nullable Author viewer) {
		return find(reviewId).filter(review -> review.status() == ReviewStatus.PUBLISHED
				|| (viewer != null && (viewer.id().equals(review.authorId()) || viewer.isModerator())));
	}

	private static Review row(ResultSet rs, int n) throws SQLException {
		Timestamp edited = rs.getTimestamp("edited_at");
		String verdict = rs.getString("verdict");
		return new Review(rs.getObject("review_id", UUID.class), rs.getString("title_id"), rs.getString("author_id"),
				ReviewType.valueOf(rs.getString("type")), rs.getInt("revision"), rs.getObject("rating", Integer.class),
				verdict == null ? null : Verdict.valueOf(verdict), rs.getString("publication"),
				rs.getBoolean("top_critic"), rs.getString("headline"), rs.getString("body"),
				rs.getBoolean("contains_spoilers"), ReviewStatus.valueOf(rs.getString("status")),
				rs.getLong("helpful_votes"), rs.getLong("total_votes"), rs.getTimestamp("created_at").toInstant(),
				edited == null ? null : edited.toInstant());
	}
}
