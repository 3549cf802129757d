package dev.reviewflow.platform;

import java.util.List;
import java.util.Map;

import org.springframework.http.HttpStatus;

/**
 * How big a page a list endpoint returns: what the caller asked for, at most {@code reviewflow.web.max-page-size}
 * (100). A size below 1 is a 400 problem+json, the same as the endpoint's own {@code @Min(1)} on {@code size} gives.
 */
public final class Paging {

	/** Bean Validation's message for {@code @Min(1)}. */
	private static final String TOO_SMALL = "must be greater than or equal to 1";

	private final int maxPageSize;

	public Paging(int maxPageSize) {
		if (maxPageSize < 1) {
			throw new IllegalArgumentException("The largest page must hold at least 1 item, not " + maxPageSize);
		}
		this.maxPageSize = maxPageSize;
	}

	/** The page size to use for a request that asked for {@code size} items (at least 1). */
	public int limit(int size) {
		if (size < 1) {
			throw new ApiException(HttpStatus.BAD_REQUEST, "Invalid request",
					"Invalid request parameter(s): size " + TOO_SMALL,
					Map.of("errors", List.of(new ProblemHandling.FieldProblem("size", TOO_SMALL))));
		}
		return Math.min(size, maxPageSize);
	}

	public int maxPageSize() {
		return maxPageSize;
	}
}
