package dev.reviewflow.scoring;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import dev.reviewflow.events.CloudEvent;
import dev.reviewflow.events.CloudEventCodec;
import dev.reviewflow.events.RatingSet;
import dev.reviewflow.events.TitleScoreChanged;
import dev.reviewflow.events.Topics;
import dev.reviewflow.testsupport.EventContract;
import dev.reviewflow.testsupport.Http;
import dev.reviewflow.testsupport.RealInfrastructure;
import dev.reviewflow.testsupport.TopicProbe;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** scoring on a real broker: exactly-once Streams from ratings to scores, served over HTTP. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = "spring.kafka.streams.state-dir=${java.io.tmpdir}/scoring-it-${random.uuid}")
@Import(RealInfrastructure.class)
class ScoringIntegrationTests {

	static final CloudEventCodec CODEC = new CloudEventCodec();

	static TopicProbe probe;

	@LocalServerPort
	int port;

	@BeforeAll
	static void watchTopics() {
		probe = TopicProbe.on(Topics.TITLE_SCORES.name(), Topics.RATINGS.deadLetterTopic());
	}

	@AfterAll
	static void stopWatching() {
		probe.close();
	}

	void rate(String titleId, String user, int rating) {
		probe.send(Topics.RATINGS.name(), titleId,
				CODEC.encode(CloudEvent.of("review-intake", titleId, new RatingSet(titleId, user, rating, Instant.now()))));
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
		});
		Http.Response unknown = Http.on(port).get("/api/titles/never-rated/score");
		assertThat(unknown.status()).isEqualTo(404);
		assertThat(unknown.isProblem()).isTrue();
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
