package dev.reviewflow.scoring.topology;

import dev.reviewflow.events.TitleScoreChanged;
import dev.reviewflow.scoring.formula.Histogram;
import dev.reviewflow.scoring.formula.Ratings;
import org.jspecify.annotations.Nullable;

/** Number and sum of ratings: of one title, or of all titles together (C of the weighted rating). */
record RatingSums(long count, long sum) {

	static final RatingSums NONE = new RatingSums(0, 0);

	/** A title's sums from its published score; exact, from the histogram. */
	static RatingSums of(TitleScoreChanged score) {
		return new RatingSums(score.userRating().count(), Histogram.sum(score.userRating().histogram()));
	}

	RatingSums plus(RatingSums other) {
		return new RatingSums(count + other.count, sum + other.sum);
	}

	RatingSums minus(RatingSums other) {
		return new RatingSums(count - other.count, sum - other.sum);
	}

	/** The mean rating, or null without ratings. */
	@Nullable Double mean() {
		return Ratings.mean(sum, count);
	}
}
