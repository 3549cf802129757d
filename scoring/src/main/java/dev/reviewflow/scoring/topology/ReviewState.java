package dev.reviewflow.scoring.topology;

import dev.reviewflow.events.ReviewStatus;
import dev.reviewflow.events.ReviewType;
import dev.reviewflow.events.Verdict;
import org.jspecify.annotations.Nullable;

/**
 * What scoring keeps of one review: its latest revision (from {@code reviews.review-events}) and the latest
 * moderation decision (from {@code reviews.moderation-decisions}). The two topics may deliver in either order, so a
 * decision can be known before the review it is about. The review counts only while its current revision is
 * PUBLISHED. Decisions are ordered by (revision, sequence), moderation's numbering; {@code decidedSequence} is 0 for
 * decisions stored before sequences existed.
 */
record ReviewState(String titleId, @Nullable ReviewType type, @Nullable Verdict verdict, boolean topCritic,
		int revision, boolean deleted, int decidedRevision, @Nullable ReviewStatus decidedStatus,
		long decidedSequence) {

	static ReviewState unknown(String titleId) {
		return new ReviewState(titleId, null, null, false, 0, false, 0, null, 0);
	}

	boolean published() {
		return type != null && !deleted && revision > 0 && decidedRevision == revision
				&& decidedStatus == ReviewStatus.PUBLISHED;
	}

	/** What this review adds to its title's counts. */
	ReviewContribution contribution() {
		if (!published()) {
			return ReviewContribution.NONE;
		}
		if (type == ReviewType.USER) {
			return new ReviewContribution(1, 0, 0, 0, 0, 0);
		}
		int fresh = verdict == Verdict.FRESH ? 1 : 0;
		int rotten = verdict == Verdict.ROTTEN ? 1 : 0;
		return new ReviewContribution(0, 1, fresh, rotten, topCritic ? fresh : 0, topCritic ? rotten : 0);
	}
}
