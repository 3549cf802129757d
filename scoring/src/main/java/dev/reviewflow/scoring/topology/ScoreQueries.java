package dev.reviewflow.scoring.topology;

import java.time.Duration;
import java.util.Optional;

import dev.reviewflow.events.TitleScoreChanged;
import dev.reviewflow.platform.ApiException;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

import org.springframework.kafka.streams.KafkaStreamsInteractiveQueryService;
import org.springframework.stereotype.Service;

/** Reads current scores from the topology's state stores (interactive queries). */
@Service
public class ScoreQueries {

	private final KafkaStreamsInteractiveQueryService queries;

	ScoreQueries(KafkaStreamsInteractiveQueryService queries) {
		this.queries = queries;
	}

	public Optional<TitleScoreChanged> titleScore(String titleId) {
		try {
			ReadOnlyKeyValueStore<String, TitleTally> store = queries
				.retrieveQueryableStore(ScoringTopology.TITLE_TALLIES, QueryableStoreTypes.keyValueStore());
			return Optional.ofNullable(store.get(titleId)).map(tally -> tally.toScore(titleId));
		}
		catch (InvalidStateStoreException ex) {
			throw ApiException.unavailable("Scores are being restored or rebalanced; try again in a few seconds.",
					Duration.ofSeconds(2));
		}
	}
}
