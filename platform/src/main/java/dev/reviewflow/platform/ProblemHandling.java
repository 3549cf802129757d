package dev.reviewflow.platform;

import java.util.List;
import java.util.Map;

import jakarta.validation.ConstraintViolationException;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.http.ResponseEntity;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.transaction.TransactionSystemException;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.validation.FieldError;
import org.springframework.validation.method.ParameterErrors;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/**
 * Turns every error of the HTTP API into an RFC 9457 problem document. Validation errors list each offending field
 * under {@code errors}; unreadable bodies say what was wrong; anything unexpected is a 500 that leaks nothing.
 */
@RestControllerAdvice
public class ProblemHandling extends ResponseEntityExceptionHandler {

	private static final Logger log = LoggerFactory.getLogger(ProblemHandling.class);

	/** One offending field and what is wrong with it. */
	public record FieldProblem(String field, @Nullable String message) {
	}

	@Override
	protected @Nullable ResponseEntity<Object> handleMethodArgumentNotValid(MethodArgumentNotValidException ex,
			HttpHeaders headers, HttpStatusCode status, WebRequest request) {
		List<FieldProblem> errors = ex.getBindingResult()
			.getFieldErrors()
			.stream()
			.map(error -> new FieldProblem(error.getField(), message(error)))
			.toList();
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST,
				"The request has " + errors.size() + " invalid field(s): "
						+ String.join(", ", errors.stream().map(e -> e.field() + " " + e.message()).toList()));
		problem.setTitle("Invalid request");
		problem.setProperty("errors", errors);
		return handleExceptionInternal(ex, problem, headers, HttpStatus.BAD_REQUEST, request);
	}

	@Override
	protected @Nullable ResponseEntity<Object> handleHandlerMethodValidationException(
			HandlerMethodValidationException ex, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
		List<FieldProblem> errors = ex.getParameterValidationResults()
			.stream()
			.flatMap(result -> result instanceof ParameterErrors body
					// a request body's own fields (@Valid): name the field, not the parameter
					? body.getFieldErrors().stream().map(error -> new FieldProblem(error.getField(), message(error)))
					: result.getResolvableErrors()
						.stream()
						.map(error -> new FieldProblem(result.getMethodParameter().getParameterName() == null
								? "parameter" : result.getMethodParameter().getParameterName(),
								error.getDefaultMessage())))
			.toList();
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST,
				"Invalid request parameter(s): "
						+ String.join(", ", errors.stream().map(e -> e.field() + " " + e.message()).toList()));
		problem.setTitle("Invalid request");
		problem.setProperty("errors", errors);
		return handleExceptionInternal(ex, problem, headers, HttpStatus.BAD_REQUEST, request);
	}

	@Override
	protected @Nullable ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException ex,
			HttpHeaders headers, HttpStatusCode status, WebRequest request) {
		for (Throwable cause = ex; cause != null; cause = cause.getCause()) {
			if (cause instanceof RequestSizeLimit.BodyTooLarge tooLarge) {
				ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.CONTENT_TOO_LARGE,
						tooLarge.getMessage());
				problem.setTitle("Request too large");
				return handleExceptionInternal(ex, problem, headers, HttpStatus.CONTENT_TOO_LARGE, request);
			}
		}
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST,
				"The request body is not valid JSON for this endpoint: " + rootMessage(ex));
		problem.setTitle("Unreadable request body");
		return handleExceptionInternal(ex, problem, headers, HttpStatus.BAD_REQUEST, request);
	}

	/** A rate limit reached anywhere below the web layer: 429 with {@code Retry-After}. */
	@ExceptionHandler(RateLimitExceeded.class)
	ResponseEntity<Object> rateLimitExceeded(RateLimitExceeded ex, WebRequest request) {
		ApiException problem = ApiException.tooManyRequests(ex.getMessage(), ex.retryAfterSeconds());
		return handleExceptionInternal(problem, problem.getBody(), problem.getHeaders(), problem.getStatusCode(),
				request);
	}

	@ExceptionHandler(MethodArgumentTypeMismatchException.class)
	ProblemDetail typeMismatch(MethodArgumentTypeMismatchException ex) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST,
				"'" + ex.getValue() + "' is not a valid value for " + ex.getName() + ".");
		problem.setTitle("Invalid request");
		problem.setProperty("errors", List.of(new FieldProblem(ex.getName(), "has an invalid value")));
		return problem;
	}

	/** Constraints checked outside Spring MVC's own method validation (e.g. on a service method). */
	@ExceptionHandler(ConstraintViolationException.class)
	ProblemDetail constraintViolation(ConstraintViolationException ex) {
		List<FieldProblem> errors = ex.getConstraintViolations()
			.stream()
			.map(violation -> new FieldProblem(leaf(violation.getPropertyPath().toString()), violation.getMessage()))
			.toList();
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, "Invalid request: "
				+ String.join(", ", errors.stream().map(e -> e.field() + " " + e.message()).toList()));
		problem.setTitle("Invalid request");
		problem.setProperty("errors", errors);
		return problem;
	}

	private static String leaf(String path) {
		return path.substring(path.lastIndexOf('.') + 1);
	}

	/**
	 * The database is away or overloaded for a moment: 503 with {@code Retry-After}. A commit may have failed after
	 * the database took it, so the answer does not claim that nothing was stored; an Idempotency-Key makes the retry
	 * safe.
	 */
	@ExceptionHandler({ DataAccessResourceFailureException.class, TransientDataAccessException.class,
			CannotCreateTransactionException.class, TransactionSystemException.class })
	@Nullable ResponseEntity<Object> databaseUnavailable(Exception ex, WebRequest request) throws Exception {
		log.warn("Database unavailable while handling a request: {}", rootMessage(ex));
		return handleException(ApiException.unavailable(
				"The service cannot reach its database right now. Please try again shortly (with the same "
						+ "Idempotency-Key, the retry is safe).",
				java.time.Duration.ofSeconds(2)), request);
	}

	@ExceptionHandler(Exception.class)
	ProblemDetail unexpected(Exception ex) {
		log.error("Unexpected error while handling a request", ex);
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.INTERNAL_SERVER_ERROR,
				"Something went wrong on our side; nothing you sent was lost. Please try again.");
		problem.setTitle("Internal error");
		return problem;
	}

	private static String message(FieldError error) {
		return error.getDefaultMessage() == null ? "is invalid" : error.getDefaultMessage();
	}

	private static String rootMessage(Throwable ex) {
		Throwable cause = ex;
		while (cause.getCause() != null && cause.getCause() != cause) {
			cause = cause.getCause();
		}
		String message = cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
		// Jackson messages end with a source excerpt that helps nobody
		int reference = message.indexOf(" at [Source");
		message = reference > 0 ? message.substring(0, reference) : message;
		return message.lines().findFirst().orElse(message);
	}

	/** Problem properties a caller may want to add to a domain problem. */
	public static ProblemDetail problem(HttpStatus status, String title, String detail,
			Map<String, Object> properties) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
		problem.setTitle(title);
		properties.forEach(problem::setProperty);
		return problem;
	}
}
