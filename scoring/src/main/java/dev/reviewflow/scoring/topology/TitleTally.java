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
 * The running sums a title's score is computed from. Adding or removing one rating costs the same however many
 * ratings the title already has.
 * @param histogram number of ratings of 1, 2, … 10
 * @param updatedAt event time of the latest change
 */
public record TitleTally(long count, long sum, List<Long> histogram, long positive, Instant updatedAt) {

	public static final TitleTally EMPTY = new TitleTally(0, 0, Collections.nCopies(10, 0L), 0, Instant.EPOCH);

	public TitleTally {
		histogram = List.copyOf(histogram);
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
				positive + (rating >= 7 ? delta : 0), at.isAfter(updatedAt) ? at : updatedAt);
	}

	public @Nullable Double average() {
		return count == 0 ? null
				: BigDecimal.valueOf(sum).divide(BigDecimal.valueOf(count), 4, RoundingMode.HALF_UP).doubleValue();
	}

	/** Share of ratings of 7 or more, as a whole percent rounded half up. */
	public @Nullable Integer audiencePercent() {
		return percent(positive, count);
	}

	public TitleScoreChanged toScore(String titleId) {
		return new TitleScoreChanged(titleId, new TitleScoreChanged.UserRating(average(), count, null, histogram),
				new TitleScoreChanged.AudienceScore(audiencePercent(), count),
				new TitleScoreChanged.CriticScore(null, 0, 0, 0, new TitleScoreChanged.CriticTally(null, 0, 0, 0)),
				new TitleScoreChanged.ReviewCounts(0, 0), updatedAt);
	}

	static @Nullable Integer percent(long part, long whole) {
		return whole == 0 ? null
				: BigDecimal.valueOf(part * 100).divide(BigDecimal.valueOf(whole), 0, RoundingMode.HALF_UP).intValue();
	}
}
