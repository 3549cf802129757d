package dev.reviewflow.intake.review.web;

import java.util.Map;

import dev.reviewflow.intake.review.AlreadyReviewed;
import dev.reviewflow.intake.review.InvalidReviewFields;
import dev.reviewflow.intake.review.NotReviewAuthor;
import dev.reviewflow.intake.review.ReviewNotEditable;
import dev.reviewflow.intake.review.ReviewNotFound;
import dev.reviewflow.platform.ApiException;
import dev.reviewflow.platform.ProblemHandling.FieldProblem;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.web.ErrorResponse;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * The review rules' refusals as problem+json, in one place: status, title and the wording clients read. Before the
 * platform's catch-all problem handling.
 */
@RestControllerAdvice
@Order(Ordered.HIGHEST_PRECEDENCE)
class ReviewProblems {

	@ExceptionHandler
	ErrorResponse on(ReviewNotFound notFound) {
		return ApiException.notFound("There is no review " + notFound.reviewId() + ".");
	}

	@ExceptionHandler
	ErrorResponse on(NotReviewAuthor notAuthor) {
		return ApiException.forbidden("Only the author of a review may " + notAuthor.action() + " it.");
	}

	@ExceptionHandler
	ErrorResponse on(ReviewNotEditable notEditable) {
		return ApiException.conflict(switch (notEditable.status()) {
			case REMOVED -> "A moderator removed this review; it cannot be edited. You may appeal the decision.";
			case HIDDEN ->
				"This review is hidden while moderators look at reports about it; it cannot be edited until then.";
			default -> "This review was deleted.";
		});
	}

	@ExceptionHandler
	ErrorResponse on(AlreadyReviewed already) {
		return new ApiException(HttpStatus.CONFLICT, "Already reviewed",
				"You have already reviewed this title: review " + already.existing() + ". Edit that one instead.",
				Map.of("reviewId", already.existing()));
	}

	@ExceptionHandler
	ErrorResponse on(InvalidReviewFields invalid) {
		return new ApiException(HttpStatus.BAD_REQUEST, "Invalid request",
				(invalid.edit() ? "The edit has " : "The request has ") + invalid.fields().size()
						+ " invalid field(s) for a " + invalid.type() + " review.",
				Map.of("errors", invalid.fields()
					.stream()
					.map(field -> new FieldProblem(field.field(), field.message()))
					.toList()));
	}
}
