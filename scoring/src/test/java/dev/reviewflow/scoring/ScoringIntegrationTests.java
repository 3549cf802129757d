package dev.reviewflow.scoring;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

import dev.reviewflow.devtokens.DevelopmentTokens;
import dev.reviewflow.events.CloudEvent;
import dev.reviewflow.events.CloudEventCodec;
import dev.reviewflow.events.DecisionActor;
import dev.reviewflow.events.HelpfulnessVoteSet;
import dev.reviewflow.events.ModerationDecided;
import dev.reviewflow.events.ReviewStatus;
import dev.reviewflow.events.ReviewSubmitted;
import dev.reviewflow.events.ReviewType;
import dev.reviewflow.events.RatingSet;
import dev.reviewflow.events.Vote;
import dev.reviewflow.scoring.replay.Replay;
import dev.reviewflow.scoring.topology.ScoringSettings;
import dev.reviewflow.testsupport.SharedInfrastructure;
import dev.reviewflow.events.TitleScoreChanged;
import dev.reviewflow.events.Topics;
import dev.reviewflow.testsupport.EventContract;
import dev.reviewflow.testsupport.AuthorizationMatrix;
import dev.reviewflow.testsupport.AuthorizationMatrix.Row;
import dev.reviewflow.testsupport.Http;
import dev.reviewflow.testsupport.JwtAttacks;
import dev.reviewflow.testsupport.TopicProbe;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.errors.FencedInstanceIdException;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.config.StreamsBuilderFactoryBean;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** scoring on a real broker: exactly-once Streams from ratings to scores, served over HTTP. */
@ScoringIntegrationTest
class ScoringIntegrationTests {

	static final CloudEventCodec CODEC = new CloudEventCodec();

	static final String ADMIN = DevelopmentTokens.local().mint("operator", "ADMIN");

	static TopicProbe probe;

	@LocalServerPort
	int port;

	@Autowired
	KafkaListenerEndpointRegistry listeners;

	@Autowired
	StreamsBuilderFactoryBean streams;

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

	/**
	 * Health and metrics as the whole service serves them (the API's own HTTP shape is the web slices'): ready while
	 * the topology runs, metrics and health details for admins only; forged tokens get nowhere. A review nobody has
	 * voted on scores zero from the real stores, whether or not scoring has seen it yet.
	 */
	@Test
	void actuatorAnswersEveryKindOfCallerAsPromised() {
		DevelopmentTokens tokens = DevelopmentTokens.local();
		Map<String, Http> callers = Map.of("anonymous", Http.on(port), "user", Http.on(port).as(tokens.mint("u", "USER")),
				"admin", Http.on(port).as(ADMIN));
		AuthorizationMatrix.assertAsPromised(List.of("anonymous", "user", "admin"), List.<Row<Http>>of(
				new Row<>("GET /api/reviews/{unvoted}/score",
						http -> http.get("/api/reviews/" + UUID.randomUUID() + "/score"), 200, 200, 200),
				new Row<>("GET /actuator/health/readiness", http -> http.get("/actuator/health/readiness"), 200, 200,
						200),
				new Row<>("GET /actuator/prometheus", http -> http.raw("GET", "/actuator/prometheus", null, new byte[0]),
						401, 403, 200)),
				callers::get);
		assertThat(Http.on(port).get("/actuator/health").json().has("components")).isFalse();
		assertThat(callers.get("admin").get("/actuator/health").json().has("components")).isTrue();
		JwtAttacks.assertRefused(token -> Http.on(port).as(token).raw("GET", "/actuator/prometheus", null,
				new byte[0]), 200, "operator", "ADMIN");
		// what docker/prometheus/alerts.yml and the dashboards read beyond the reviewflow meters, which local-stack's
		// AlertRulesTests finds in the sources, and the freshness buckets its p99 alert needs
		await().atMost(Duration.ofSeconds(30))
			.untilAsserted(() -> assertThat(callers.get("admin").raw("GET", "/actuator/prometheus", null, new byte[0])
				.body()).contains("kafka_consumer_fetch_manager_records_lag_max{", "kafka_stream_alive_stream_threads{",
						"kafka_stream_thread_process_rate{", "kafka_stream_thread_commit_latency_avg{",
						"http_server_requests_seconds_bucket{", "reviewflow_score_freshness_seconds_bucket{"));
	}

	/**
	 * A stream thread that dies of an exception nothing handled (after a broker's crash: a fenced static member) is
	 * replaced; Kafka's default would stop the whole client for good.
	 */
	@Test
	void aStreamThreadThatDiesOfAnUnhandledExceptionIsReplaced() {
		assertThat(streams.getStreamsUncaughtExceptionHandler()
			.handle(new FencedInstanceIdException("another member took this instance id")))
			.isEqualTo(StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse.REPLACE_THREAD);
	}

	@Test
	void ratingsBecomeAScoreOnTheTopicAndOverHttp() {
		// a title of this run's own: a broker kept from an earlier run holds nothing of it
		String titleId = "scored-2012-" + UUID.randomUUID().toString().substring(0, 8);
		rate(titleId, "alice", 8);
		rate(titleId, "bob", 6);

		ConsumerRecord<String, byte[]> record = probe.await(r -> r.key().equals(titleId)
				&& ((TitleScoreChanged) EventContract.assertConforms(r.value()).data()).userRating().count() == 2);
		assertThat(TopicProbe.header(record, "content-type")).isEqualTo("application/cloudevents+json");

		await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
			Http.Response score = Http.on(port).get("/api/titles/" + titleId + "/score");
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
		Thread reader = Thread.ofVirtual().start(() -> collect(response, lines));
		try {
			await().atMost(Duration.ofSeconds(30)).until(() -> lines.contains("event:title-score"));
			assertThat(lines.stream().filter(line -> line.startsWith("data:")).findFirst().orElseThrow())
				.contains("\"count\":1");

			rate(titleId, "bob", 4);
			await().atMost(Duration.ofSeconds(30))
				.until(() -> lines.stream().anyMatch(line -> line.startsWith("data:") && line.contains("\"count\":2")
						&& line.contains("\"average\":6.0")));
			// another title's score, published and read by the live stream before this title's next change: had it
			// been sent to this stream, it would have come before that change
			String otherTitle = "other-" + UUID.randomUUID().toString().substring(0, 8);
			rate(otherTitle, "carol", 5);
			await().atMost(Duration.ofSeconds(30))
				.until(() -> Http.on(port).get("/api/titles/" + otherTitle + "/score").status() == 200);
			probe.await(r -> r.key().equals(otherTitle));
			TopicProbe.awaitConsumed(listeners.getListenerContainer("scoring-live").getGroupId(),
					Topics.TITLE_SCORES.name());
			rate(titleId, "dave", 6);
			await().atMost(Duration.ofSeconds(30))
				.until(() -> lines.stream().anyMatch(line -> line.contains("\"count\":3")));
			assertThat(lines).noneMatch(line -> line.contains(otherTitle));
		}
		finally {
			reader.interrupt();
			client.close();
		}
	}

	/** Every title's score, page by page in the order of the ids; the pages together hold each title once. */
	@Test
	void titleScoresComePageByPageInTheOrderOfTheirIds() {
		String prefix = "paged-" + UUID.randomUUID().toString().substring(0, 6);
		List<String> titles = java.util.stream.IntStream.range(0, 7).mapToObj(i -> prefix + "-" + i).toList();
		titles.forEach(titleId -> rate(titleId, "alice", 6));
		for (String titleId : titles) {
			await().atMost(Duration.ofSeconds(30))
				.until(() -> Http.on(port).get("/api/titles/" + titleId + "/score").status() == 200);
		}

		Http.Response first = Http.on(port).get("/api/titles/scores?page=0&size=3");
		assertThat(first.status()).isEqualTo(200);
		assertThat(first.json().get("page").asInt()).isZero();
		assertThat(first.json().get("size").asInt()).isEqualTo(3);
		assertThat(first.json().get("items").size()).isEqualTo(3);
		long total = first.json().get("totalItems").asLong();
		assertThat(total).isGreaterThanOrEqualTo(titles.size());

		List<String> listed = new java.util.ArrayList<>();
		for (int page = 0; (long) page * 3 < total; page++) {
			Http.Response answer = Http.on(port).get("/api/titles/scores?page=" + page + "&size=3");
			assertThat(answer.json().get("page").asInt()).isEqualTo(page);
			answer.json().get("items").forEach(score -> listed.add(score.get("titleId").asString()));
		}
		assertThat(listed).as("in the order of the ids, each once").isSorted().doesNotHaveDuplicates();
		assertThat(listed).containsAll(titles);
		Http.Response pageOfOurs = Http.on(port)
			.get("/api/titles/scores?page=" + listed.indexOf(prefix + "-3") / 3 + "&size=3");
		var ours = java.util.stream.StreamSupport.stream(pageOfOurs.json().get("items").spliterator(), false)
			.filter(score -> score.get("titleId").asString().equals(prefix + "-3"))
			.findFirst()
			.orElseThrow();
		assertThat(ours.get("userRating").get("count").asLong()).as("its own score, read from the store").isOne();
		assertThat(ours.get("userRating").get("average").asDouble()).isEqualTo(6.0);

		Http.Response beyond = Http.on(port).get("/api/titles/scores?page=" + (total / 3 + 1) + "&size=3");
		assertThat(beyond.status()).isEqualTo(200);
		assertThat(beyond.json().get("items").size()).isZero();
		assertThat(beyond.json().get("totalItems").asLong()).isGreaterThanOrEqualTo(total);
	}

	/**
	 * A stream for a title starts with the title's score and its published reviews' scores, read from the
	 * title-reviews index; a removed review of the title, and a review of another title, are not among them.
	 */
	@Test
	void aTitleStreamStartsWithItsPublishedReviewsScores() throws Exception {
		String titleId = "indexed-" + UUID.randomUUID().toString().substring(0, 8);
		UUID published = review(titleId, ReviewStatus.PUBLISHED);
		UUID removed = review(titleId, ReviewStatus.REMOVED);
		UUID elsewhere = review(titleId + "-sequel", ReviewStatus.PUBLISHED);
		for (UUID reviewId : List.of(published, removed, elsewhere)) {
			String ofTitle = reviewId.equals(elsewhere) ? titleId + "-sequel" : titleId;
			for (int i = 0; i < 3; i++) {
				probe.send(Topics.VOTES.name(), reviewId.toString(), CODEC.encode(CloudEvent.of("moderation",
						reviewId.toString(), new HelpfulnessVoteSet(reviewId, ofTitle, "voter-" + i,
								i == 0 ? Vote.NOT_HELPFUL : Vote.HELPFUL, Instant.now(), VERSIONS.incrementAndGet()))));
			}
		}
		await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
			Http.Response score = Http.on(port).get("/api/titles/" + titleId + "/score");
			assertThat(score.status()).isEqualTo(200);
			assertThat(score.json().get("reviewCounts").get("user").asLong()).isEqualTo(1);
			for (UUID reviewId : List.of(published, removed, elsewhere)) {
				assertThat(Http.on(port).get("/api/reviews/" + reviewId + "/score").json().get("total").asLong())
					.isEqualTo(3);
			}
		});

		// every score change has gone by the live stream: what follows can only come from the snapshot
		TopicProbe.awaitConsumed("scoring", Topics.VOTES.name());
		TopicProbe.awaitConsumed(listeners.getListenerContainer("scoring-live").getGroupId(),
				Topics.REVIEW_SCORES.name());
		List<String> lines = new CopyOnWriteArrayList<>();
		HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
		HttpResponse<java.util.stream.Stream<String>> response = client.send(
				streamRequest("titleId=" + titleId, null), HttpResponse.BodyHandlers.ofLines());
		assertThat(response.statusCode()).isEqualTo(200);
		Thread reader = Thread.ofVirtual().start(() -> collect(response, lines));
		try {
			await().atMost(Duration.ofSeconds(30)).until(() -> lines.contains("id:" + published));
			assertThat(lines).contains("event:title-score", "event:review-score");
			assertThat(lines.stream().filter(line -> line.startsWith("data:") && line.contains(published.toString())))
				.singleElement()
				.satisfies(line -> assertThat(line).contains("\"helpful\":2", "\"notHelpful\":1"));
			// two heartbeats later, nothing of the removed review nor of the other title's has come
			int seen = lines.size();
			await().atMost(Duration.ofSeconds(30))
				.until(() -> lines.subList(seen, lines.size()).stream().filter(":heartbeat"::equals).count() >= 2);
			assertThat(String.join("\n", lines)).doesNotContain(removed.toString()).doesNotContain(elsewhere.toString());
		}
		finally {
			reader.interrupt();
			client.shutdownNow();
		}
	}

	/** A review submitted and decided on, as review-intake and moderation publish them. */
	UUID review(String titleId, ReviewStatus status) {
		UUID reviewId = UUID.randomUUID();
		probe.send(Topics.REVIEW_EVENTS.name(), reviewId.toString(), CODEC.encode(CloudEvent.of("review-intake",
				reviewId.toString(), new ReviewSubmitted(reviewId, titleId, "author-" + reviewId, ReviewType.USER, 1,
						8, null, null, false, "headline", "body", false, Instant.now()))));
		probe.send(Topics.MODERATION_DECISIONS.name(), reviewId.toString(), CODEC.encode(CloudEvent.of("moderation",
				reviewId.toString(), new ModerationDecided(UUID.randomUUID(), reviewId, titleId, "author-" + reviewId,
						1, status, DecisionActor.AUTOMATIC, null, List.of(), Instant.now(), 1))));
		return reviewId;
	}

	/** A stream for all titles starts with the first titles by id (three here), title scores only. */
	@Test
	void aStreamForAllTitlesStartsWithTheFirstTitlesById() throws Exception {
		// titles of this run's own that sort first: a broker kept from an earlier run holds none of them
		String prefix = "aaa-first-" + UUID.randomUUID().toString().substring(0, 8) + "-";
		for (int i = 0; i < 4; i++) {
			rate(prefix + i, "alice", 5);
		}
		for (int i = 0; i < 4; i++) {
			String titleId = prefix + i;
			await().atMost(Duration.ofSeconds(30))
				.until(() -> Http.on(port).get("/api/titles/" + titleId + "/score").status() == 200);
		}
		List<String> firstThree = Http.on(port).get("/api/titles/scores?size=3").json().get("items")
			.findValuesAsString("titleId");
		assertThat(firstThree).hasSize(3);

		List<String> lines = new CopyOnWriteArrayList<>();
		HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
		HttpResponse<java.util.stream.Stream<String>> response = client.send(streamRequest("", null),
				HttpResponse.BodyHandlers.ofLines());
		assertThat(response.statusCode()).isEqualTo(200);
		Thread reader = Thread.ofVirtual().start(() -> collect(response, lines));
		try {
			// the snapshot is queued before any live change can be: the first three events are it
			await().atMost(Duration.ofSeconds(30))
				.until(() -> lines.stream().filter(line -> line.startsWith("event:")).count() >= 3);
			List<String> events = lines.stream().filter(line -> line.startsWith("event:")).limit(3).toList();
			assertThat(events).containsOnly("event:title-score");
			List<String> ids = lines.stream().filter(line -> line.startsWith("id:")).limit(3)
				.map(line -> line.substring(3)).toList();
			assertThat(ids).isEqualTo(firstThree);
		}
		finally {
			reader.interrupt();
			client.shutdownNow();
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
			.as(ADMIN)
			.raw("GET", "/actuator/prometheus", null, new byte[0])
			.body()
			.lines()
			.anyMatch(line -> line.startsWith("reviewflow_live_clients") && line.endsWith(" 0.0")));
		// one HTTP client per stream, so hanging up one closes exactly its connection
		List<HttpClient> streams = new java.util.ArrayList<>();
		try {
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

	/** Collects a stream's lines until the test hangs up (closing the stream ends the reading, not with an error). */
	static void collect(HttpResponse<java.util.stream.Stream<String>> response, List<String> lines) {
		try {
			response.body().forEach(lines::add);
		}
		catch (java.io.UncheckedIOException closed) {
			// the test closed the connection: the stream is over
		}
	}

	HttpRequest streamRequest(String query, @org.jspecify.annotations.Nullable String user) {
		HttpRequest.Builder request = HttpRequest
			.newBuilder(URI.create("http://localhost:" + port + "/api/stream/scores" + (query.isEmpty() ? "" : "?" + query)))
			.header("Accept", "text/event-stream");
		if (user != null) {
			request.header("Authorization", "Bearer " + DevelopmentTokens.local().mint(user, List.of("USER"), false,
							Duration.ofMinutes(10)));
		}
		return request.build();
	}

	/**
	 * The meters are the whole context's, so the test compares them before and after its own rating (other tests'
	 * ratings count too): events by type and freshness grow by it; every store reports its size.
	 */
	@Test
	void eventsByTypeFreshnessAndStoreSizesAreMeasured() {
		// the counter of a type appears with the type's first event: none before it counts as 0
		double events = sample("reviewflow_scoring_events_total", "type=\"reviewflow.rating-set.v1\"").orElse(0);
		double fresh = metric("reviewflow_score_freshness_seconds_count", "");
		String titleId = "metered-" + UUID.randomUUID().toString().substring(0, 8);
		rate(titleId, "alice", 7);
		await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
			assertThat(Http.on(port).get("/api/titles/" + titleId + "/score").status()).isEqualTo(200);
			assertThat(metric("reviewflow_scoring_events_total", "type=\"reviewflow.rating-set.v1\""))
				.isGreaterThanOrEqualTo(events + 1);
			assertThat(metric("reviewflow_score_freshness_seconds_count", "")).isGreaterThanOrEqualTo(fresh + 1);
		});
		for (String store : List.of("user-ratings", "title-tallies", "review-states", "title-reviews", "voter-votes",
				"review-tallies")) {
			assertThat(metric("reviewflow_scoring_store_entries", "store=\"" + store + "\"")).as(store)
				.isNotNaN()
				.isGreaterThanOrEqualTo(0);
		}
		// the stores this test just wrote to: its rating is in both
		assertThat(metric("reviewflow_scoring_store_entries", "store=\"user-ratings\"")).isPositive();
		assertThat(metric("reviewflow_scoring_store_entries", "store=\"title-tallies\"")).isPositive();
	}

	/** A meter's value as Prometheus scrapes it (the sample whose labels contain {@code label}); fails when absent. */
	double metric(String name, String label) {
		return sample(name, label)
			.orElseThrow(() -> new AssertionError("no sample of " + name + " with " + label + " is scraped"));
	}

	/** A meter's value as Prometheus scrapes it (the sample whose labels contain {@code label}), if there is one. */
	java.util.OptionalDouble sample(String name, String label) {
		String metrics = Http.on(port).as(ADMIN).raw("GET", "/actuator/prometheus", null, new byte[0]).body();
		return metrics.lines()
			.filter(line -> line.startsWith(name + "{") || line.startsWith(name + " "))
			.filter(line -> line.contains(label))
			.mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
			.findFirst();
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
