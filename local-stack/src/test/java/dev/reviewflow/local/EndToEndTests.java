package dev.reviewflow.local;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import dev.reviewflow.platform.DevelopmentTokens;
import dev.reviewflow.testsupport.Http;
import dev.reviewflow.testsupport.SharedInfrastructure;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * All three services, each as it runs in the local stack (own class loader, own configuration), against one broker
 * and one PostgreSQL, driven over HTTP as users drive them.
 */
class EndToEndTests {

	static final DevelopmentTokens TOKENS = new DevelopmentTokens(DevelopmentTokens.LOCAL_SECRET);

	static final Path REPOSITORY = Path.of("..").toAbsolutePath().normalize();

	static final List<ServiceHost> services = new ArrayList<>();

	static Http intake;

	static Http moderation;

	static Http scoring;

	@BeforeAll
	static void startServices() throws Exception {
		SharedInfrastructure.Database database = SharedInfrastructure.database();
		Path state = Path.of(System.getProperty("java.io.tmpdir"), "e2e-" + UUID.randomUUID());
		for (LocalStack.Service service : LocalStack.SERVICES) {
			services.add(ServiceHost.start(service.name(), REPOSITORY.resolve(service.module()), service.mainClass(),
					Map.of("server.port", "0", "spring.kafka.bootstrap-servers",
							SharedInfrastructure.kafkaBootstrapServers(), "spring.datasource.url", database.jdbcUrl(),
							"spring.datasource.username", database.username(), "spring.datasource.password",
							database.password(), "spring.kafka.streams.state-dir", state.resolve("scoring").toString(),
							"logging.file.name", state.resolve(service.name() + ".log").toString(),
							"logging.threshold.console", "WARN", "reviewflow.moderation.banned-terms",
							"buy followers")));
		}
		for (ServiceHost service : services) {
			service.awaitReady(Duration.ofMinutes(2));
		}
		intake = Http.on(services.get(0).port());
		moderation = Http.on(services.get(1).port());
		scoring = Http.on(services.get(2).port());
	}

	@AfterAll
	static void stopServices() throws Exception {
		for (ServiceHost service : services.reversed()) {
			service.close();
		}
	}

	@Test
	void aReviewIsPublishedAndScoredWhileOneWithABannedTermIsRejectedAndNotScored() {
		Http admin = intake.as(TOKENS.mint("admin", "ADMIN"));
		assertThat(admin.put("/api/titles/e2e-2012", """
				{"name":"Won't Back Down","year":2012,"kind":"MOVIE"}""").status()).isEqualTo(201);

		Http alice = intake.as(TOKENS.mint("alice", "USER"));
		Http.Response accepted = alice.post("/api/titles/e2e-2012/reviews", """
				{"rating":8,"headline":"Moving","body":"Viola Davis is superb.","containsSpoilers":false}""");
		assertThat(accepted.status()).isEqualTo(202);
		String published = accepted.json().get("reviewId").asString();

		Http mallory = intake.as(TOKENS.mint("mallory", "USER"));
		Http.Response spam = mallory.post("/api/titles/e2e-2012/reviews", """
				{"rating":1,"headline":"Deal","body":"Buy followers cheap!","containsSpoilers":false}""");
		assertThat(spam.status()).isEqualTo(202);
		String rejected = spam.json().get("reviewId").asString();

		await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
			Http.Response review = intake.get("/api/reviews/" + published);
			assertThat(review.status()).isEqualTo(200);
			assertThat(review.json().get("status").asString()).isEqualTo("PUBLISHED");
		});
		await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
			Http.Response review = mallory.get("/api/reviews/" + rejected);
			assertThat(review.json().get("status").asString()).isEqualTo("REJECTED");
		});
		assertThat(intake.get("/api/reviews/" + rejected).status()).isEqualTo(404);

		// "1 of 2 people found this review helpful", from moderation's votes through scoring back to intake
		assertThat(moderation.as(TOKENS.mint("bob", "USER")).put("/api/reviews/" + published + "/vote",
				"{\"helpful\":true}").status()).isEqualTo(202);
		assertThat(moderation.as(TOKENS.mint("carol", "USER")).put("/api/reviews/" + published + "/vote",
				"{\"helpful\":false}").status()).isEqualTo(202);
		await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
			Http.Response review = intake.get("/api/reviews/" + published);
			assertThat(review.json().get("helpfulVotes").asLong()).isEqualTo(1);
			assertThat(review.json().get("totalVotes").asLong()).isEqualTo(2);
		});
		assertThat(scoring.get("/api/reviews/" + published + "/score").json().get("total").asLong()).isEqualTo(2);

		// the rejected review's rating was withdrawn: only alice's 8 counts
		await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
			Http.Response score = scoring.get("/api/titles/e2e-2012/score");
			assertThat(score.status()).isEqualTo(200);
			assertThat(score.json().get("userRating").get("count").asLong()).isEqualTo(1);
			assertThat(score.json().get("userRating").get("average").asDouble()).isEqualTo(8.0);
			assertThat(score.json().get("userRating").get("histogram").get(0).asLong()).isZero();
			assertThat(score.json().get("reviewCounts").get("user").asLong()).isEqualTo(1);
		});
	}
}
