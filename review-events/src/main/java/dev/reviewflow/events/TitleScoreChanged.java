package dev.reviewflow.events;

import java.time.Instant;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * The full current score of a title, published whenever it changes (also when only C of the weighted rating moved).
 * {@code version} grows with every change of the title's score at scoring: a consumer keeps the score with the
 * highest version. {@code updatedAt} is the event time of the latest input that changed the title's own figures; it is
 * for people, not for ordering. Events written before versions existed read as version 0.
 */
public record TitleScoreChanged(String titleId, UserRating userRating, AudienceScore audienceScore,
		CriticScore criticScore, ReviewCounts reviewCounts, Instant updatedAt, long version) {

	public TitleScoreChanged {
		Require.titleId(titleId);
		Require.present(userRating, "userRating");
		Require.present(audienceScore, "audienceScore");
		Require.present(criticScore, "criticScore");
		Require.present(reviewCounts, "reviewCounts");
		Require.present(updatedAt, "updatedAt");
		Require.version(version, "version");
	}

	/** IMDb-style figures: mean, number of ratings, Bayesian weighted rating and the histogram of ratings 1–10. */
	public record UserRating(@Nullable Double average, long count, @Nullable Double weighted, List<Long> histogram) {

		public UserRating {
			histogram = List.copyOf(histogram);
			if (histogram.size() != 10) {
				throw new IllegalArgumentException("histogram must have 10 buckets, had " + histogram.size());
			}
		}
	}

	/** Rotten Tomatoes' audience score: share of ratings of 7 or more. */
	public record AudienceScore(@Nullable Integer percent, long count) {
	}

	/** Tomatometer: share of FRESH verdicts among published critic reviews, with the same for top critics. */
	public record CriticScore(@Nullable Integer percent, long fresh, long rotten, long count,
			CriticTally topCritics) {
	}

	/** Fresh/rotten tally of one group of critics. */
	public record CriticTally(@Nullable Integer percent, long fresh, long rotten, long count) {
	}

	/** Published reviews by type. */
	public record ReviewCounts(long user, long critic) {
	}
}
