package dev.reviewflow.scoring;

import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.function.IntFunction;

import dev.reviewflow.devtokens.DevelopmentTokens;
import dev.reviewflow.events.CloudEvent;
import dev.reviewflow.events.CloudEventCodec;
import dev.reviewflow.events.RatingSet;
import dev.reviewflow.events.Topics;
import dev.reviewflow.testsupport.Http;
import dev.reviewflow.testsupport.RealInfrastructure;
import dev.reviewflow.testsupport.SharedInfrastructure;
import dev.reviewflow.testsupport.TopicProbe;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.state.HostInfo;
import org.junit.jupiter.api.Test;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.kafka.streams.KafkaStreamsInteractiveQueryService;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Two scoring instances share the work; either answers for any title, forwarding to the one that keeps it, and pages
 * of all titles merge both. What a silent owner costs (503 with Retry-After within the read timeout) is proven without
 * a second pair of instances: {@code RemoteScoresTest} (real HTTP, Boot's client and the configured timeouts) and
 * {@code ScoreControllerTests} (the problem).
 */
class MultiInstanceScoringTests {

	static final CloudEventCodec CODEC = new CloudEventCodec();

	@Test
	void eitherInstanceAnswersForEveryTitle() throws Exception {
		String applicationId = "scoring-multi-" + UUID.randomUUID().toString().substring(0, 6);
		String prefix = applicationId + "-title";
		List<ConfigurableApplicationContext> instances = new ArrayList<>();
		try (TopicProbe probe = TopicProbe.on(Topics.TITLE_SCORES.name())) {
			List<Http> clients = startTwo(instances, applicationId, i -> List.of());
			List<String> titles = rateTwelve(probe, prefix);

			Set<HostInfo> owners = new HashSet<>();
			KafkaStreamsInteractiveQueryService metadata = instances.getFirst()
				.getBean(KafkaStreamsInteractiveQueryService.class);
			for (String titleId : titles) {
				for (Http client : clients) {
					await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
						Http.Response score = client.get("/api/titles/" + titleId + "/score");
						assertThat(score.status()).as(score.toString()).isEqualTo(200);
						assertThat(score.json().get("titleId").asString()).isEqualTo(titleId);
						assertThat(score.json().get("userRating").get("count").asLong()).isEqualTo(1);
					});
				}
				owners.add(metadata.getKafkaStreamsApplicationHostInfo("title-tallies", titleId,
						new StringSerializer()));
			}
			assertThat(owners).as("the titles are spread over both instances").hasSize(2);

			// the pages of all titles gather both instances' titles, merged in the order of the ids
			for (Http client : clients) {
				List<String> listed = new ArrayList<>();
				long total = Long.MAX_VALUE;
				for (int page = 0; (long) page * 5 < total; page++) {
					Http.Response answer = client.get("/api/titles/scores?page=" + page + "&size=5");
					assertThat(answer.status()).as(answer.toString()).isEqualTo(200);
					total = answer.json().get("totalItems").asLong();
					listed.addAll(answer.json().get("items").findValuesAsString("titleId"));
				}
				assertThat(listed).isSorted().doesNotHaveDuplicates().containsAll(titles).hasSize((int) total);
			}
		}
		finally {
			instances.forEach(ConfigurableApplicationContext::close);
		}
	}

	/**
	 * Starts two scoring instances under one application id (added to {@code instances}, which the test closes), the
	 * i-th with {@code extra.apply(i)} arguments more, and returns a client of each once both are ready.
	 */
	static List<Http> startTwo(List<ConfigurableApplicationContext> instances, String applicationId,
			IntFunction<List<String>> extra) throws IOException {
		// the services that publish what scoring reads are not running here: their topics come from the test set-up
		RealInfrastructure.createArchitectureTopics();
		for (int i = 0; i < 2; i++) {
			List<String> args = new ArrayList<>(List.of("--server.port=" + freePort(),
					"--" + DevelopmentTokens.SERVICE_PROPERTY,
					"--spring.kafka.bootstrap-servers=" + SharedInfrastructure.kafkaBootstrapServers(),
					"--spring.kafka.streams.application-id=" + applicationId,
					"--spring.kafka.streams.state-dir=" + System.getProperty("java.io.tmpdir") + "/" + applicationId
							+ "-" + i));
			args.addAll(extra.apply(i));
			instances.add(new SpringApplicationBuilder(ScoringApplication.class).run(args.toArray(String[]::new)));
		}
		List<Http> clients = instances.stream()
			.map(context -> Http.on(Integer.parseInt(context.getEnvironment().getProperty("local.server.port"))))
			.toList();
		for (Http client : clients) {
			await().atMost(Duration.ofSeconds(90))
				.until(() -> client.get("/actuator/health/readiness").status() == 200);
		}
		return clients;
	}

	/** One rating for each of twelve titles, spread over the partitions; their ids. */
	static List<String> rateTwelve(TopicProbe probe, String prefix) {
		List<String> titles = new ArrayList<>();
		for (int t = 0; t < 12; t++) {
			String titleId = prefix + "-" + t;
			titles.add(titleId);
			probe.send(Topics.RATINGS.name(), titleId, CODEC.encode(CloudEvent.of("review-intake", titleId,
					new RatingSet(titleId, "user", 1 + t % 10, Instant.now(), 1))));
		}
		return titles;
	}

	static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
	}
}
