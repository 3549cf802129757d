package dev.reviewflow.scoring.topology;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

import dev.reviewflow.events.TitleScoreChanged;
import dev.reviewflow.scoring.formula.Histogram;
import dev.reviewflow.scoring.formula.Percentages;
import dev.reviewflow.scoring.formula.Ratings;
import dev.reviewflow.scoring.formula.WeightedRating;
import org.jspecify.annotations.Nullable;

/**
 * The running sums a title's score is computed from. Adding or removing one rating or review costs the same however
 * many the title already has.
 * @param count number of current ratings
 * @param sum sum of current ratings
 * @param histogram number of ratings of 1, 2, … 10
 * @param positive number of ratings of 7 or more
 * @param reviews published reviews and critics' verdicts
 * @param updatedAt event time of the latest input that changed these figures, for people
 * @param version number of changes of the title's published score so far (its figures, or C of its weighted
 *     rating): the published score's version
 * @param overallMean C as the latest published score used it for the weighted rating (null: unknown then)
 */
record TitleTally(long count, long sum, List<Long> histogram, long positive, ReviewContribution reviews,
		Instant updatedAt, long version, @Nullable Double overallMean) {

	static final TitleTally EMPTY = new TitleTally(0, 0, Histogram.empty(), 0, ReviewContribution.NONE,
			Instant.EPOCH, 0, null);

	TitleTally {
		histogram = List.copyOf(histogram);
		reviews = reviews == null ? ReviewContribution.NONE : reviews;
	}

	TitleTally withReviews(ReviewContribution delta, Instant at, @Nullable Double c) {
		return new TitleTally(count, sum, histogram, positive, reviews.plus(delta), latest(at), version + 1, c);
	}

	private Instant latest(Instant at) {
		return at.isAfter(updatedAt) ? at : updatedAt;
	}

	/** The tally after a user's rating went from {@code before} to {@code after} (either null: none): one change. */
	TitleTally rated(@Nullable Integer before, @Nullable Integer after, Instant at, @Nullable Double c) {
		TitleTally changed = this;
		if (before != null) {
			changed = changed.counted(before, -1);
		}
		if (after != null) {
			changed = changed.counted(after, +1);
		}
		return new TitleTally(changed.count, changed.sum, changed.histogram, changed.positive, reviews, latest(at),
				version + 1, c);
	}

	private TitleTally counted(int rating, int delta) {
		return new TitleTally(count + delta, sum + (long) delta * rating, Histogram.counted(histogram, rating, delta),
				positive + (Ratings.positive(rating) ? delta : 0), reviews, updatedAt, version, overallMean);
	}

	/** Whether the weighted rating published with the C of the time differs from the one C gives now. */
	boolean weightedStale(ScoringSettings settings, @Nullable Double c) {
		return !Objects.equals(weighted(settings, overallMean), weighted(settings, c));
	}

	/** The same figures with the weighted rating by a newer C: one change of the score. */
	TitleTally reweighted(@Nullable Double c) {
		return new TitleTally(count, sum, histogram, positive, reviews, updatedAt, version + 1, c);
	}

	private @Nullable Double weighted(ScoringSettings settings, @Nullable Double c) {
		return WeightedRating.of(count, average(), settings.minVotes(), c);
	}

	@Nullable Double average() {
		return Ratings.average(sum, count);
	}

	/**
	 * The title's full score, as published: the weighted rating by the C recorded with this version, so every
	 * reader of one version sees the same figures.
	 */
	TitleScoreChanged toScore(String titleId, ScoringSettings settings) {
		long critics = reviews.fresh() + reviews.rotten();
		long topCritics = reviews.topFresh() + reviews.topRotten();
		return new TitleScoreChanged(titleId,
				new TitleScoreChanged.UserRating(average(), count, weighted(settings, overallMean), histogram),
				new TitleScoreChanged.AudienceScore(Percentages.audienceScore(positive, count), count),
				new TitleScoreChanged.CriticScore(
						Percentages.tomatometer(reviews.fresh(), reviews.rotten(), settings.minCriticReviews()),
						reviews.fresh(), reviews.rotten(), critics,
						new TitleScoreChanged.CriticTally(Percentages.tomatometer(reviews.topFresh(),
								reviews.topRotten(), settings.minCriticReviews()), reviews.topFresh(),
								reviews.topRotten(), topCritics)),
				new TitleScoreChanged.ReviewCounts(reviews.userReviews(), reviews.criticReviews()), updatedAt,
				version);
	}
}
