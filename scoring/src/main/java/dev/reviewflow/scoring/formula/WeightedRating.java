package dev.reviewflow.scoring.formula;

import java.math.BigDecimal;
import java.math.RoundingMode;

import org.jspecify.annotations.Nullable;

/**
 * IMDb's Bayesian estimate: {@code v/(v+m)·R + m/(v+m)·C}, with v the title's number of ratings, R their mean, m
 * {@code reviewflow.scoring.min-votes} and C the mean of all ratings of all titles. A title with few ratings is pulled
 * towards C; with many it approaches its own mean.
 */
public final class WeightedRating {

	private WeightedRating() {
	}

	/**
	 * The weighted rating, rounded half up to four decimals.
	 * @param v the title's number of ratings
	 * @param r their mean (null without ratings)
	 * @param m the number of ratings that weigh as much as C
	 * @param c the mean of all ratings of all titles; null while unknown, when the title's own mean stands for it
	 * @return null without ratings
	 */
	public static @Nullable Double of(long v, @Nullable Double r, int m, @Nullable Double c) {
		if (v == 0 || r == null) {
			return null;
		}
		double overall = c == null ? r : c;
		double weighted = (v * r + m * overall) / (v + m);
		return BigDecimal.valueOf(weighted).setScale(4, RoundingMode.HALF_UP).doubleValue();
	}
}
