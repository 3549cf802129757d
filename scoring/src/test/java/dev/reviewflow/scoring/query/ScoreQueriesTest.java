package dev.reviewflow.scoring.query;

import java.util.UUID;

import dev.reviewflow.scoring.topology.ScoringSettings;
import org.junit.jupiter.api.Test;

import org.springframework.kafka.config.StreamsBuilderFactoryBean;
import org.springframework.kafka.streams.KafkaStreamsInteractiveQueryService;

import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

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
}
