package dev.reviewflow.moderation.cases.web;

import java.util.Map;

import dev.reviewflow.moderation.cases.AlreadyAppealed;
import dev.reviewflow.moderation.cases.AppealWindowClosed;
import dev.reviewflow.moderation.cases.CaseAlreadyResolved;
import dev.reviewflow.moderation.cases.CaseClaimedByAnother;
import dev.reviewflow.moderation.cases.CaseNotFound;
import dev.reviewflow.moderation.cases.NoClaimHeld;
import dev.reviewflow.moderation.cases.NotAppealable;
import dev.reviewflow.moderation.cases.NotTheAuthor;
import dev.reviewflow.moderation.cases.OwnReviewCase;
import dev.reviewflow.moderation.review.UnknownReview;
import dev.reviewflow.platform.ProblemHandling;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * The one place where the case feature's domain exceptions become problem documents: unknown cases and reviews 404,
 * a moderator's own review or someone else's appeal 403, a case not available (resolved, claimed by another, no claim
 * held) or an appeal not possible (not removed, made already, too late) 409. Ordered before the platform's catch-all.
 */
@RestControllerAdvice(assignableTypes = { CaseController.class, AppealController.class,
		ReviewStandingController.class })
@Order(Ordered.HIGHEST_PRECEDENCE)
class CaseProblems {

	@ExceptionHandler({ CaseNotFound.class, UnknownReview.class })
	ProblemDetail notFound(RuntimeException ex) {
		return ProblemHandling.problem(HttpStatus.NOT_FOUND, "Not found", message(ex), Map.of());
	}

	@ExceptionHandler({ OwnReviewCase.class, NotTheAuthor.class })
	ProblemDetail forbidden(RuntimeException ex) {
		return ProblemHandling.problem(HttpStatus.FORBIDDEN, "Forbidden", message(ex), Map.of());
	}

	@ExceptionHandler({ CaseAlreadyResolved.class, CaseClaimedByAnother.class, NoClaimHeld.class,
			NotAppealable.class, AlreadyAppealed.class, AppealWindowClosed.class })
	ProblemDetail conflict(RuntimeException ex) {
		return ProblemHandling.problem(HttpStatus.CONFLICT, "Conflict", message(ex), Map.of());
	}

	private static String message(RuntimeException ex) {
		return String.valueOf(ex.getMessage());
	}
}
