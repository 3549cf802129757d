package dev.reviewflow.scoring.topology;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import dev.reviewflow.events.TitleScoreChanged;
import org.jspecify.annotations.Nullable;

/**
 * The running sums a title's score is computed from. Adding or removing one rating or review costs the same however
 * many the title already has.
 * @param count number of current ratings
 * @param sum sum of current ratings
 * @param histogram number of ratings of 1, 2, … 10
 * @param positive number of ratings of 7 or more
 * @param reviews published reviews and critics' verdicts
 * @param updatedAt event time of the latest change
 */
public record TitleTally(long count, long sum, List<Long> histogram, long positive, ReviewContribution reviews,
		Instant updatedAt) {

	public static final TitleTally EMPTY = new TitleTally(0, 0, Collections.nCopies(10, 0L), 0,
			ReviewContribution.NONE, Instant.EPOCH);

	public TitleTally {
		histogram = List.copyOf(histogram);
		reviews = reviews == null ? ReviewContribution.NONE : reviews;
	}

	TitleTally withReviews(ReviewContribution delta, Instant at) {
		return new TitleTally(count, sum, histogram, positive, reviews.plus(delta), latest(at));
	}

	private Instant latest(Instant at) {
		return at.isAfter(updatedAt) ? at : updatedAt;
	}

	public TitleTally with(int rating, Instant at) {
		return change(rating, +1, at);
	}

	public TitleTally without(int rating, Instant at) {
		return change(rating, -1, at);
	}

	private TitleTally change(int rating, int delta, Instant at) {
		List<Long> buckets = new ArrayList<>(histogram);
		buckets.set(rating - 1, buckets.get(rating - 1) + delta);
		return new TitleTally(count + delta, sum + (long) delta * rating, buckets,
				positive + (rating >= 7 ? delta : 0), reviews, latest(at));
	}

	public @Nullable Double average() {
		return count == 0 ? null
				: BigDecimal.valueOf(sum).divide(BigDecimal.valueOf(count), 4, RoundingMode.HALF_UP).doubleValue();
	}

	/** Share of ratings of 7 or more, as a whole percent rounded half up. */
	public @Nullable Integer audiencePercent() {
		return percent(positive, count);
	}

	/**
	 * The title's full score.
	 * @param overallMean C of the weighted rating: the mean of all ratings of all titles, null while unknown
	 */
	public TitleScoreChanged toScore(String titleId, ScoringSettings settings, @Nullable Double overallMean) {
		long critics = reviews.fresh() + reviews.rotten();
		long topCritics = reviews.topFresh() + reviews.topRotten();
		Double average = average();
		return new TitleScoreChanged(titleId,
				new TitleScoreChanged.UserRating(average, count,
						Weighted.rating(count, average, settings.minVotes(), overallMean), histogram),
				new TitleScoreChanged.AudienceScore(audiencePercent(), count),
				new TitleScoreChanged.CriticScore(tomatometer(reviews.fresh(), critics, settings), reviews.fresh(),
						reviews.rotten(), critics,
						new TitleScoreChanged.CriticTally(tomatometer(reviews.topFresh(), topCritics, settings),
								reviews.topFresh(), reviews.topRotten(), topCritics)),
				new TitleScoreChanged.ReviewCounts(reviews.userReviews(), reviews.criticReviews()), updatedAt);
	}

	/** Share of FRESH verdicts; none below the minimum number of critic reviews. */
	private static @Nullable Integer tomatometer(long fresh, long count, ScoringSettings settings) {
		return count < settings.minCriticReviews() ? null : percent(fresh, count);
	}

	static @Nullable Integer percent(long part, long whole) {
		return whole == 0 ? null
				: BigDecimal.valueOf(part * 100).divide(BigDecimal.valueOf(whole), 0, RoundingMode.HALF_UP).intValue();
	}
}
