package dev.reviewflow.moderation;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import dev.reviewflow.events.ModerationPolicyChanged;
import dev.reviewflow.events.Topics;
import dev.reviewflow.platform.RateLimitExceeded;
import dev.reviewflow.platform.RateLimits;
import dev.reviewflow.testsupport.EventContract;
import dev.reviewflow.testsupport.Http;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The versioned policy over HTTP, and the rate limits it sets. */
class PolicyIntegrationTests extends ModerationIntegrationTest {

	String original;

	@Autowired
	RateLimits rateLimits;

	@Autowired
	PlatformTransactionManager transactionManager;

	Http admin() {
		return as("admin-p", "ADMIN");
	}

	@BeforeEach
	void rememberPolicy() {
		original = admin().get("/api/moderation/policy").body();
	}

	@AfterEach
	void restorePolicy() {
		assertThat(admin().put("/api/moderation/policy", original).status()).isEqualTo(200);
	}

	ObjectNode current() {
		return (ObjectNode) admin().get("/api/moderation/policy").json();
	}

	@Test
	void anAdministratorReplacesThePolicyAsANewVersionAndTheChangeIsAudited() {
		Http.Response read = admin().get("/api/moderation/policy");
		JsonNode policy = read.json();
		int version = policy.get("version").asInt();
		assertThat(read.header("ETag")).isEqualTo("\"" + version + "\"");
		assertThat(policy.get("reportThreshold").asDouble()).isEqualTo(3.0);
		assertThat(policy.get("autoHide").asBoolean()).isTrue();
		assertThat(policy.get("bannedTerms").valueStream().map(JsonNode::asString)).containsExactly("buy followers");

		ObjectNode changed = current();
		changed.put("reportThreshold", 5);
		changed.putArray("suspectTerms").add("casino").add("giveaway");
		((ObjectNode) changed.get("rateLimits").get("ratings")).put("max", 7).put("perMinutes", 30);
		((ObjectNode) changed.get("rateLimits").get("reviewDeletes")).put("max", 3).put("perMinutes", 1440);
		Http.Response put = admin().with("If-Match", "\"" + version + "\"").put("/api/moderation/policy",
				changed.toString());
		assertThat(put.status()).as(put.toString()).isEqualTo(200);
		assertThat(put.json().get("version").asInt()).isEqualTo(version + 1);
		assertThat(put.json().get("changedBy").asString()).isEqualTo("admin-p");
		assertThat(current().get("reportThreshold").asDouble()).isEqualTo(5.0);

		// review-intake learns the parts it applies (its write limits) from the compacted policy topic
		ModerationPolicyChanged announced = (ModerationPolicyChanged) EventContract.assertConforms(probe.await(
				r -> r.topic().equals(Topics.MODERATION_POLICY.name()) && ((ModerationPolicyChanged) CODEC
					.decode(r.value()).data()).version() == version + 1).value()).data();
		assertThat(announced.reviewRateLimit()).isEqualTo(new ModerationPolicyChanged.RateLimit(20, 60));
		assertThat(announced.reviewEditRateLimit()).isEqualTo(new ModerationPolicyChanged.RateLimit(20, 60));
		assertThat(announced.reviewDeleteRateLimit()).isEqualTo(new ModerationPolicyChanged.RateLimit(3, 1440));
		assertThat(announced.ratingRateLimit()).isEqualTo(new ModerationPolicyChanged.RateLimit(7, 30));

		Http.Response stale = admin().with("If-Match", "\"" + version + "\"").put("/api/moderation/policy",
				changed.toString());
		assertThat(stale.status()).isEqualTo(412);
		assertThat(stale.isProblem()).isTrue();

		// the new version applies to the next screening, and the decision records it
		UUID held = moderated("author-p1", "A giveaway in every scene.", "HELD");
		assertThat(jdbc.sql("select policy_version from decision where review_id = ?").param(held)
			.query(Integer.class).single()).isEqualTo(version + 1);
		JsonNode audit = as("mod-p", "MODERATOR").get("/api/moderation/audit?size=200").json();
		assertThat(audit.get("items").valueStream()
			.filter(entry -> entry.get("action").asString().equals("POLICY_CHANGED")
					&& entry.get("policyVersion").asInt() == version + 1)
			.findFirst()
			.orElseThrow()
			.get("reasons")
			.valueStream()
			.map(JsonNode::asString)).containsExactlyInAnyOrder("suspectTerms", "reportThreshold", "rateLimits");
	}

	@Test
	void everyWriteHasADefaultLimitAlsoInAPolicyWrittenBeforeItExisted() {
		JsonNode limits = current().get("rateLimits");
		assertThat(limits.get("ratings").toString()).isEqualTo("{\"max\":20,\"perMinutes\":60}");
		assertThat(limits.get("reviewEdits").toString()).isEqualTo("{\"max\":20,\"perMinutes\":60}");
		assertThat(limits.get("reviewDeletes").toString()).isEqualTo("{\"max\":20,\"perMinutes\":60}");
		assertThat(limits.get("appeals").toString()).isEqualTo("{\"max\":10,\"perMinutes\":1440}");
		assertThat(limits.get("claims").toString()).isEqualTo("{\"max\":30,\"perMinutes\":1}");
		assertThat(limits.get("decisions").toString()).isEqualTo("{\"max\":30,\"perMinutes\":1}");

		// a version stored before the later limits existed (as another instance or an older release wrote it)
		int version = current().get("version").asInt() + 1;
		ObjectNode old = current();
		old.remove(List.of("version", "changedBy", "changedAt"));
		((ObjectNode) old.get("rateLimits")).remove(List.of("reviews", "reviewEdits", "reviewDeletes", "ratings",
				"appeals", "claims", "decisions"));
		((ObjectNode) old.get("rateLimits").get("votes")).put("max", 59);
		jdbc.sql("insert into policy (version, document, changed_by, changed_at) values (?, cast(? as jsonb), 'old', now())")
			.params(version, old.toString())
			.update();
		await().atMost(Duration.ofSeconds(30))
			.untilAsserted(() -> assertThat(current().get("version").asInt()).isEqualTo(version));
		JsonNode read = current().get("rateLimits");
		assertThat(read.get("votes").get("max").asInt()).isEqualTo(59);
		assertThat(read.get("appeals").toString()).isEqualTo("{\"max\":10,\"perMinutes\":1440}");
		assertThat(read.get("ratings").toString()).isEqualTo("{\"max\":20,\"perMinutes\":60}");

		// a PUT that leaves a limit out gets its default
		ObjectNode partial = current();
		((ObjectNode) partial.get("rateLimits")).remove("claims");
		Http.Response put = admin().put("/api/moderation/policy", partial.toString());
		assertThat(put.status()).as(put.toString()).isEqualTo(200);
		assertThat(put.json().get("rateLimits").get("claims").toString())
			.isEqualTo("{\"max\":30,\"perMinutes\":1}");
	}

	@Test
	void reportsAndVotesBeyondTheRateLimitGet429WithRetryAfter() {
		ObjectNode strict = current();
		((ObjectNode) strict.get("rateLimits").get("reports")).put("max", 2).put("perMinutes", 60);
		((ObjectNode) strict.get("rateLimits").get("votes")).put("max", 2).put("perMinutes", 1);
		assertThat(admin().put("/api/moderation/policy", strict.toString()).status()).isEqualTo(200);

		UUID[] reviews = { moderated("author-p2a", "One.", "PUBLISHED"), moderated("author-p2b", "Two.", "PUBLISHED"),
				moderated("author-p2c", "Three.", "PUBLISHED") };
		assertThat(report("reporter-p2", reviews[0], "SPAM").status()).isEqualTo(202);
		assertThat(report("reporter-p2", reviews[0], "SPAM").status()).as("a repeat is not counted").isEqualTo(200);
		assertThat(report("reporter-p2", reviews[1], "SPAM").status()).isEqualTo(202);
		Http.Response limited = report("reporter-p2", reviews[2], "SPAM");
		assertThat(limited.status()).isEqualTo(429);
		assertThat(limited.isProblem()).isTrue();
		assertThat(Long.parseLong(limited.header("Retry-After"))).isBetween(3000L, 3600L);
		assertThat(report("reporter-p2-other", reviews[2], "SPAM").status()).isEqualTo(202);

		Http voter = as("voter-p2", "USER");
		assertThat(voter.put("/api/reviews/" + reviews[0] + "/vote", "{\"helpful\":true}").status()).isEqualTo(202);
		assertThat(voter.put("/api/reviews/" + reviews[1] + "/vote", "{\"helpful\":true}").status()).isEqualTo(202);
		Http.Response tooMany = voter.put("/api/reviews/" + reviews[2] + "/vote", "{\"helpful\":true}");
		assertThat(tooMany.status()).isEqualTo(429);
		assertThat(Long.parseLong(tooMany.header("Retry-After"))).isBetween(1L, 60L);
		assertThat(jdbc.sql("select count(*) from vote where voter_id = 'voter-p2'").query(Long.class).single())
			.isEqualTo(2);
	}

	@Test
	void appealsClaimsAndDecisionsBeyondTheRateLimitGet429WithRetryAfterAndChangeNothing() {
		ObjectNode strict = current();
		((ObjectNode) strict.get("rateLimits").get("appeals")).put("max", 1).put("perMinutes", 1440);
		((ObjectNode) strict.get("rateLimits").get("claims")).put("max", 1).put("perMinutes", 1);
		((ObjectNode) strict.get("rateLimits").get("decisions")).put("max", 1).put("perMinutes", 1);
		assertThat(admin().put("/api/moderation/policy", strict.toString()).status()).isEqualTo(200);
		// users of this run alone, so no earlier run's actions count
		String run = UUID.randomUUID().toString().substring(0, 8);

		// one appeal a day: the second rejected review's appeal is refused and opens no case
		UUID firstRejected = moderated("author-p3-" + run, "Buy followers here, first.", "REJECTED");
		UUID secondRejected = moderated("author-p3-" + run, "Second time: buy followers.", "REJECTED");
		Http author = as("author-p3-" + run, "USER");
		assertThat(author.post("/api/reviews/" + firstRejected + "/appeal", "{\"statement\":\"A joke.\"}").status())
			.isEqualTo(202);
		Http.Response secondAppeal = author.post("/api/reviews/" + secondRejected + "/appeal",
				"{\"statement\":\"Also a joke.\"}");
		assertThat(secondAppeal.status()).as(secondAppeal.toString()).isEqualTo(429);
		assertThat(secondAppeal.isProblem()).isTrue();
		assertThat(Long.parseLong(secondAppeal.header("Retry-After"))).isBetween(86_000L, 86_400L);
		assertThat(jdbc.sql("select count(*) from moderation_case where review_id = ? and kind = 'APPEAL'")
			.param(secondRejected).query(Long.class).single()).isZero();

		// one claim a minute per moderator; giving a claim back is not limited
		UUID[] held = { moderated("author-p3a-" + run, "A casino in the first act.", "HELD"),
				moderated("author-p3b-" + run, "The casino again in the last act.", "HELD") };
		UUID[] cases = { openCase(held[0]), openCase(held[1]) };
		Http moderator = as("mod-p3-" + run, "MODERATOR");
		assertThat(moderator.post("/api/moderation/cases/" + cases[0] + "/claim", "").status()).isEqualTo(200);
		Http.Response secondClaim = moderator.post("/api/moderation/cases/" + cases[1] + "/claim", "");
		assertThat(secondClaim.status()).as(secondClaim.toString()).isEqualTo(429);
		assertThat(secondClaim.isProblem()).isTrue();
		assertThat(Long.parseLong(secondClaim.header("Retry-After"))).isBetween(1L, 60L);
		assertThat(caseState(cases[1])).isEqualTo("OPEN");
		assertThat(moderator.delete("/api/moderation/cases/" + cases[0] + "/claim").status()).isEqualTo(200);
		Http otherModerator = as("mod-p3-other-" + run, "MODERATOR");
		assertThat(otherModerator.post("/api/moderation/cases/" + cases[1] + "/claim", "").status())
			.as("the limit is per moderator").isEqualTo(200);
		assertThat(otherModerator.delete("/api/moderation/cases/" + cases[1] + "/claim").status()).isEqualTo(200);

		// one decision a minute per moderator: the second is refused, its case and review stay as they were
		assertThat(moderator.post("/api/moderation/cases/" + cases[0] + "/decision",
				"{\"action\":\"KEEP\",\"reason\":\"fine\"}").status()).isEqualTo(200);
		Http.Response secondDecision = moderator.post("/api/moderation/cases/" + cases[1] + "/decision",
				"{\"action\":\"REMOVE\",\"reason\":\"gambling\"}");
		assertThat(secondDecision.status()).as(secondDecision.toString()).isEqualTo(429);
		assertThat(secondDecision.isProblem()).isTrue();
		assertThat(Long.parseLong(secondDecision.header("Retry-After"))).isBetween(1L, 60L);
		assertThat(caseState(cases[1])).isEqualTo("OPEN");
		assertThat(status(held[1])).isEqualTo("HELD");
		assertThat(status(held[0])).isEqualTo("PUBLISHED");
	}

	String caseState(UUID caseId) {
		return jdbc.sql("select state from moderation_case where case_id = ?").param(caseId).query(String.class)
			.single();
	}

	/** Many requests of one user at once: exactly the limit's number are counted, the others refused with a wait. */
	@Test
	void aLimitHoldsForRequestsArrivingTogether() throws Exception {
		String subject = "together-" + UUID.randomUUID();
		TransactionTemplate transaction = new TransactionTemplate(transactionManager);
		CyclicBarrier together = new CyclicBarrier(8);
		List<Future<Long>> outcomes = new ArrayList<>();
		try (ExecutorService callers = Executors.newFixedThreadPool(8)) {
			for (int i = 0; i < 8; i++) {
				outcomes.add(callers.submit(() -> {
					together.await(10, TimeUnit.SECONDS);
					try {
						transaction.executeWithoutResult(status -> rateLimits.acquire(subject, "vote", 3,
								Duration.ofMinutes(1)));
						return 0L;
					}
					catch (RateLimitExceeded refused) {
						return refused.retryAfterSeconds();
					}
				}));
			}
		}
		List<Long> waits = new ArrayList<>();
		for (Future<Long> outcome : outcomes) {
			waits.add(outcome.get());
		}
		assertThat(waits).filteredOn(wait -> wait == 0).hasSize(3);
		assertThat(waits).filteredOn(wait -> wait > 0).hasSize(5).allMatch(wait -> wait <= 60);
		assertThat(jdbc.sql("select count(*) from rate_limit_hit where subject = ?").param(subject).query(Long.class)
			.single()).isEqualTo(3);
	}

	@Test
	void hitsOlderThanTheLongestWindowAreForgotten() {
		jdbc.sql("insert into rate_limit_hit (subject, action, at) values ('old-p', 'vote', now() - interval '25 hours')")
			.update();
		jdbc.sql("insert into rate_limit_hit (subject, action, at) values ('recent-p', 'vote', now() - interval '23 hours')")
			.update();
		assertThat(rateLimits.forgetExpired()).isGreaterThanOrEqualTo(1);
		assertThat(jdbc.sql("select subject from rate_limit_hit where subject in ('old-p', 'recent-p')")
			.query(String.class).list()).containsExactly("recent-p");
	}
}
