package dev.reviewflow.intake.policy.web;

import dev.reviewflow.intake.policy.WriteLimitReached;
import dev.reviewflow.platform.ApiException;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.web.ErrorResponse;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * A write beyond the user's limit, on whichever endpoint (reviews, edits, deletions, ratings): 429 problem+json with
 * {@code Retry-After}, also as {@code retryAfterSeconds}. Before the platform's catch-all problem handling.
 */
@RestControllerAdvice
@Order(Ordered.HIGHEST_PRECEDENCE)
class WriteLimitProblems {

	@ExceptionHandler
	ErrorResponse on(WriteLimitReached reached) {
		return ApiException.tooManyRequests(reached.getMessage(), reached.retryAfterSeconds());
	}
}
