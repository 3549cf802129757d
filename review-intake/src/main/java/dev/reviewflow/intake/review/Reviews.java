package dev.reviewflow.intake.review;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.UUID;

import dev.reviewflow.events.ModerationDecided;
import dev.reviewflow.events.ReviewStatus;
import dev.reviewflow.events.ReviewSubmitted;
import dev.reviewflow.events.ReviewType;
import dev.reviewflow.events.Verdict;
import dev.reviewflow.intake.rating.Ratings;
import dev.reviewflow.intake.title.Titles;
import dev.reviewflow.platform.ApiException;
import dev.reviewflow.platform.Outbox;
import io.micrometer.core.instrument.MeterRegistry;
import org.jspecify.annotations.Nullable;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Submitting reviews, applying moderation's decisions and reading reviews back. */
@Service
public class Reviews {

	private final JdbcClient jdbc;

	private final Titles titles;

	private final Ratings ratings;

	private final Outbox outbox;

	private final MeterRegistry meters;

	Reviews(JdbcClient jdbc, Titles titles, Ratings ratings, Outbox outbox, MeterRegistry meters) {
		this.jdbc = jdbc;
		this.titles = titles;
		this.ratings = ratings;
		this.outbox = outbox;
		this.meters = meters;
	}

	/**
	 * Stores a new review as PENDING and publishes {@code ReviewSubmitted} (and, for a user review, the author's
	 * {@code RatingSet}) in the same transaction.
	 */
	@Transactional
	public Review submit(String titleId, Author author, ReviewDraft draft) {
		if (!titles.exists(titleId)) {
			throw ApiException.notFound("There is no title '" + titleId + "'.");
		}
		Optional<UUID> existing = jdbc.sql("select review_id from review where title_id = ? and author_id = ?")
			.params(titleId, author.id())
			.query(UUID.class)
			.optional();
		if (existing.isPresent()) {
			throw new ApiException(org.springframework.http.HttpStatus.CONFLICT, "Already reviewed",
					"You have already reviewed this title: review " + existing.get() + ". Edit that one instead.",
					java.util.Map.of("reviewId", existing.get()));
		}
		UUID reviewId = UUID.randomUUID();
		Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
		boolean topCritic = draft.type() == ReviewType.CRITIC && author.topCritic();
		jdbc.sql("""
				insert into review (review_id, title_id, author_id, type, revision, rating, verdict, publication,
				  top_critic, headline, body, contains_spoilers, status, created_at, status_changed_at)
				values (?, ?, ?, ?, 1, ?, ?, ?, ?, ?, ?, ?, 'PENDING', ?, ?)
				on conflict on constraint one_review_per_author_and_title do nothing""")
			.params(reviewId, titleId, author.id(), draft.type().name(), draft.rating(),
					draft.verdict() == null ? null : draft.verdict().name(), draft.publication(), topCritic,
					draft.headline(), draft.body(), draft.containsSpoilers(), Timestamp.from(now), Timestamp.from(now))
			.update();
		outbox.publish(reviewId.toString(),
				new ReviewSubmitted(reviewId, titleId, author.id(), draft.type(), 1, draft.rating(), draft.verdict(),
						draft.publication(), topCritic, draft.headline(), draft.body(), draft.containsSpoilers(),
						now));
		if (draft.rating() != null) {
			ratings.set(titleId, author.id(), draft.rating());
		}
		meters.counter("reviewflow.reviews.submitted", "type", draft.type().name(), "outcome", "accepted")
			.increment();
		return find(reviewId).orElseThrow();
	}

	/**
	 * Applies moderation's decision to the revision it judged; a decision about an older revision (the review was
	 * edited since) or about a deleted review changes nothing. A removed or rejected user review takes its author's
	 * rating of the title with it.
	 */
	@Transactional(propagation = org.springframework.transaction.annotation.Propagation.MANDATORY)
	public void apply(ModerationDecided decision, Instant decidedAt) {
		int updated = jdbc.sql("""
				update review set status = ?, status_changed_at = ?
				where review_id = ? and revision = ? and status <> 'DELETED' and status_changed_at <= ?""")
			.params(decision.status().name(), Timestamp.from(decidedAt), decision.reviewId(), decision.revision(),
					Timestamp.from(decidedAt))
			.update();
		if (updated == 1 && (decision.status() == ReviewStatus.REMOVED || decision.status() == ReviewStatus.REJECTED)) {
			find(decision.reviewId()).filter(review -> review.type() == ReviewType.USER)
				.ifPresent(review -> ratings.withdraw(review.titleId(), review.authorId()));
		}
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
