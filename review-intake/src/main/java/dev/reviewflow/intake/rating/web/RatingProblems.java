package dev.reviewflow.intake.rating.web;

import dev.reviewflow.intake.rating.RatingCarriedByReview;
import dev.reviewflow.platform.ApiException;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.web.ErrorResponse;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/** The rating feature's refusals as problem+json. Before the platform's catch-all problem handling. */
@RestControllerAdvice
@Order(Ordered.HIGHEST_PRECEDENCE)
class RatingProblems {

	@ExceptionHandler
	ErrorResponse on(RatingCarriedByReview carried) {
		return ApiException.conflict("Your review of this title carries this rating: change the review's rating, "
				+ "or delete the review first.");
	}
}
