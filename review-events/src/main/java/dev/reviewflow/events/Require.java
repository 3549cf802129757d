package dev.reviewflow.events;

import java.util.Objects;

import org.jspecify.annotations.Nullable;

/** Invariant checks shared by the event records, so a malformed payload fails when it is read. */
final class Require {

	private Require() {
	}

	static <T> T present(@Nullable T value, String field) {
		return Objects.requireNonNull(value, () -> field + " is required");
	}

	static String text(@Nullable String value, String field) {
		if (present(value, field).isBlank()) {
			throw new IllegalArgumentException(field + " must not be blank");
		}
		return value;
	}

	static int atLeast(int value, int minimum, String field) {
		if (value < minimum) {
			throw new IllegalArgumentException(field + " must be at least " + minimum + ", was " + value);
		}
		return value;
	}

	/** A per-key version or sequence: 0 in events written before versions existed, then 1, 2, … */
	static long version(long value, String field) {
		if (value < 0) {
			throw new IllegalArgumentException(field + " must not be negative, was " + value);
		}
		return value;
	}

	static @Nullable Integer rating(@Nullable Integer rating, String field) {
		if (rating != null && (rating < 1 || rating > 10)) {
			throw new IllegalArgumentException(field + " must be between 1 and 10, was " + rating);
		}
		return rating;
	}

	static String titleId(@Nullable String titleId) {
		if (!TitleIds.isValid(present(titleId, "titleId"))) {
			throw new IllegalArgumentException("titleId must match " + TitleIds.PATTERN + ", was " + titleId);
		}
		return titleId;
	}
}
