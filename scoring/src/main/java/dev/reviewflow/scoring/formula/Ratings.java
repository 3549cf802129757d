package dev.reviewflow.scoring.formula;

import java.math.BigDecimal;
import java.math.RoundingMode;

import org.jspecify.annotations.Nullable;

/** Ratings are whole numbers from 1 to 10; their means. */
public final class Ratings {

	/** The lowest rating. */
	public static final int MIN = 1;

	/** The highest rating. */
	public static final int MAX = 10;

	/** Ratings from this one up count as positive for the audience score. */
	public static final int POSITIVE_FROM = 7;

	private Ratings() {
	}

	/** Whether a rating counts towards the audience score. */
	public static boolean positive(int rating) {
		return requireValid(rating) >= POSITIVE_FROM;
	}

	/** The rating, if it is one; else an {@link IllegalArgumentException}. */
	public static int requireValid(int rating) {
		if (rating < MIN || rating > MAX) {
			throw new IllegalArgumentException("A rating is " + MIN + " to " + MAX + ", not " + rating);
		}
		return rating;
	}

	/** The average as published: {@code sum / count} rounded half up to four decimals; null without ratings. */
	public static @Nullable Double average(long sum, long count) {
		return count == 0 ? null
				: BigDecimal.valueOf(sum).divide(BigDecimal.valueOf(count), 4, RoundingMode.HALF_UP).doubleValue();
	}

	/** The exact mean {@code sum / count} (C of the weighted rating is not rounded); null without ratings. */
	public static @Nullable Double mean(long sum, long count) {
		return count == 0 ? null : (double) sum / count;
	}
}
