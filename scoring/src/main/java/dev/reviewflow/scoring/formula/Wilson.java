package dev.reviewflow.scoring.formula;

/** The lower bound of the Wilson score interval: how helpful a review is at least, given the votes so far. */
public final class Wilson {

	/** The 97.5th percentile of the standard normal distribution: a 95 % two-sided interval. */
	public static final double Z = 1.959963984540054;

	private Wilson() {
	}

	/**
	 * The lower bound for {@code positive} of {@code total}; exactly 0 without votes or without positive ones.
	 * @throws IllegalArgumentException when a count is negative or {@code positive} exceeds {@code total}
	 */
	public static double lowerBound(long positive, long total) {
		if (positive < 0 || total < 0 || positive > total) {
			throw new IllegalArgumentException(
					"Wilson lower bound of " + positive + " positive of " + total + ": not a share");
		}
		if (total == 0 || positive == 0) {
			return 0;
		}
		double n = total;
		double p = positive / n;
		double z2 = Z * Z;
		double bound = (p + z2 / (2 * n) - Z * Math.sqrt(p * (1 - p) / n + z2 / (4 * n * n))) / (1 + z2 / n);
		return Math.max(0, bound);
	}
}
