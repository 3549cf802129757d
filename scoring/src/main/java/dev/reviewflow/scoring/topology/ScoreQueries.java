package dev.reviewflow.scoring.topology;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

import dev.reviewflow.events.ReviewScoreChanged;
import dev.reviewflow.events.TitleScoreChanged;
import dev.reviewflow.platform.ApiException;
import org.apache.kafka.common.serialization.StringSerializer;
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

	/** Every title's current score. */
	public List<TitleScoreChanged> allTitleScores() {
		return this.<TitleTally, List<TitleScoreChanged>>read(ScoringTopology.TITLE_TALLIES, store -> {
			List<TitleScoreChanged> scores = new ArrayList<>();
			try (KeyValueIterator<String, TitleTally> all = store.all()) {
				all.forEachRemaining(entry -> scores.add(entry.value.toScore(entry.key, settings)));
			}
			return scores;
		});
	}

	/** The current scores of a title's reviews that have votes. */
	public List<ReviewScoreChanged> reviewScoresOfTitle(String titleId) {
		List<String> reviewIds = this.<ReviewState, List<String>>read(ScoringTopology.REVIEW_STATES, states -> {
			List<String> ids = new ArrayList<>();
			try (KeyValueIterator<String, ReviewState> all = states.all()) {
				all.forEachRemaining(entry -> {
					if (titleId.equals(entry.value.titleId())) {
						ids.add(entry.key);
					}
				});
			}
			return ids;
		});
		return this.<ReviewTally, List<ReviewScoreChanged>>read(ScoringTopology.REVIEW_TALLIES, tallies -> {
			List<ReviewScoreChanged> scores = new ArrayList<>();
			for (String reviewId : reviewIds) {
				ReviewTally tally = tallies.get(reviewId);
				if (tally != null) {
					scores.add(tally.toScore(UUID.fromString(reviewId)));
				}
			}
			return scores;
		});
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
