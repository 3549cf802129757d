package dev.reviewflow.scoring.formula;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The ratings histogram: element {@code i} is the number of ratings equal to {@code i + 1}, ten elements. Its
 * figures (count, sum, positive ratings) follow from it exactly, and one rating in or out changes one element.
 */
public final class Histogram {

	private Histogram() {
	}

	/** No ratings: ten zeros. */
	public static List<Long> empty() {
		return Collections.nCopies(Ratings.MAX, 0L);
	}

	/** The histogram with {@code delta} more ratings of {@code rating} (negative: fewer). */
	public static List<Long> counted(List<Long> histogram, int rating, long delta) {
		Ratings.requireValid(rating);
		List<Long> buckets = new ArrayList<>(requireTen(histogram));
		buckets.set(rating - 1, buckets.get(rating - 1) + delta);
		return List.copyOf(buckets);
	}

	/** The number of ratings. */
	public static long count(List<Long> histogram) {
		long count = 0;
		for (long bucket : requireTen(histogram)) {
			count += bucket;
		}
		return count;
	}

	/** The sum of the ratings. */
	public static long sum(List<Long> histogram) {
		long sum = 0;
		for (int i = 0; i < requireTen(histogram).size(); i++) {
			sum += (i + 1) * histogram.get(i);
		}
		return sum;
	}

	/** The number of ratings of {@value Ratings#POSITIVE_FROM} or more. */
	public static long positive(List<Long> histogram) {
		long positive = 0;
		for (int rating = Ratings.POSITIVE_FROM; rating <= Ratings.MAX; rating++) {
			positive += requireTen(histogram).get(rating - 1);
		}
		return positive;
	}

	private static List<Long> requireTen(List<Long> histogram) {
		if (histogram.size() != Ratings.MAX) {
			throw new IllegalArgumentException("A histogram has " + Ratings.MAX + " buckets, not " + histogram.size());
		}
		return histogram;
	}
}
