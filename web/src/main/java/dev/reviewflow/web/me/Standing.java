package dev.reviewflow.web.me;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import dev.reviewflow.events.DecisionActor;
import dev.reviewflow.events.ReviewStatus;
import org.jspecify.annotations.Nullable;

/**
 * Where a review stands in moderation, as moderation's {@code GET /api/reviews/{reviewId}/moderation} tells its
 * author: every decision about it (oldest first) and why, and whether they may appeal, until when, or where their
 * appeal stands.
 */
public record Standing(UUID reviewId, ReviewStatus status, List<Decision> decisions, Appeal appeal) {

	public Standing {
		decisions = List.copyOf(decisions);
	}

	/** The decision the review's status comes from, or null before any. */
	public @Nullable Decision latest() {
		return decisions.isEmpty() ? null : decisions.getLast();
	}

	/** The decisions before the latest, newest first. */
	public List<Decision> earlier() {
		return decisions.isEmpty() ? List.of() : decisions.subList(0, decisions.size() - 1).reversed();
	}

	/**
	 * One decision; {@code moderatorId} is given only to moderators (an author sees "a moderator").
	 * @param reasons why, in the moderator's words or the screening's findings
	 */
	public record Decision(ReviewStatus status, DecisionActor actor, @Nullable String moderatorId,
			List<String> reasons, Instant decidedAt) {

		public Decision {
			reasons = List.copyOf(reasons);
		}

		public String who() {
			if (moderatorId != null) {
				return "moderator " + moderatorId;
			}
			return actor == DecisionActor.AUTOMATIC ? "the automatic screening" : "a moderator";
		}

		public String why() {
			if (reasons.isEmpty()) {
				return status == ReviewStatus.PUBLISHED && actor == DecisionActor.AUTOMATIC
						? "It passed the automatic screening." : "No reason was given.";
			}
			return String.join("; ", reasons);
		}
	}

	/**
	 * The author's appeal: AVAILABLE until {@code until}, EXPIRED (at {@code until}), NOT_APPLICABLE, or the appeal
	 * case's status (OPEN, CLAIMED, RESOLVED with the moderator's {@code action}).
	 */
	public record Appeal(AppealStatus status, @Nullable Instant until, @Nullable UUID caseId,
			@Nullable CaseAction action) {

		public boolean available() {
			return status == AppealStatus.AVAILABLE;
		}

		public boolean made() {
			return status == AppealStatus.OPEN || status == AppealStatus.CLAIMED || status == AppealStatus.RESOLVED;
		}

		/** Where the appeal stands, in words (for AVAILABLE and EXPIRED the page adds the deadline). */
		public String words() {
			return switch (status) {
				case AVAILABLE -> "You may appeal this decision once.";
				case EXPIRED -> "The time to appeal this decision has passed.";
				case NOT_APPLICABLE -> "Nothing to appeal now: a review can be appealed once it is removed or rejected.";
				case OPEN -> "Your appeal is waiting for a moderator.";
				case CLAIMED -> "A moderator is looking at your appeal.";
				case RESOLVED -> action == CaseAction.KEEP
						? "Your appeal succeeded: a moderator restored the review."
						: "Your appeal was refused: the decision stands and is final.";
			};
		}
	}

	public enum AppealStatus {
		AVAILABLE, EXPIRED, NOT_APPLICABLE, OPEN, CLAIMED, RESOLVED
	}

	/** What a moderator decided about an appeal. */
	public enum CaseAction {
		KEEP, REMOVE
	}
}
