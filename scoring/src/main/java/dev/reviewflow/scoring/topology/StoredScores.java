package dev.reviewflow.scoring.topology;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;

import dev.reviewflow.events.ReviewScoreChanged;
import dev.reviewflow.events.TitleScoreChanged;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.jspecify.annotations.Nullable;

/**
 * The scores as the topology's state stores hold them, read into the published shapes. The layout of the stores
 * (their records, keys and serdes) stays inside this package; a reader gives the stores, by name, from wherever it
 * finds them: the running application's interactive queries, or a {@code TopologyTestDriver}.
 */
public final class StoredScores {

	/** The topology's stores by name, to read: a {@code ReadOnlyKeyValueStore<String, ?>} for each store name. */
	@FunctionalInterface
	public interface Stores {

		ReadOnlyKeyValueStore<String, ?> store(String name);
	}

	/** Titles a store keeps: the first ones by id, and how many it keeps in all. */
	public record FirstTitles(List<TitleScoreChanged> first, long total) {
	}

	/** The number of all ratings of all titles and their mean (null before the first): C of the weighted rating. */
	public record AllRatings(@Nullable Double mean, long count) {
	}

	private final Stores stores;

	private final ScoringSettings settings;

	public StoredScores(Stores stores, ScoringSettings settings) {
		this.stores = stores;
		this.settings = settings;
	}

	/** A title's current score; empty before its first event. */
	public Optional<TitleScoreChanged> titleScore(String titleId) {
		return Optional.ofNullable(this.<TitleTally>store(ScoringTopology.TITLE_TALLIES).get(titleId))
			.map(tally -> tally.toScore(titleId, settings));
	}

	/** A review's helpfulness score; zero votes when nobody has voted yet. */
	public ReviewScoreChanged reviewScore(UUID reviewId) {
		return Objects
			.requireNonNullElse(this.<ReviewTally>store(ScoringTopology.REVIEW_TALLIES).get(reviewId.toString()),
					ReviewTally.EMPTY)
			.toScore(reviewId);
	}

	/**
	 * The first {@code limit} titles in the order of their ids, with their current scores, and how many titles the
	 * store keeps: one pass over {@code title-tallies}, holding at most {@code limit} of them.
	 */
	public FirstTitles firstTitleScores(int limit) {
		TreeMap<String, TitleTally> first = new TreeMap<>();
		long count = 0;
		try (KeyValueIterator<String, TitleTally> all = this.<TitleTally>store(ScoringTopology.TITLE_TALLIES).all()) {
			while (all.hasNext()) {
				KeyValue<String, TitleTally> entry = all.next();
				count++;
				if (first.size() < limit) {
					first.put(entry.key, entry.value);
				}
				else if (limit > 0 && entry.key.compareTo(first.lastKey()) < 0) {
					first.put(entry.key, entry.value);
					first.pollLastEntry();
				}
			}
		}
		List<TitleScoreChanged> scores = new ArrayList<>(first.size());
		first.forEach((titleId, tally) -> scores.add(tally.toScore(titleId, settings)));
		return new FirstTitles(scores, count);
	}

	/**
	 * The current scores of a title's published reviews that have votes, most helpful first, at most {@code limit}:
	 * one prefix scan of the {@code title-reviews} index and one lookup per review of the title.
	 */
	public List<ReviewScoreChanged> reviewScoresOfTitle(String titleId, int limit) {
		return TitleReview.scoresOf(store(ScoringTopology.TITLE_REVIEWS), store(ScoringTopology.REVIEW_TALLIES),
				titleId, limit);
	}

	/** C of the weighted rating, as the global store holds it now. */
	public AllRatings allRatings() {
		RatingSums all = this.<RatingSums>store(ScoringTopology.GLOBAL_RATINGS).get(ScoringTopology.ALL);
		return all == null ? new AllRatings(null, 0) : new AllRatings(all.mean(), all.count());
	}

	/** The title a review belongs to, if the topology has seen the review. */
	public Optional<String> titleOfReview(UUID reviewId) {
		return Optional.ofNullable(this.<ReviewState>store(ScoringTopology.REVIEW_STATES).get(reviewId.toString()))
			.map(ReviewState::titleId);
	}

	@SuppressWarnings("unchecked")
	private <V> ReadOnlyKeyValueStore<String, V> store(String name) {
		return (ReadOnlyKeyValueStore<String, V>) stores.store(name);
	}
}
