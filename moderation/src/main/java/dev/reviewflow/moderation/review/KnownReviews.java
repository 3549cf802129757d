package dev.reviewflow.moderation.review;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import dev.reviewflow.events.DecisionActor;
import dev.reviewflow.events.ReviewStatus;
import dev.reviewflow.events.ReviewType;
import org.jspecify.annotations.Nullable;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Moderation's copy of each review's latest revision and where it stands (table {@code review}), and the decisions
 * about it (table {@code decision}): reads, and the lock every change to a review takes first.
 */
@Repository
public class KnownReviews {

	/** How many of the author's earlier reviews of the same title a new one is checked against, newest first. */
	static final int EARLIER_OF_TITLE = 20;

	private static final String COLUMNS = "review_id, title_id, author_id, revision, status, keeps";

	private final JdbcClient jdbc;

	KnownReviews(JdbcClient jdbc) {
		this.jdbc = jdbc;
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
	List<EarlierReview> earlierOfTitle(UUID reviewId, String authorId, String titleId, boolean lock) {
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
	boolean publishedByModerator(UUID reviewId) {
		return jdbc.sql("""
				select exists (select 1 from decision
				  where review_id = ? and actor = 'MODERATOR' and status = 'PUBLISHED')""")
			.param(reviewId)
			.query(Boolean.class)
			.single();
	}

	private static @Nullable Instant instant(@Nullable Timestamp timestamp) {
		return timestamp == null ? null : timestamp.toInstant();
	}

	private static KnownReview review(ResultSet rs) throws SQLException {
		return new KnownReview(rs.getObject(1, UUID.class), rs.getString(2), rs.getString(3), rs.getInt(4),
				ReviewStatus.valueOf(rs.getString(5)), rs.getInt(6));
	}
}
