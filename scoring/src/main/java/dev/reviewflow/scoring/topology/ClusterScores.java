package dev.reviewflow.scoring.topology;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import dev.reviewflow.events.ReviewScoreChanged;
import dev.reviewflow.events.TitleScoreChanged;
import dev.reviewflow.platform.ApiException;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsMetadata;
import org.apache.kafka.streams.state.HostInfo;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.kafka.config.StreamsBuilderFactoryBean;
import org.springframework.kafka.streams.KafkaStreamsInteractiveQueryService;
import org.springframework.stereotype.Service;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientException;

/**
 * Title scores across all instances of scoring: each title lives on one instance; what this instance does not keep
 * it asks the instance that does, over the same HTTP API, marked as forwarded so the owner answers from its own
 * stores.
 */
@Service
public class ClusterScores {

	/** Marks a query one instance forwarded to another, which then answers from its own stores only. */
	public static final String FORWARDED = "X-Reviewflow-Forwarded";

	private final ScoreQueries scores;

	private final StreamsBuilderFactoryBean streams;

	private final KafkaStreamsInteractiveQueryService queries;

	private final RestClient http = RestClient.builder()
		.defaultStatusHandler(status -> true, (request, response) -> {
		})
		.build();

	private final JsonMapper json = JsonMapper.builder().build();

	ClusterScores(ScoreQueries scores, StreamsBuilderFactoryBean streams, KafkaStreamsInteractiveQueryService queries) {
		this.scores = scores;
		this.streams = streams;
		this.queries = queries;
	}

	/** A title's current score, wherever it is kept. */
	public Optional<TitleScoreChanged> titleScore(String titleId) {
		Optional<HostInfo> owner = scores.titleOwner(titleId);
		if (owner.isEmpty()) {
			return scores.titleScore(titleId);
		}
		String body = ask(owner.get(), "/api/titles/" + titleId + "/score");
		return body == null ? Optional.empty() : Optional.of(json.readValue(body, TitleScoreChanged.class));
	}

	/** A review's current helpfulness score, wherever it is kept. */
	public ReviewScoreChanged reviewScore(UUID reviewId) {
		Optional<HostInfo> owner = scores.reviewOwner(reviewId);
		if (owner.isEmpty()) {
			return scores.reviewScore(reviewId);
		}
		String body = ask(owner.get(), "/api/reviews/" + reviewId + "/score");
		if (body == null) {
			throw unavailable();
		}
		return json.readValue(body, ReviewScoreChanged.class);
	}

	/** Every title's current score: this instance's own and every other instance's. */
	public List<TitleScoreChanged> allTitleScores() {
		List<TitleScoreChanged> all = new ArrayList<>(scores.allTitleScores());
		KafkaStreams kafkaStreams = streams.getKafkaStreams();
		if (kafkaStreams == null) {
			return all;
		}
		HostInfo self = queries.getCurrentKafkaStreamsApplicationHostInfo();
		for (StreamsMetadata instance : kafkaStreams.metadataForAllStreamsClients()) {
			if (!instance.hostInfo().equals(self) && instance.stateStoreNames().contains(ScoringTopology.TITLE_TALLIES)) {
				String body = ask(instance.hostInfo(), "/api/titles/scores");
				if (body != null) {
					all.addAll(json.readValue(body, new TypeReference<List<TitleScoreChanged>>() {
					}));
				}
			}
		}
		return all;
	}

	/** The body another instance answered with 200, null for 404, 503 for anything else. */
	private @Nullable String ask(HostInfo owner, String path) {
		try {
			var answer = http.get()
				.uri("http://" + owner.host() + ":" + owner.port() + path)
				.header(FORWARDED, "true")
				.retrieve()
				.toEntity(String.class);
			if (answer.getStatusCode().value() == 404) {
				return null;
			}
			if (answer.getStatusCode().value() != 200) {
				throw unavailable();
			}
			return answer.getBody();
		}
		catch (RestClientException ex) {
			throw unavailable();
		}
	}

	private static ApiException unavailable() {
		return ApiException.unavailable("Another scoring instance did not answer; try again shortly.",
				Duration.ofSeconds(2));
	}
}
