package dev.reviewflow.moderation;

import java.util.UUID;

import dev.reviewflow.events.ModerationPolicyChanged;
import dev.reviewflow.events.Topics;
import dev.reviewflow.platform.RateLimits;
import dev.reviewflow.testsupport.EventContract;
import dev.reviewflow.testsupport.Http;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

/** The versioned policy over HTTP, and the rate limits it sets. */
class PolicyIntegrationTests extends ModerationIntegrationTest {

	String original;

	@Autowired
	RateLimits rateLimits;

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
		Http.Response put = admin().with("If-Match", "\"" + version + "\"").put("/api/moderation/policy",
				changed.toString());
		assertThat(put.status()).as(put.toString()).isEqualTo(200);
		assertThat(put.json().get("version").asInt()).isEqualTo(version + 1);
		assertThat(put.json().get("changedBy").asString()).isEqualTo("admin-p");
		assertThat(current().get("reportThreshold").asDouble()).isEqualTo(5.0);

		// review-intake learns the parts it applies (the review rate limit) from the compacted policy topic
		ModerationPolicyChanged announced = (ModerationPolicyChanged) EventContract.assertConforms(probe.await(
				r -> r.topic().equals(Topics.MODERATION_POLICY.name()) && ((ModerationPolicyChanged) CODEC
					.decode(r.value()).data()).version() == version + 1).value()).data();
		assertThat(announced.reviewRateLimit()).isEqualTo(new ModerationPolicyChanged.RateLimit(20, 60));

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
			.map(JsonNode::asString)).containsExactlyInAnyOrder("suspectTerms", "reportThreshold");
	}

	@Test
	void anInvalidPolicyIsRefusedFieldByField() {
		ObjectNode invalid = current();
		invalid.put("reportThreshold", 0);
		invalid.putArray("bannedTerms").add(" ");
		invalid.remove("autoHide");
		((ObjectNode) invalid.get("rateLimits").get("votes")).put("max", -1);
		Http.Response refused = admin().put("/api/moderation/policy", invalid.toString());
		assertThat(refused.status()).isEqualTo(400);
		assertThat(refused.isProblem()).isTrue();
		assertThat(refused.json().get("errors").valueStream().map(error -> error.get("field").asString()))
			.contains("reportThreshold", "autoHide", "rateLimits.votes.max");
		assertThat(admin().with("If-Match", "yesterday").put("/api/moderation/policy", original).status())
			.isEqualTo(400);
		assertThat(as("mod-p", "MODERATOR").get("/api/moderation/policy").status()).isEqualTo(403);
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
