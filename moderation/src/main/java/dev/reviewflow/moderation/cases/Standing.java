package dev.reviewflow.moderation.cases;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import dev.reviewflow.events.ReviewStatus;
import dev.reviewflow.moderation.review.Decision;
import dev.reviewflow.moderation.review.KnownReview;
import org.jspecify.annotations.Nullable;

/** A review's moderation history and appeal, as its author (or a moderator) sees it. */
public record Standing(UUID reviewId, ReviewStatus status, List<Decision> decisions, Appeal appeal) {

	public Standing {
		decisions = List.copyOf(decisions);
	}

	/**
	 * Where the review stands: an appeal made shows its case; otherwise a removed or rejected review may be appealed
	 * until the window after its last decision ends; anything else has nothing to appeal.
	 * @param appealCase the author's appeal about the review, if they made one
	 * @param now moderation's clock
	 */
	public static Standing of(KnownReview review, List<Decision> decisions, @Nullable CaseView appealCase,
			int appealWindowDays, Instant now) {
		Appeal appeal;
		if (appealCase != null) {
			appeal = new Appeal(AppealStatus.valueOf(appealCase.status().name()), null, appealCase.caseId(),
					appealCase.action());
		}
		else if (decisions.isEmpty()
				|| (review.status() != ReviewStatus.REMOVED && review.status() != ReviewStatus.REJECTED)) {
			appeal = new Appeal(AppealStatus.NOT_APPLICABLE, null, null, null);
		}
		else {
			Instant deadline = ModerationCase.appealDeadline(decisions.getLast(), appealWindowDays);
			appeal = new Appeal(now.isAfter(deadline) ? AppealStatus.EXPIRED : AppealStatus.AVAILABLE, deadline, null,
					null);
		}
		return new Standing(review.reviewId(), review.status(), decisions, appeal);
	}

	/** As the author sees it: who decided is not theirs to know. */
	public Standing withoutModerators() {
		return new Standing(reviewId, status, decisions.stream()
			.map(decision -> new Decision(decision.decisionId(), decision.revision(), decision.status(),
					decision.actor(), null, decision.reasons(), decision.policyVersion(), decision.decidedAt()))
			.toList(), appeal);
	}

	/**
	 * @param status AVAILABLE (until {@code until}), EXPIRED, NOT_APPLICABLE, or the appeal case's status (OPEN,
	 * CLAIMED, RESOLVED with its {@code action})
	 */
	public record Appeal(AppealStatus status, @Nullable Instant until, @Nullable UUID caseId,
			@Nullable CaseAction action) {
	}

	/** Whether the author may appeal, or where their appeal stands. */
	public enum AppealStatus {
		AVAILABLE, EXPIRED, NOT_APPLICABLE, OPEN, CLAIMED, RESOLVED
	}
}
