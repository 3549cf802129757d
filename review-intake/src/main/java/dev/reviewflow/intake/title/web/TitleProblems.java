package dev.reviewflow.intake.title.web;

import dev.reviewflow.intake.title.TitleNotFound;
import dev.reviewflow.platform.ApiException;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.web.ErrorResponse;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * An unknown title, wherever it is named (the catalogue, a title's reviews, a rating): 404 problem+json. Before the
 * platform's catch-all problem handling.
 */
@RestControllerAdvice
@Order(Ordered.HIGHEST_PRECEDENCE)
class TitleProblems {

	@ExceptionHandler
	ErrorResponse on(TitleNotFound notFound) {
		return ApiException.notFound("There is no title '" + notFound.titleId() + "'.");
	}
}
