package dev.reviewflow.moderation.report.web;

import java.util.Map;

import dev.reviewflow.moderation.report.OwnReviewReport;
import dev.reviewflow.moderation.report.ReportDismissedBefore;
import dev.reviewflow.moderation.review.UnknownReview;
import dev.reviewflow.platform.ProblemHandling;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * The one place where the report feature's domain exceptions become problem documents: an unknown or unpublished
 * review 404, one's own review 403, a review moderators kept after the caller's report 409. Ordered before the
 * platform's catch-all.
 */
@RestControllerAdvice(assignableTypes = ReportController.class)
@Order(Ordered.HIGHEST_PRECEDENCE)
class ReportProblems {

	@ExceptionHandler
	ProblemDetail notFound(UnknownReview ex) {
		return ProblemHandling.problem(HttpStatus.NOT_FOUND, "Not found", String.valueOf(ex.getMessage()), Map.of());
	}

	@ExceptionHandler
	ProblemDetail forbidden(OwnReviewReport ex) {
		return ProblemHandling.problem(HttpStatus.FORBIDDEN, "Forbidden", String.valueOf(ex.getMessage()), Map.of());
	}

	@ExceptionHandler
	ProblemDetail conflict(ReportDismissedBefore ex) {
		return ProblemHandling.problem(HttpStatus.CONFLICT, "Conflict", String.valueOf(ex.getMessage()), Map.of());
	}
}
