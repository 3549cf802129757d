package dev.reviewflow.moderation.policy.web;

import java.time.Instant;

import dev.reviewflow.devtokens.DevelopmentTokens;
import dev.reviewflow.moderation.policy.ConcurrentPolicyChange;
import dev.reviewflow.moderation.policy.Policies;
import dev.reviewflow.moderation.policy.Policy;
import dev.reviewflow.moderation.policy.PolicyChangedMeanwhile;
import dev.reviewflow.moderation.policy.PolicyVersion;
import dev.reviewflow.moderation.policy.ModerationProperties;
import dev.reviewflow.testsupport.Http;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.ArgumentMatchers.isNull;
import static org.mockito.BDDMockito.given;
import static org.mockito.BDDMockito.willThrow;
import static org.mockito.Mockito.verifyNoInteractions;

/** The policy's HTTP shape in a web slice: its version as ETag, If-Match, and the problems of a stale change. */
@WebMvcTest(controllers = PolicyController.class, properties = DevelopmentTokens.SERVICE_PROPERTY)
@EnableConfigurationProperties(ModerationProperties.class)
class PolicyWebTests {

	static final DevelopmentTokens TOKENS = DevelopmentTokens.local();

	static final String POLICY = """
			{"bannedTerms":["buy followers"],"suspectTerms":[],"reportThreshold":3.0,"autoHide":true,"maxLinks":2,\
			"shouting":{"minLetters":20,"capitalsPercent":70},"nearDuplicateSimilarity":0.8,"claimTimeoutMinutes":30,\
			"appealWindowDays":20,"rateLimits":{"votes":{"max":60,"perMinutes":1},"reports":{"max":10,"perMinutes":60}}}""";

	@Autowired
	MockMvc mvc;

	@MockitoBean
	Policies policies;

	PolicyVersion version(int number) {
		return new PolicyVersion(number, "admin", Instant.parse("2026-11-20T10:00:00Z"),
				JsonMapper.builder().build().readValue(POLICY, Policy.class));
	}

	Http admin;

	@BeforeEach
	void client() {
		admin = Http.over(mvc).as(TOKENS.mint("admin", "ADMIN"));
	}

	@Test
	void thePolicyCarriesItsVersionAsETagAndItsRulesFlattened() {
		given(policies.current()).willReturn(version(3));

		Http.Response read = admin.get("/api/moderation/policy");

		assertThat(read.header("ETag")).isEqualTo("\"3\"");
		assertThat(read.json().get("version").asInt()).isEqualTo(3);
		assertThat(read.json().get("reportThreshold").asDouble()).isEqualTo(3.0);
		assertThat(read.json().get("rateLimits").get("claims").get("max").asInt()).isEqualTo(30);
	}

	@Test
	void aChangeNamesTheVersionItEditedStrongWeakOrAny() {
		given(policies.replace(any(), eq("admin"), eq(3))).willReturn(version(4));
		given(policies.replace(any(), eq("admin"), isNull())).willReturn(version(5));

		Http.Response strong = admin.with("If-Match", "\"3\"").put("/api/moderation/policy", POLICY);
		Http.Response weak = admin.with("If-Match", "W/\"3\"").put("/api/moderation/policy", POLICY);
		Http.Response any = admin.with("If-Match", "*").put("/api/moderation/policy", POLICY);

		assertThat(strong.header("ETag")).isEqualTo("\"4\"");
		assertThat(weak.header("ETag")).isEqualTo("\"4\"");
		assertThat(any.header("ETag")).isEqualTo("\"5\"");
	}

	@Test
	void aStaleChangeIsAPreconditionFailure() {
		willThrow(new PolicyChangedMeanwhile(4, 3)).given(policies).replace(any(), eq("admin"), eq(3));

		Http.Response stale = admin.with("If-Match", "\"3\"").put("/api/moderation/policy", POLICY);

		assertThat(stale.status()).isEqualTo(412);
		assertThat(stale.isProblem()).isTrue();
		assertThat(stale.json().get("title").asString()).isEqualTo("Policy changed meanwhile");
		assertThat(stale.json().get("detail").asString())
			.isEqualTo("The policy is at version 4, not 3; read it again and reapply your change.");
	}

	@Test
	void aConcurrentChangeIsAConflict() {
		willThrow(new ConcurrentPolicyChange()).given(policies).replace(any(), eq("admin"), isNull());

		Http.Response lost = admin.put("/api/moderation/policy", POLICY);

		assertThat(lost.status()).isEqualTo(409);
		assertThat(lost.json().get("detail").asString())
			.isEqualTo("Another administrator changed the policy at the same moment; read it again.");
	}

	@Test
	void anIfMatchThatNamesNoVersionIsABadRequest() {
		Http.Response refused = admin.with("If-Match", "yesterday").put("/api/moderation/policy", POLICY);

		assertThat(refused.status()).isEqualTo(400);
		assertThat(refused.json().get("detail").asString()).contains("yesterday");
		verifyNoInteractions(policies);
	}

	@Test
	void anInvalidPolicyIsRefusedFieldByField() {
		ObjectNode invalid = (ObjectNode) JsonMapper.builder().build().readTree(POLICY);
		invalid.put("reportThreshold", 0);
		invalid.putArray("bannedTerms").add(" ");
		invalid.remove("autoHide");
		((ObjectNode) invalid.get("rateLimits").get("votes")).put("max", -1);
		((ObjectNode) invalid.get("rateLimits")).putObject("ratings").put("max", 0).put("perMinutes", 60);
		((ObjectNode) invalid.get("rateLimits")).putObject("appeals").put("max", 10).put("perMinutes", 1441);
		((ObjectNode) invalid.get("rateLimits")).putObject("claims").put("perMinutes", 1);

		Http.Response refused = admin.put("/api/moderation/policy", invalid.toString());

		assertThat(refused.status()).isEqualTo(400);
		assertThat(refused.isProblem()).isTrue();
		assertThat(refused.json().get("errors").valueStream().map(error -> error.get("field").asString()))
			.contains("reportThreshold", "autoHide", "rateLimits.votes.max", "rateLimits.ratings.max",
					"rateLimits.appeals.perMinutes", "rateLimits.claims.max");
		verifyNoInteractions(policies);
	}
}
