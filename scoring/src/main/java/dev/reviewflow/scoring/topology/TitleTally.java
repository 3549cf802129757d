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
 * @param updatedAt event time of the latest input that changed these figures, for people
 * @param version number of changes of the title's published score so far (its figures, or C of its weighted
 *     rating): the published score's version
 * @param overallMean C as the latest published score used it for the weighted rating (null: unknown then)
 */
public record TitleTally(long count, long sum, List<Long> histogram, long positive, ReviewContribution reviews,
		Instant updatedAt, long version, @Nullable Double overallMean) {

	public static final TitleTally EMPTY = new TitleTally(0, 0, Collections.nCopies(10, 0L), 0,
			ReviewContribution.NONE, Instant.EPOCH, 0, null);

	public TitleTally {
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
		List<Long> buckets = new ArrayList<>(histogram);
		buckets.set(rating - 1, buckets.get(rating - 1) + delta);
		return new TitleTally(count + delta, sum + (long) delta * rating, buckets,
				positive + (rating >= 7 ? delta : 0), reviews, updatedAt, version, overallMean);
	}

	/** Whether the weighted rating published with the C of the time differs from the one C gives now. */
	boolean weightedStale(ScoringSettings settings, @Nullable Double c) {
		return !java.util.Objects.equals(weighted(settings, overallMean), weighted(settings, c));
	}

	/** The same figures with the weighted rating by a newer C: one change of the score. */
	TitleTally reweighted(@Nullable Double c) {
		return new TitleTally(count, sum, histogram, positive, reviews, updatedAt, version + 1, c);
	}

	private @Nullable Double weighted(ScoringSettings settings, @Nullable Double c) {
		return Weighted.rating(count, average(), settings.minVotes(), c);
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
	 * The title's full score, as published: the weighted rating by the C recorded with this version, so every
	 * reader of one version sees the same figures.
	 */
	public TitleScoreChanged toScore(String titleId, ScoringSettings settings) {
		long critics = reviews.fresh() + reviews.rotten();
		long topCritics = reviews.topFresh() + reviews.topRotten();
		return new TitleScoreChanged(titleId,
				new TitleScoreChanged.UserRating(average(), count, weighted(settings, overallMean), histogram),
				new TitleScoreChanged.AudienceScore(audiencePercent(), count),
				new TitleScoreChanged.CriticScore(tomatometer(reviews.fresh(), critics, settings), reviews.fresh(),
						reviews.rotten(), critics,
						new TitleScoreChanged.CriticTally(tomatometer(reviews.topFresh(), topCritics, settings),
								reviews.topFresh(), reviews.topRotten(), topCritics)),
				new TitleScoreChanged.ReviewCounts(reviews.userReviews(), reviews.criticReviews()), updatedAt,
				version);
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
