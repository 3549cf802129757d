package dev.reviewflow.platform;

import java.util.Map;

import org.springframework.http.HttpStatus;
import org.springframework.web.ErrorResponseException;

/**
 * A domain failure the API answers with a problem document of its own status, title and detail; Spring MVC renders
 * it as {@code application/problem+json}.
 */
public class ApiException extends ErrorResponseException {

	public ApiException(HttpStatus status, String title, String detail) {
		this(status, title, detail, Map.of());
	}

	public ApiException(HttpStatus status, String title, String detail, Map<String, Object> properties) {
		super(status, ProblemHandling.problem(status, title, detail, properties), null);
	}

	public static ApiException notFound(String detail) {
		return new ApiException(HttpStatus.NOT_FOUND, "Not found", detail);
	}

	public static ApiException badRequest(String detail) {
		return new ApiException(HttpStatus.BAD_REQUEST, "Invalid request", detail);
	}

	public static ApiException forbidden(String detail) {
		return new ApiException(HttpStatus.FORBIDDEN, "Forbidden", detail);
	}

	/** 503 with {@code Retry-After}: the service cannot answer yet, the client should retry shortly. */
	public static ApiException unavailable(String detail, java.time.Duration retryAfter) {
		return retryAfter(new ApiException(HttpStatus.SERVICE_UNAVAILABLE, "Temporarily unavailable", detail),
				Math.max(1, retryAfter.toSeconds()));
	}

	/** 429 with {@code Retry-After} (also as {@code retryAfterSeconds} in the problem): a rate limit was reached. */
	public static ApiException tooManyRequests(String detail, long retryAfterSeconds) {
		return retryAfter(new ApiException(HttpStatus.TOO_MANY_REQUESTS, "Too many requests", detail,
				Map.of("retryAfterSeconds", retryAfterSeconds)), retryAfterSeconds);
	}

	private static ApiException retryAfter(ApiException exception, long seconds) {
		exception.getHeaders().set("Retry-After", Long.toString(seconds));
		return exception;
	}

	public static ApiException conflict(String detail) {
		return new ApiException(HttpStatus.CONFLICT, "Conflict", detail);
	}
}
