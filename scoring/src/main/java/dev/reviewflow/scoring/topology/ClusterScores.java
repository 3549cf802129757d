package dev.reviewflow.scoring.topology;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import dev.reviewflow.events.ReviewScoreChanged;
import dev.reviewflow.events.TitleScoreChanged;
import dev.reviewflow.platform.ApiException;
import dev.reviewflow.platform.Page;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsMetadata;
import org.apache.kafka.streams.state.HostInfo;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.http.client.ClientHttpRequestFactoryBuilder;
import org.springframework.boot.http.client.HttpClientSettings;
import org.springframework.http.ResponseEntity;
import org.springframework.kafka.config.StreamsBuilderFactoryBean;
import org.springframework.kafka.streams.KafkaStreamsInteractiveQueryService;
import org.springframework.stereotype.Service;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientException;

/**
 * Title scores across all instances of scoring: each title lives on one instance; what this instance does not keep
 * it asks the instance that does, over the same HTTP API, marked as forwarded so the owner answers from its own
 * stores. An owner that does not connect or answer within {@code reviewflow.scoring.queries.forwarding.*} is answered
 * for with 503 and {@code Retry-After}.
 */
@Service
public class ClusterScores {

	/** Marks a query one instance forwarded to another, which then answers from its own stores only. */
	public static final String FORWARDED = "X-Reviewflow-Forwarded";

	private static final Duration RETRY_AFTER = Duration.ofSeconds(2);

	private final ScoreQueries scores;

	private final StreamsBuilderFactoryBean streams;

	private final KafkaStreamsInteractiveQueryService queries;

	private final RestClient http;

	private final JsonMapper json;

	ClusterScores(ScoreQueries scores, StreamsBuilderFactoryBean streams, KafkaStreamsInteractiveQueryService queries,
			RestClient.Builder http, ClientHttpRequestFactoryBuilder<?> requests, HttpClientSettings clientSettings,
			QueryProperties properties, JsonMapper json) {
		this.scores = scores;
		this.streams = streams;
		this.queries = queries;
		this.json = json;
		this.http = http
			.requestFactory(requests.build(clientSettings.withTimeouts(properties.forwarding().connectTimeout(),
					properties.forwarding().readTimeout())))
			// every answer is looked at by ask()
			.defaultStatusHandler(status -> true, (request, response) -> {
			})
			.build();
	}

	/** A title's current score, wherever it is kept. */
	public Optional<TitleScoreChanged> titleScore(String titleId) {
		Optional<HostInfo> owner = scores.titleOwner(titleId);
		if (owner.isEmpty()) {
			return scores.titleScore(titleId);
		}
		String body = ask(owner.get(), "/api/titles/{titleId}/score", titleId);
		return body == null ? Optional.empty() : Optional.of(read(body, new TypeReference<TitleScoreChanged>() {
		}));
	}

	/** A review's current helpfulness score, wherever it is kept. */
	public ReviewScoreChanged reviewScore(UUID reviewId) {
		Optional<HostInfo> owner = scores.reviewOwner(reviewId);
		if (owner.isEmpty()) {
			return scores.reviewScore(reviewId);
		}
		String body = ask(owner.get(), "/api/reviews/{reviewId}/score", reviewId);
		if (body == null) {
			throw unavailable();
		}
		return read(body, new TypeReference<ReviewScoreChanged>() {
		});
	}

	/**
	 * One page of every title's current score, in the order of the title ids, gathered from all instances: each one
	 * gives its titles up to the end of the page ({@link #localTitleScores}), and the page is cut from their merge.
	 * Costs one pass over each instance's titles, and one request to each other instance.
	 */
	public Page<TitleScoreChanged> titleScores(int page, int size) {
		int upToEndOfPage = upToEndOfPage(page, size);
		ScoreQueries.LocalTitles own = scores.firstTitleScores(upToEndOfPage);
		List<TitleScoreChanged> merged = new ArrayList<>(own.first());
		long total = own.total();
		KafkaStreams kafkaStreams = streams.getKafkaStreams();
		if (kafkaStreams != null) {
			HostInfo self = queries.getCurrentKafkaStreamsApplicationHostInfo();
			for (StreamsMetadata instance : kafkaStreams.metadataForAllStreamsClients()) {
				if (!instance.hostInfo().equals(self)
						&& instance.stateStoreNames().contains(ScoringTopology.TITLE_TALLIES)) {
					String body = ask(instance.hostInfo(), "/api/titles/scores?page={page}&size={size}", page,
							size);
					if (body == null) {
						throw unavailable();
					}
					Page<TitleScoreChanged> theirs = read(body, new TypeReference<Page<TitleScoreChanged>>() {
					});
					merged.addAll(theirs.items());
					total += theirs.totalItems();
				}
			}
		}
		merged.sort(Comparator.comparing(TitleScoreChanged::titleId));
		long from = (long) page * size;
		List<TitleScoreChanged> items = from >= merged.size() ? List.of()
				: List.copyOf(merged.subList((int) from, Math.min(merged.size(), upToEndOfPage)));
		return new Page<>(items, page, size, total);
	}

	/**
	 * What this instance answers a forwarded page request with: its own titles from the first up to the end of the
	 * page (not only the page: which of them fall on the page is known only once every instance's are merged), and
	 * how many titles it keeps.
	 */
	public Page<TitleScoreChanged> localTitleScores(int page, int size) {
		ScoreQueries.LocalTitles own = scores.firstTitleScores(upToEndOfPage(page, size));
		return new Page<>(own.first(), page, size, own.total());
	}

	private static int upToEndOfPage(int page, int size) {
		return (int) Math.min(Integer.MAX_VALUE - 8, ((long) page + 1) * size);
	}

	/** The body another instance answered with 200, null for 404, 503 for anything else or no answer in time. */
	private @Nullable String ask(HostInfo owner, String path, Object... variables) {
		Object[] all = new Object[variables.length + 2];
		all[0] = owner.host();
		all[1] = owner.port();
		System.arraycopy(variables, 0, all, 2, variables.length);
		ResponseEntity<String> answer;
		try {
			// path variables are encoded: a title id cannot change where the query goes
			answer = http.get()
				.uri("http://{host}:{port}" + path, all)
				.header(FORWARDED, "true")
				.retrieve()
				.toEntity(String.class);
		}
		catch (RestClientException ex) {
			// refused, timed out connecting or waiting for the answer
			throw unavailable();
		}
		if (answer.getStatusCode().value() == 404) {
			return null;
		}
		if (answer.getStatusCode().value() != 200 || answer.getBody() == null) {
			throw unavailable();
		}
		return answer.getBody();
	}

	private <T> T read(String body, TypeReference<T> type) {
		try {
			return json.readValue(body, type);
		}
		catch (JacksonException ex) {
			throw unavailable();
		}
	}

	private static ApiException unavailable() {
		return ApiException.unavailable("Another scoring instance did not answer; try again shortly.", RETRY_AFTER);
	}
}
