package dev.reviewflow.scoring.topology;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

import dev.reviewflow.events.ReviewScoreChanged;
import dev.reviewflow.events.TitleScoreChanged;
import dev.reviewflow.platform.ApiException;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.jspecify.annotations.Nullable;
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

	/** A value from a store; 503 while the stores restore or rebalance and cannot answer. */
	private <V> @Nullable V get(String store, String key) {
		try {
			ReadOnlyKeyValueStore<String, V> values = queries.retrieveQueryableStore(store,
					QueryableStoreTypes.keyValueStore());
			return values.get(key);
		}
		catch (InvalidStateStoreException ex) {
			throw ApiException.unavailable("Scores are being restored or rebalanced; try again in a few seconds.",
					Duration.ofSeconds(2));
		}
	}
}
