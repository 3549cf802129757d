package dev.reviewflow.moderation.vote.web;

import java.util.Map;

import dev.reviewflow.moderation.review.UnknownReview;
import dev.reviewflow.moderation.vote.OwnReviewVote;
import dev.reviewflow.moderation.vote.ReviewNotVotable;
import dev.reviewflow.platform.ProblemHandling;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * The one place where the vote feature's domain exceptions become problem documents: unknown review 404, one's own
 * review 403, a review that is not published 409. Ordered before the platform's catch-all.
 */
@RestControllerAdvice(assignableTypes = VoteController.class)
@Order(Ordered.HIGHEST_PRECEDENCE)
class VoteProblems {

	@ExceptionHandler
	ProblemDetail notFound(UnknownReview ex) {
		return ProblemHandling.problem(HttpStatus.NOT_FOUND, "Not found", String.valueOf(ex.getMessage()), Map.of());
	}

	@ExceptionHandler
	ProblemDetail forbidden(OwnReviewVote ex) {
		return ProblemHandling.problem(HttpStatus.FORBIDDEN, "Forbidden", String.valueOf(ex.getMessage()), Map.of());
	}

	@ExceptionHandler
	ProblemDetail conflict(ReviewNotVotable ex) {
		return ProblemHandling.problem(HttpStatus.CONFLICT, "Conflict", String.valueOf(ex.getMessage()), Map.of());
	}
}
