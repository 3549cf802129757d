package dev.reviewflow.scoring.topology;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;

import dev.reviewflow.events.ReviewScoreChanged;
import dev.reviewflow.events.ReviewType;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.jspecify.annotations.Nullable;

/**
 * The index of each title's published reviews: store {@link ScoringTopology#TITLE_REVIEWS}, keyed
 * {@code titleId|reviewId}, so a title's reviews are one prefix scan away ({@code titleId|} cannot be the start of
 * another title's keys: title ids have no {@code |}). It sits beside {@code review-states}, in the same task, and
 * is written with it from the review's state alone: an entry exists exactly while the review counts (its current
 * revision is PUBLISHED, it is not deleted). So duplicates and late, older events, which leave the state as it is,
 * leave the index as it is, and a replay of the history rebuilds it.
 * @param type the review's type
 * @param revision the revision that is published
 */
record TitleReview(ReviewType type, int revision) {

	static final String SEPARATOR = "|";

	/** Marks an index filled from the states (no title's prefix scan reaches it: title ids do not start with |). */
	static final String FILLED = SEPARATOR + "filled-from-states";

	static String key(String titleId, String reviewId) {
		return titleId + SEPARATOR + reviewId;
	}

	static String prefix(String titleId) {
		return titleId + SEPARATOR;
	}

	/** What the index holds for a review in this state: an entry while it counts, none otherwise. */
	static @Nullable TitleReview of(@Nullable ReviewState state) {
		return state == null || !state.published() || state.type() == null ? null
				: new TitleReview(state.type(), state.revision());
	}

	/** Brings a review's entry in line with its new state (one put or delete, or nothing when it did not change). */
	static void update(KeyValueStore<String, TitleReview> index, String reviewId, @Nullable ReviewState before,
			ReviewState after) {
		TitleReview was = of(before);
		TitleReview is = of(after);
		String key = key(after.titleId(), reviewId);
		if (is == null) {
			if (was != null) {
				index.delete(key);
			}
		}
		else if (!is.equals(was)) {
			index.put(key, is);
		}
	}

	/**
	 * Fills the index from the review states, once per store (then marked {@link #FILLED}): a store kept from before
	 * the index existed gets its entries without a replay. Derived from the states alone, it writes what processing
	 * them would have written, so entries already there are written again unchanged.
	 * @return how many entries it wrote
	 */
	static int backfill(KeyValueStore<String, ReviewState> states, KeyValueStore<String, TitleReview> index) {
		if (index.get(FILLED) != null) {
			return 0;
		}
		int written = 0;
		try (KeyValueIterator<String, ReviewState> all = states.all()) {
			while (all.hasNext()) {
				var state = all.next();
				TitleReview entry = of(state.value);
				if (entry != null) {
					index.put(key(state.value.titleId(), state.key), entry);
					written++;
				}
			}
		}
		// marked, not judged by emptiness: reviews processed before the first punctuation already have entries
		index.put(FILLED, new TitleReview(ReviewType.USER, 0));
		return written;
	}

	/** The ids of a title's published reviews, by one prefix scan of the index. */
	static List<String> reviewIdsOf(ReadOnlyKeyValueStore<String, TitleReview> index, String titleId) {
		String prefix = prefix(titleId);
		List<String> ids = new ArrayList<>();
		try (KeyValueIterator<String, TitleReview> entries = index.prefixScan(prefix, new StringSerializer())) {
			entries.forEachRemaining(entry -> ids.add(entry.key.substring(prefix.length())));
		}
		return ids;
	}

	/**
	 * The current helpfulness scores of a title's published reviews that have votes, most helpful (highest Wilson
	 * lower bound) first, at most {@code limit}: one prefix scan and one lookup per review of the title.
	 */
	static List<ReviewScoreChanged> scoresOf(ReadOnlyKeyValueStore<String, TitleReview> index,
			ReadOnlyKeyValueStore<String, ReviewTally> tallies, String titleId, int limit) {
		List<ReviewScoreChanged> scores = new ArrayList<>();
		for (String reviewId : reviewIdsOf(index, titleId)) {
			ReviewTally tally = tallies.get(reviewId);
			if (tally != null) {
				scores.add(tally.toScore(UUID.fromString(reviewId)));
			}
		}
		scores.sort(Comparator.comparingDouble(ReviewScoreChanged::wilsonLowerBound)
			.reversed()
			.thenComparing(score -> score.reviewId().toString()));
		return scores.size() <= limit ? scores : List.copyOf(scores.subList(0, Math.max(0, limit)));
	}
}
