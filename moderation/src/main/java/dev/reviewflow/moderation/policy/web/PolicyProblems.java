package dev.reviewflow.moderation.policy.web;

import java.util.Map;

import dev.reviewflow.moderation.policy.ConcurrentPolicyChange;
import dev.reviewflow.moderation.policy.PolicyChangedMeanwhile;
import dev.reviewflow.platform.ProblemHandling;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * The one place where the policy feature's domain exceptions become problem documents: a stale {@code If-Match} 412,
 * a concurrent replacement 409. Ordered before the platform's catch-all.
 */
@RestControllerAdvice(assignableTypes = PolicyController.class)
@Order(Ordered.HIGHEST_PRECEDENCE)
class PolicyProblems {

	@ExceptionHandler
	ProblemDetail stale(PolicyChangedMeanwhile ex) {
		return ProblemHandling.problem(HttpStatus.PRECONDITION_FAILED, "Policy changed meanwhile",
				String.valueOf(ex.getMessage()), Map.of());
	}

	@ExceptionHandler
	ProblemDetail conflict(ConcurrentPolicyChange ex) {
		return ProblemHandling.problem(HttpStatus.CONFLICT, "Conflict", String.valueOf(ex.getMessage()), Map.of());
	}
}
