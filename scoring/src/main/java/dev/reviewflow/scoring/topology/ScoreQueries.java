package dev.reviewflow.scoring.topology;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;

import dev.reviewflow.events.ReviewScoreChanged;
import dev.reviewflow.events.TitleScoreChanged;
import dev.reviewflow.platform.ApiException;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.state.HostInfo;
import org.jspecify.annotations.Nullable;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

import org.springframework.kafka.streams.KafkaStreamsInteractiveQueryService;
import org.springframework.stereotype.Service;

/** Reads current scores from the topology's state stores (interactive queries). */
@Service
public class ScoreQueries {

	private final KafkaStreamsInteractiveQueryService queries;

	private final ScoringSettings settings;

	ScoreQueries(KafkaStreamsInteractiveQueryService queries, ScoringSettings settings) {
		this.queries = queries;
		this.settings = settings;
	}

	public Optional<TitleScoreChanged> titleScore(String titleId) {
		return Optional.ofNullable(this.<TitleTally>get(ScoringTopology.TITLE_TALLIES, titleId))
			.map(tally -> tally.toScore(titleId, settings));
	}

	/** A review's helpfulness score; zero votes when nobody has voted yet. */
	public ReviewScoreChanged reviewScore(UUID reviewId) {
		return Objects
			.requireNonNullElse(this.<ReviewTally>get(ScoringTopology.REVIEW_TALLIES, reviewId.toString()),
					ReviewTally.EMPTY)
			.toScore(reviewId);
	}

	/**
	 * The first {@code limit} of this instance's titles in the order of their ids, with their current scores, and how
	 * many titles this instance keeps: one pass over its {@code title-tallies}, holding at most {@code limit} of them.
	 */
	public LocalTitles firstTitleScores(int limit) {
		return this.<TitleTally, LocalTitles>read(ScoringTopology.TITLE_TALLIES, store -> {
			TreeMap<String, TitleTally> first = new TreeMap<>();
			long count = 0;
			try (KeyValueIterator<String, TitleTally> all = store.all()) {
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
			return new LocalTitles(scores, count);
		});
	}

	/** Titles an instance keeps: the first ones by id, and how many it keeps in all. */
	public record LocalTitles(List<TitleScoreChanged> first, long total) {
	}

	/**
	 * The current scores of a title's published reviews that have votes, most helpful first, at most {@code limit}:
	 * one prefix scan of the {@code title-reviews} index and one lookup per review of the title. This instance's
	 * reviews only (reviews are spread over the instances by review id).
	 */
	public List<ReviewScoreChanged> reviewScoresOfTitle(String titleId, int limit) {
		return this.<TitleReview, List<ReviewScoreChanged>>read(ScoringTopology.TITLE_REVIEWS,
				index -> this.<ReviewTally, List<ReviewScoreChanged>>read(ScoringTopology.REVIEW_TALLIES,
						tallies -> TitleReview.scoresOf(index, tallies, titleId, limit)));
	}

	/**
	 * The instance that keeps a title's score, when it is another one than this: with several instances each key
	 * lives on one of them.
	 */
	public Optional<HostInfo> titleOwner(String titleId) {
		return remoteOwner(ScoringTopology.TITLE_TALLIES, titleId);
	}

	/** The instance that keeps a review's score, when it is another one than this. */
	public Optional<HostInfo> reviewOwner(UUID reviewId) {
		return remoteOwner(ScoringTopology.REVIEW_TALLIES, reviewId.toString());
	}

	private Optional<HostInfo> remoteOwner(String store, String key) {
		try {
			HostInfo owner = queries.getKafkaStreamsApplicationHostInfo(store, key, new StringSerializer());
			HostInfo self = queries.getCurrentKafkaStreamsApplicationHostInfo();
			return owner == null || owner.equals(self) || owner.equals(HostInfo.unavailable()) ? Optional.empty()
					: Optional.of(owner);
		}
		catch (RuntimeException ex) {
			throw ApiException.unavailable("Scores are being restored or rebalanced; try again in a few seconds.",
					Duration.ofSeconds(2));
		}
	}

	/** C of the weighted rating: the number and mean of all ratings of all titles, as this instance knows them. */
	public GlobalRating globalRating() {
		RatingSums all = get(ScoringTopology.GLOBAL_RATINGS, ScoringTopology.ALL);
		return all == null ? new GlobalRating(null, 0) : new GlobalRating(all.mean(), all.count());
	}

	/** C of the weighted rating ({@code GET /api/ratings/global}): null mean before the first rating. */
	public record GlobalRating(@Nullable Double mean, long count) {
	}

	/** The title a review belongs to, if scoring has seen the review. */
	public @Nullable String titleOfReview(UUID reviewId) {
		ReviewState state = get(ScoringTopology.REVIEW_STATES, reviewId.toString());
		return state == null ? null : state.titleId();
	}

	private <V> @Nullable V get(String store, String key) {
		return this.<V, V>read(store, values -> values.get(key));
	}

	/** Reads a store; 503 while the stores restore or rebalance and cannot answer. */
	private <V, R> R read(String store, java.util.function.Function<ReadOnlyKeyValueStore<String, V>, R> query) {
		try {
			ReadOnlyKeyValueStore<String, V> values = queries.retrieveQueryableStore(store,
					QueryableStoreTypes.keyValueStore());
			return query.apply(values);
		}
		catch (InvalidStateStoreException ex) {
			throw ApiException.unavailable("Scores are being restored or rebalanced; try again in a few seconds.",
					Duration.ofSeconds(2));
		}
	}
}
