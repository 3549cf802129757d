package dev.reviewflow.scoring;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

import dev.reviewflow.events.CloudEvent;
import dev.reviewflow.events.CloudEventCodec;
import dev.reviewflow.events.HelpfulnessVoteSet;
import dev.reviewflow.events.RatingSet;
import dev.reviewflow.events.Vote;
import dev.reviewflow.scoring.replay.Replay;
import dev.reviewflow.scoring.topology.ScoringSettings;
import dev.reviewflow.testsupport.SharedInfrastructure;
import dev.reviewflow.events.TitleScoreChanged;
import dev.reviewflow.events.Topics;
import dev.reviewflow.testsupport.EventContract;
import dev.reviewflow.testsupport.Http;
import dev.reviewflow.testsupport.RealInfrastructure;
import dev.reviewflow.testsupport.TopicProbe;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** scoring on a real broker: exactly-once Streams from ratings to scores, served over HTTP. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "spring.kafka.streams.state-dir=${java.io.tmpdir}/scoring-it-${random.uuid}",
				// small caps and a quick heartbeat, so the stream limits can be reached and freed in a test
				"reviewflow.scoring.live.max-streams-per-client=2", "reviewflow.scoring.live.max-streams=4",
				"reviewflow.scoring.live.heartbeat=500ms" })
@Import(RealInfrastructure.class)
class ScoringIntegrationTests {

	static final CloudEventCodec CODEC = new CloudEventCodec();

	static TopicProbe probe;

	@LocalServerPort
	int port;

	@Autowired
	KafkaListenerEndpointRegistry listeners;

	/** The live stream reads only what is published after it joined: wait until it has its partitions. */
	@BeforeEach
	void liveStreamAssigned() {
		await().atMost(Duration.ofSeconds(60)).until(() -> {
			var container = listeners.getListenerContainer("scoring-live");
			return container != null && container.getAssignedPartitions() != null
					&& !container.getAssignedPartitions().isEmpty();
		});
	}

	@BeforeAll
	static void watchTopics() {
		probe = TopicProbe.on(Topics.TITLE_SCORES.name(), Topics.RATINGS.deadLetterTopic());
	}

	@AfterAll
	static void stopWatching() {
		probe.close();
	}

	/** Versions as review-intake assigns them: growing with every change of a key (here: of any key). */
	static final AtomicLong VERSIONS = new AtomicLong();

	void rate(String titleId, String user, int rating) {
		probe.send(Topics.RATINGS.name(), titleId, CODEC.encode(CloudEvent.of("review-intake", titleId,
				new RatingSet(titleId, user, rating, Instant.now(), VERSIONS.incrementAndGet()))));
	}

	@Test
	void ratingsBecomeAScoreOnTheTopicAndOverHttp() {
		rate("scored-2012", "alice", 8);
		rate("scored-2012", "bob", 6);

		ConsumerRecord<String, byte[]> record = probe.await(r -> r.key().equals("scored-2012")
				&& ((TitleScoreChanged) EventContract.assertConforms(r.value()).data()).userRating().count() == 2);
		assertThat(TopicProbe.header(record, "content-type")).isEqualTo("application/cloudevents+json");

		await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
			Http.Response score = Http.on(port).get("/api/titles/scored-2012/score");
			assertThat(score.status()).isEqualTo(200);
			assertThat(score.json().get("userRating").get("count").asLong()).isEqualTo(2);
			assertThat(score.json().get("userRating").get("average").asDouble()).isEqualTo(7.0);
			assertThat(score.json().get("userRating").get("weighted").isNumber()).isTrue();
		});
		Http.Response unknown = Http.on(port).get("/api/titles/never-rated/score");
		assertThat(unknown.status()).isEqualTo(404);
		assertThat(unknown.isProblem()).isTrue();
	}

	@Test
	void theLiveStreamSendsTheCurrentScoreFirstThenEveryChange() throws Exception {
		String titleId = "live-" + UUID.randomUUID().toString().substring(0, 8);
		rate(titleId, "alice", 8);
		await().atMost(Duration.ofSeconds(30))
			.until(() -> Http.on(port).get("/api/titles/" + titleId + "/score").status() == 200);

		List<String> lines = new CopyOnWriteArrayList<>();
		HttpRequest request = HttpRequest
			.newBuilder(URI.create("http://localhost:" + port + "/api/stream/scores?titleId=" + titleId))
			.header("Accept", "text/event-stream")
			.build();
		HttpClient client = HttpClient.newHttpClient();
		HttpResponse<java.util.stream.Stream<String>> response = client.send(request,
				HttpResponse.BodyHandlers.ofLines());
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.headers().firstValue("Content-Type").orElse("")).startsWith("text/event-stream");
		Thread reader = Thread.ofVirtual().start(() -> response.body().forEach(lines::add));
		try {
			await().atMost(Duration.ofSeconds(30)).until(() -> lines.contains("event:title-score"));
			assertThat(lines.stream().filter(line -> line.startsWith("data:")).findFirst().orElseThrow())
				.contains("\"count\":1");

			rate(titleId, "bob", 4);
			await().atMost(Duration.ofSeconds(30))
				.until(() -> lines.stream().anyMatch(line -> line.startsWith("data:") && line.contains("\"count\":2")
						&& line.contains("\"average\":6.0")));
			rate("some-other-title", "carol", 5);
			rate(titleId, "dave", 6);
			await().atMost(Duration.ofSeconds(30))
				.until(() -> lines.stream().anyMatch(line -> line.contains("\"count\":3")));
			assertThat(lines).noneMatch(line -> line.contains("some-other-title"));
		}
		finally {
			reader.interrupt();
			client.close();
		}
	}

	/**
	 * One client cannot hold more than its share of live streams (429), nor all clients together more than the
	 * instance takes (503), each with a problem that says when to come back; a stream that ends frees its place.
	 */
	@Test
	void liveStreamsAreCappedPerClientAndOverallAndAClosedStreamFreesItsPlace() throws Exception {
		// the stores answer (a stream's first message is the current scores), and no other test's stream is left
		await().atMost(Duration.ofSeconds(60)).until(() -> Http.on(port).get("/api/titles/scores").status() == 200);
		await().atMost(Duration.ofSeconds(30)).until(() -> Http.on(port)
			.raw("GET", "/actuator/prometheus", null, new byte[0])
			.body()
			.lines()
			.anyMatch(line -> line.startsWith("reviewflow_live_clients") && line.endsWith(" 0.0")));
		// one HTTP client per stream, so hanging up one closes exactly its connection
		List<HttpClient> streams = new java.util.ArrayList<>();
		try {
			String tooManyTitles = java.util.stream.IntStream.rangeClosed(1, 21)
				.mapToObj(i -> "titleId=many-" + i)
				.collect(java.util.stream.Collectors.joining("&"));
			Answer refused = answer(tooManyTitles, null);
			assertThat(refused.status()).isEqualTo(400);
			assertThat(refused.body()).contains("up to 20 title ids");

			for (String user : List.of("stream-alice", "stream-alice", "stream-bob", "stream-bob")) {
				HttpClient stream = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
				assertThat(stream.send(streamRequest("", user), HttpResponse.BodyHandlers.ofLines()).statusCode())
					.as(user)
					.isEqualTo(200);
				streams.add(stream);
			}
			Answer third = answer("", "stream-alice");
			assertThat(third.status()).isEqualTo(429);
			assertThat(third.headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
			assertThat(third.headers().firstValue("Retry-After")).hasValue("5");
			assertThat(third.body()).contains("close one first");
			Answer full = answer("", "stream-carol");
			assertThat(full.status()).isEqualTo(503);
			assertThat(full.headers().firstValue("Retry-After")).hasValue("5");

			// alice hangs up: the next heartbeat finds her stream gone, and carol gets its place
			streams.removeFirst().shutdownNow();
			await().atMost(Duration.ofSeconds(30)).until(() -> {
				HttpClient carol = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
				streams.add(carol);
				return carol.send(streamRequest("", "stream-carol"), HttpResponse.BodyHandlers.ofLines())
					.statusCode() == 200;
			});
			// exactly one place came free: the instance is full again; anonymous callers are refused alike
			assertThat(answer("", "stream-dave").status()).isEqualTo(503);
			assertThat(answer("", null).status()).isEqualTo(503);
		}
		finally {
			streams.forEach(HttpClient::shutdownNow);
		}
	}

	/** What a stream request expected to be refused was answered: status, headers, body (none for a 200). */
	record Answer(int status, java.net.http.HttpHeaders headers, String body) {
	}

	/** Asks for a stream and reads the answer whole, unless it is a stream (a 200 never ends): that one is cut. */
	Answer answer(String query, @org.jspecify.annotations.Nullable String user) throws Exception {
		HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
		try {
			HttpResponse<java.util.stream.Stream<String>> response = http.send(streamRequest(query, user),
					HttpResponse.BodyHandlers.ofLines());
			String body = response.statusCode() == 200 ? ""
					: response.body().collect(java.util.stream.Collectors.joining("\n"));
			return new Answer(response.statusCode(), response.headers(), body);
		}
		finally {
			http.shutdownNow();
		}
	}

	HttpRequest streamRequest(String query, @org.jspecify.annotations.Nullable String user) {
		HttpRequest.Builder request = HttpRequest
			.newBuilder(URI.create("http://localhost:" + port + "/api/stream/scores" + (query.isEmpty() ? "" : "?" + query)))
			.header("Accept", "text/event-stream");
		if (user != null) {
			request.header("Authorization", "Bearer " + new dev.reviewflow.platform.DevelopmentTokens(
					dev.reviewflow.platform.DevelopmentTokens.LOCAL_SECRET).mint(user, List.of("USER"), false,
							Duration.ofMinutes(10)));
		}
		return request.build();
	}

	@Test
	void eventsByTypeFreshnessAndStoreSizesAreMeasured() {
		String titleId = "metered-" + UUID.randomUUID().toString().substring(0, 8);
		rate(titleId, "alice", 7);
		await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
			String metrics = Http.on(port).raw("GET", "/actuator/prometheus", null, new byte[0]).body();
			assertThat(metrics).containsPattern("reviewflow_scoring_events_total\\{[^}]*type=\"reviewflow.rating-set.v1\"");
			assertThat(metrics).containsPattern("reviewflow_score_freshness_seconds_count(\\{[^}]*\\})? [1-9]");
			assertThat(metrics).containsPattern("reviewflow_scoring_store_entries\\{[^}]*store=\"title-tallies\"[^}]*\\} [1-9]");
		});
	}

	@Test
	void aReplayIntoANewApplicationIdRebuildsTheSameScores() throws Exception {
		String prefix = "replayed-" + UUID.randomUUID().toString().substring(0, 6);
		UUID review = UUID.randomUUID();
		for (int i = 0; i < 40; i++) {
			rate(prefix + "-" + (i % 4), "user-" + (i % 7), 1 + (i * 7) % 10);
		}
		probe.send(Topics.RATINGS.name(), prefix + "-0", CODEC.encode(CloudEvent.of("review-intake", prefix + "-0",
				new RatingSet(prefix + "-0", "user-0", null, Instant.now(), VERSIONS.incrementAndGet()))));
		for (int i = 0; i < 9; i++) {
			probe.send(Topics.VOTES.name(), review.toString(), CODEC.encode(CloudEvent.of("moderation",
					review.toString(), new HelpfulnessVoteSet(review, prefix + "-1", "voter-" + (i % 5),
							i % 3 == 0 ? Vote.NOT_HELPFUL : Vote.HELPFUL, Instant.now(), VERSIONS.incrementAndGet()))));
		}
		for (String topic : List.of(Topics.RATINGS.name(), Topics.VOTES.name())) {
			TopicProbe.awaitConsumed("scoring", topic);
		}

		String applicationId = "scoring-rebuild-" + UUID.randomUUID().toString().substring(0, 6);
		java.io.ByteArrayOutputStream progress = new java.io.ByteArrayOutputStream();
		Replay.Summary summary = new Replay(SharedInfrastructure.kafkaBootstrapServers(), applicationId,
				java.nio.file.Path.of(System.getProperty("java.io.tmpdir"), applicationId), ScoringSettings.DEFAULTS,
				new java.io.PrintStream(progress, true)).run(Duration.ofMinutes(2));

		assertThat(summary.events()).isGreaterThanOrEqualTo(50);
		assertThat(progress.toString()).contains("events/s").contains("100.0%");
		try (TopicProbe rebuilt = TopicProbe.on(summary.outputs().titleScores(), summary.outputs().reviewScores());
				TopicProbe live = TopicProbe.on(Topics.TITLE_SCORES.name(), Topics.REVIEW_SCORES.name())) {
			// the live service follows C within a second or two of the last rating; the rebuild has settled
			await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
				for (int t = 0; t < 4; t++) {
					String titleId = prefix + "-" + t;
					assertThat(withoutVersion(latest(rebuilt, titleId))).as(titleId)
						.isEqualTo(withoutVersion(latest(live, titleId)));
				}
			});
			// a review's score changes with its votes only, so its versions match too
			assertThat(latest(rebuilt, review.toString())).isEqualTo(latest(live, review.toString()));
		}
	}

	/** The latest value published under a key, once everything written so far has been read. */
	static Object latest(TopicProbe probe, String key) {
		return EventContract
			.assertConforms(probe.readToEnd().stream().filter(r -> r.key().equals(key)).toList().getLast().value())
			.data();
	}

	/**
	 * A title's version counts its publications, and how often it was published anew for a moving C depends on when
	 * each run looked; every figure, the weighted rating included, must match.
	 */
	static Object withoutVersion(Object score) {
		TitleScoreChanged title = (TitleScoreChanged) score;
		return new TitleScoreChanged(title.titleId(), title.userRating(), title.audienceScore(), title.criticScore(),
				title.reviewCounts(), title.updatedAt(), 0);
	}

	@Test
	void aMalformedRatingGoesToTheDeadLetterTopicAndTheNextOneIsStillScored() {
		String titleId = "dlt-" + UUID.randomUUID().toString().substring(0, 8);
		probe.send(Topics.RATINGS.name(), titleId, "{not json".getBytes(StandardCharsets.UTF_8));
		rate(titleId, "alice", 9);

		ConsumerRecord<String, byte[]> dead = probe.await(r -> r.topic().equals("reviews.ratings.DLT")
				&& r.key().equals(titleId));
		assertThat(new String(dead.value(), StandardCharsets.UTF_8)).isEqualTo("{not json");
		await().atMost(Duration.ofSeconds(30))
			.untilAsserted(() -> assertThat(Http.on(port).get("/api/titles/" + titleId + "/score").status())
				.isEqualTo(200));
	}
}
