package dev.reviewflow.scoring.query;

import java.util.UUID;

import dev.reviewflow.scoring.topology.ScoringSettings;
import org.apache.kafka.streams.KafkaStreams;
import org.junit.jupiter.api.Test;

import org.springframework.kafka.config.StreamsBuilderFactoryBean;
import org.springframework.kafka.streams.KafkaStreamsInteractiveQueryService;

import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.mock;

/**
 * An instance asked for scores in its first seconds, before Kafka Streams has started (a page's live stream connecting
 * while the stack starts): the answer is "not yet" (503 with Retry-After), not a server error.
 */
class ScoreQueriesTest {

	@Test
	void beforeKafkaStreamsHasStartedEveryQueryIsUnavailableNotAnError() {
		StreamsBuilderFactoryBean notStarted = new StreamsBuilderFactoryBean();
		ScoreQueries queries = new ScoreQueries(notStarted, new KafkaStreamsInteractiveQueryService(notStarted),
				ScoringSettings.DEFAULTS);

		assertThatExceptionOfType(ScoresUnavailable.class).isThrownBy(() -> queries.titleScore("heat-1995"));
		assertThatExceptionOfType(ScoresUnavailable.class).isThrownBy(() -> queries.firstTitleScores(20));
		assertThatExceptionOfType(ScoresUnavailable.class).isThrownBy(() -> queries.reviewScore(UUID.randomUUID()));
		assertThatExceptionOfType(ScoresUnavailable.class).isThrownBy(queries::globalRating);
	}

	/**
	 * Once Kafka Streams is stopping, or an error has stopped it, its stores cannot be read either: "not now" with
	 * the state, not Spring Kafka's bare IllegalStateException as a 500.
	 */
	@Test
	void whileKafkaStreamsIsStoppedEveryQueryIsUnavailableNotAnError() {
		KafkaStreams stopped = mock(KafkaStreams.class);
		given(stopped.state()).willReturn(KafkaStreams.State.ERROR);
		// what Kafka Streams answers when asked for a store in that state
		given(stopped.store(any())).willThrow(new IllegalStateException("KafkaStreams is not running. State is ERROR."));
		StreamsBuilderFactoryBean factory = mock(StreamsBuilderFactoryBean.class);
		given(factory.getKafkaStreams()).willReturn(stopped);
		ScoreQueries queries = new ScoreQueries(factory, new KafkaStreamsInteractiveQueryService(factory),
				ScoringSettings.DEFAULTS);

		assertThatExceptionOfType(ScoresUnavailable.class).isThrownBy(() -> queries.titleScore("heat-1995"))
			.withMessageContaining("ERROR");
		assertThatExceptionOfType(ScoresUnavailable.class).isThrownBy(() -> queries.reviewScore(UUID.randomUUID()));
		assertThatExceptionOfType(ScoresUnavailable.class).isThrownBy(queries::globalRating);
	}
}
