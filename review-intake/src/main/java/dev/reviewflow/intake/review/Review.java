package dev.reviewflow.intake.review;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import dev.reviewflow.events.ModerationDecided;
import dev.reviewflow.events.ReviewDeleted;
import dev.reviewflow.events.ReviewEdited;
import dev.reviewflow.events.ReviewStatus;
import dev.reviewflow.events.ReviewSubmitted;
import dev.reviewflow.events.ReviewType;
import dev.reviewflow.events.Verdict;
import org.jspecify.annotations.Nullable;

/**
 * A review and its rules: who may change it, in which state, and how moderation's decisions apply to it. Every
 * transition checks the current state first, then changes it and registers what happened as an event (published by
 * whoever saves the review, after saving): {@link ReviewSubmitted}, {@link ReviewEdited} and {@link ReviewDeleted}
 * (the Kafka contract, sent through the outbox), {@link ReviewRated}, {@link ReviewTakenDown} and
 * {@link ReviewReinstated} (in-process, for the rating feature).
 * <p>
 * States ({@link ReviewStatus}): a submitted or edited revision is PENDING until moderation decides (PUBLISHED,
 * HELD, REJECTED, HIDDEN or REMOVED, by revision and moderation's sequence); its author may delete it (DELETED) from
 * any state, and edit it unless it is DELETED, REMOVED or HIDDEN.
 */
class Review {

	private final UUID reviewId;

	private final String titleId;

	private final String authorId;

	private final ReviewType type;

	private final boolean topCritic;

	private final Instant createdAt;

	private int revision;

	private @Nullable Integer rating;

	private @Nullable Verdict verdict;

	private @Nullable String publication;

	private String headline;

	private String body;

	private boolean containsSpoilers;

	private ReviewStatus status;

	private Instant statusChangedAt;

	private @Nullable Instant editedAt;

	/** The revision and sequence of the last decision applied (0, 0 before the first). */
	private int decisionRevision;

	private long decisionSequence;

	private final List<Object> events = new ArrayList<>();

	Review(UUID reviewId, String titleId, String authorId, ReviewType type, int revision, @Nullable Integer rating,
			@Nullable Verdict verdict, @Nullable String publication, boolean topCritic, String headline, String body,
			boolean containsSpoilers, ReviewStatus status, Instant createdAt, @Nullable Instant editedAt,
			Instant statusChangedAt, int decisionRevision, long decisionSequence) {
		this.reviewId = reviewId;
		this.titleId = titleId;
		this.authorId = authorId;
		this.type = type;
		this.revision = revision;
		this.rating = rating;
		this.verdict = verdict;
		this.publication = publication;
		this.topCritic = topCritic;
		this.headline = headline;
		this.body = body;
		this.containsSpoilers = containsSpoilers;
		this.status = status;
		this.createdAt = createdAt;
		this.editedAt = editedAt;
		this.statusChangedAt = statusChangedAt;
		this.decisionRevision = decisionRevision;
		this.decisionSequence = decisionSequence;
	}

	/**
	 * A new review, PENDING at revision 1. Only a critic's review marks its author a top critic. A user review's
	 * rating is its author's rating of the title ({@link ReviewRated}).
	 */
	static Review submit(UUID reviewId, String titleId, Author author, ReviewDraft draft, Instant now) {
		boolean topCritic = draft.type() == ReviewType.CRITIC && author.topCritic();
		Review review = new Review(reviewId, titleId, author.id(), draft.type(), 1, draft.rating(), draft.verdict(),
				draft.publication(), topCritic, draft.headline(), draft.body(), draft.containsSpoilers(),
				ReviewStatus.PENDING, now, null, now, 0, 0);
		review.events.add(new ReviewSubmitted(reviewId, titleId, author.id(), draft.type(), 1, draft.rating(),
				draft.verdict(), draft.publication(), topCritic, draft.headline(), draft.body(),
				draft.containsSpoilers(), now));
		if (draft.rating() != null) {
			review.events.add(new ReviewRated(reviewId, titleId, author.id(), draft.rating()));
		}
		return review;
	}

	/**
	 * The author changes what the patch sends; the new revision goes back to moderation (PENDING). Refused for
	 * anyone but the author ({@link #requireAuthor}), in the states that forbid it ({@link ReviewNotEditable}), and
	 * for fields of the other type of review ({@link InvalidReviewFields}).
	 */
	void edit(Author caller, ReviewPatch patch, Instant now) {
		requireAuthor(caller, "edit");
		if (status == ReviewStatus.DELETED || status == ReviewStatus.REMOVED || status == ReviewStatus.HIDDEN) {
			throw new ReviewNotEditable(reviewId, status);
		}
		List<InvalidReviewFields.Field> invalid = new ArrayList<>();
		if (type == ReviewType.USER && (patch.verdict() != null || patch.publication() != null)) {
			invalid.add(new InvalidReviewFields.Field(patch.verdict() != null ? "verdict" : "publication",
					"is only for critic reviews"));
		}
		if (type == ReviewType.CRITIC && patch.rating() != null) {
			invalid.add(new InvalidReviewFields.Field("rating", "is only for user reviews"));
		}
		if (!invalid.isEmpty()) {
			throw new InvalidReviewFields(type, invalid, true);
		}
		Integer previousRating = rating;
		revision++;
		rating = patch.rating() != null ? patch.rating() : rating;
		verdict = patch.verdict() != null ? patch.verdict() : verdict;
		publication = patch.publication() != null ? patch.publication() : publication;
		headline = patch.headline() != null ? patch.headline() : headline;
		body = patch.body() != null ? patch.body() : body;
		containsSpoilers = patch.containsSpoilers() != null ? patch.containsSpoilers() : containsSpoilers;
		status = ReviewStatus.PENDING;
		editedAt = now;
		statusChangedAt = now;
		events.add(new ReviewEdited(reviewId, titleId, authorId, type, revision, rating, verdict, publication,
				topCritic, headline, body, containsSpoilers, now));
		if (rating != null && !rating.equals(previousRating)) {
			events.add(new ReviewRated(reviewId, titleId, authorId, rating));
		}
	}

	/**
	 * The author deletes the review; their rating of the title stays.
	 * @return whether anything changed: deleting a deleted review again changes nothing
	 */
	boolean delete(Author caller, Instant now) {
		requireAuthor(caller, "delete");
		if (status == ReviewStatus.DELETED) {
			return false;
		}
		status = ReviewStatus.DELETED;
		statusChangedAt = now;
		events.add(new ReviewDeleted(reviewId, titleId, authorId, type, now));
		return true;
	}

	/**
	 * Applies moderation's decision if it judged the current revision and is newer than the last one applied by
	 * (revision, sequence), moderation's own numbering; a decision about an older revision (the review was edited
	 * since), an older decision arriving late, or one about a deleted review changes nothing. No clock is compared:
	 * only decisions written before sequences existed (sequence 0) fall back to their time. A user review rejected
	 * or removed takes its author's rating with it ({@link ReviewTakenDown}); published again after that (an appeal
	 * kept), it gives the rating back ({@link ReviewReinstated}).
	 * @return whether the decision was applied
	 */
	boolean apply(ModerationDecided decision) {
		Instant decidedAt = toMicros(decision.decidedAt());
		boolean newer = decision.revision() > decisionRevision
				|| (decision.revision() == decisionRevision && decision.sequence() > decisionSequence);
		boolean olderThanSequences = decision.sequence() == 0 && decisionSequence == 0
				&& !statusChangedAt.isAfter(decidedAt);
		if (decision.revision() != revision || status == ReviewStatus.DELETED || !(newer || olderThanSequences)) {
			return false;
		}
		ReviewStatus previous = status;
		status = decision.status();
		statusChangedAt = decidedAt;
		decisionRevision = decision.revision();
		decisionSequence = decision.sequence();
		if (type == ReviewType.USER) {
			if (takesRatingAway(status)) {
				events.add(new ReviewTakenDown(reviewId, titleId, authorId, status));
			}
			else if (status == ReviewStatus.PUBLISHED && takesRatingAway(previous) && rating != null) {
				events.add(new ReviewReinstated(reviewId, titleId, authorId, rating));
			}
		}
		return true;
	}

	/**
	 * The author rated the title anew: a review that carries their rating takes the new one (no new revision, no
	 * moderation: the text is unchanged).
	 */
	void takeAuthorsRating(int newRating) {
		if (carriesRating()) {
			rating = newRating;
		}
	}

	/** Whether this review's rating is its author's current rating of the title: a user review still standing. */
	boolean carriesRating() {
		return type == ReviewType.USER && status != ReviewStatus.DELETED && !takesRatingAway(status);
	}

	/**
	 * Only the author changes a review: anyone else who may see it is refused ({@link NotReviewAuthor}), anyone who
	 * may not learns nothing of it ({@link ReviewNotFound}).
	 */
	void requireAuthor(Author caller, String action) {
		if (authorId.equals(caller.id())) {
			return;
		}
		if (visibleTo(status, authorId, caller)) {
			throw new NotReviewAuthor(reviewId, action);
		}
		throw new ReviewNotFound(reviewId);
	}

	/** Anyone sees a PUBLISHED review; its author and moderators see it in every state. */
	static boolean visibleTo(ReviewStatus status, String authorId, @Nullable Author viewer) {
		return status == ReviewStatus.PUBLISHED
				|| (viewer != null && (viewer.id().equals(authorId) || viewer.isModerator()));
	}

	private static boolean takesRatingAway(ReviewStatus status) {
		return status == ReviewStatus.REMOVED || status == ReviewStatus.REJECTED;
	}

	/** PostgreSQL keeps microseconds: a time compared with a stored one is rounded as the driver rounds it. */
	static Instant toMicros(Instant time) {
		long micros = Math.round(time.getNano() / 1000.0);
		return Instant.ofEpochSecond(time.getEpochSecond()).plusNanos(micros * 1000);
	}

	/** The events registered since the last call, in the order they happened; forgets them. */
	List<Object> releaseEvents() {
		List<Object> released = List.copyOf(events);
		events.clear();
		return released;
	}

	UUID reviewId() {
		return reviewId;
	}

	String titleId() {
		return titleId;
	}

	String authorId() {
		return authorId;
	}

	ReviewType type() {
		return type;
	}

	int revision() {
		return revision;
	}

	@Nullable Integer rating() {
		return rating;
	}

	@Nullable Verdict verdict() {
		return verdict;
	}

	@Nullable String publication() {
		return publication;
	}

	boolean topCritic() {
		return topCritic;
	}

	String headline() {
		return headline;
	}

	String body() {
		return body;
	}

	boolean containsSpoilers() {
		return containsSpoilers;
	}

	ReviewStatus status() {
		return status;
	}

	Instant createdAt() {
		return createdAt;
	}

	@Nullable Instant editedAt() {
		return editedAt;
	}

	Instant statusChangedAt() {
		return statusChangedAt;
	}

	int decisionRevision() {
		return decisionRevision;
	}

	long decisionSequence() {
		return decisionSequence;
	}
}
