package dev.reviewflow.scoring.topology;

import dev.reviewflow.events.TitleScoreChanged;

/** Number and sum of ratings: of one title, or of all titles together (C of the weighted rating). */
record RatingSums(long count, long sum) {

	static final RatingSums NONE = new RatingSums(0, 0);

	/** A title's sums from its published score; exact, from the histogram. */
	static RatingSums of(TitleScoreChanged score) {
		long sum = 0;
		for (int i = 0; i < score.userRating().histogram().size(); i++) {
			sum += (i + 1) * score.userRating().histogram().get(i);
		}
		return new RatingSums(score.userRating().count(), sum);
	}

	RatingSums plus(RatingSums other) {
		return new RatingSums(count + other.count, sum + other.sum);
	}

	RatingSums minus(RatingSums other) {
		return new RatingSums(count - other.count, sum - other.sum);
	}

	/** The mean rating, or null without ratings. */
	@org.jspecify.annotations.Nullable Double mean() {
		return count == 0 ? null : (double) sum / count;
	}
}
