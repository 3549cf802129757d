package dev.reviewflow.scoring.formula;

import java.math.BigDecimal;
import java.math.RoundingMode;

import org.jspecify.annotations.Nullable;

/** Whole percentages as the scores show them: rounded half up, none of nothing. */
public final class Percentages {

	private Percentages() {
	}

	/** {@code 100 · part / whole} as a whole percent rounded half up; null when {@code whole} is 0. */
	public static @Nullable Integer percent(long part, long whole) {
		if (part < 0 || whole < 0 || part > whole) {
			throw new IllegalArgumentException(part + " of " + whole + " is not a share");
		}
		return whole == 0 ? null
				: BigDecimal.valueOf(part * 100).divide(BigDecimal.valueOf(whole), 0, RoundingMode.HALF_UP).intValue();
	}

	/**
	 * The audience score: the share of ratings of {@value Ratings#POSITIVE_FROM} or more (Rotten Tomatoes' "3.5 stars
	 * or more" on a scale of ten); null without ratings.
	 */
	public static @Nullable Integer audienceScore(long positive, long count) {
		return percent(positive, count);
	}

	/**
	 * The Tomatometer: the share of FRESH verdicts among the critic reviews that count; null while there are fewer
	 * than {@code minimum} of them (and always without any).
	 */
	public static @Nullable Integer tomatometer(long fresh, long rotten, int minimum) {
		long reviews = fresh + rotten;
		return reviews < minimum ? null : percent(fresh, reviews);
	}
}
