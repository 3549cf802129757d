package dev.reviewflow.scoring.web;

import dev.reviewflow.platform.ApiException;
import dev.reviewflow.scoring.live.StreamRefused;
import dev.reviewflow.scoring.query.ScoresUnavailable;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.web.ErrorResponse;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * scoring's domain failures as problem+json, in one place: scores that cannot be read yet, or whose owner does not
 * answer, are 503 with {@code Retry-After}; a live stream refused is 429 (the client holds its share) or 503 (the
 * instance is full), both with {@code Retry-After}. Ahead of the platform's catch-all handler.
 */
@RestControllerAdvice
@Order(Ordered.HIGHEST_PRECEDENCE)
class ScoringProblems {

	@ExceptionHandler
	ErrorResponse scoresUnavailable(ScoresUnavailable ex) {
		return ApiException.unavailable(ex.getMessage(), ex.retryAfter());
	}

	@ExceptionHandler
	ErrorResponse streamRefused(StreamRefused ex) {
		return switch (ex.full()) {
			case CLIENT -> ApiException.tooManyRequests(ex.getMessage(), ex.retryAfter().toSeconds());
			case INSTANCE -> ApiException.unavailable(ex.getMessage(), ex.retryAfter());
		};
	}
}
