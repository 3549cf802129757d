package dev.reviewflow.web.moderation;

import java.util.Map;

import dev.reviewflow.web.api.Services.Apis;
import dev.reviewflow.web.api.TestRefusals;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.BDDMockito.given;
import static org.mockito.BDDMockito.willThrow;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;

/** {@code /moderation/policy}: the policy as a form, saved as a new version, moderation's complaints by input. */
@ConsoleSlice(PolicyEditor.class)
class PolicyEditorTests {

	static final String ADMIN = Console.token("root", "ADMIN");

	static final String POLICY_URI = "/api/moderation/policy";

	static final String POLICY = """
			{"version":3,"changedBy":"root","changedAt":"2026-12-01T12:00:00Z",
			 "bannedTerms":["buy followers","free crypto"],"suspectTerms":["casino"],"reportThreshold":3.0,
			 "autoHide":true,"maxLinks":2,"shouting":{"minLetters":20,"capitalsPercent":70},
			 "nearDuplicateSimilarity":0.8,"claimTimeoutMinutes":30,"appealWindowDays":20,
			 "rateLimits":{"votes":{"max":60,"perMinutes":1},"reports":{"max":10,"perMinutes":60},
			   "claims":{"max":30,"perMinutes":1}}}
			""";

	@Autowired
	MockMvc mvc;

	@Autowired
	JsonMapper json;

	@MockitoBean
	Apis apis;

	Console console;

	@BeforeEach
	void services() {
		console = new Console(mvc, apis);
	}

	/** The form as the browser sends it, filled with the policy above; {@code changes} replace or add fields. */
	static MockHttpServletRequestBuilder save(Map<String, String> changes) {
		Map<String, String> form = new java.util.LinkedHashMap<>();
		form.put("version", "3");
		form.put("bannedTerms", "buy followers\r\n\r\n  free crypto  \r\n");
		form.put("suspectTerms", "casino");
		form.put("reportThreshold", "3.0");
		form.put("autoHide", "true");
		form.put("maxLinks", "2");
		form.put("shouting.minLetters", "20");
		form.put("shouting.capitalsPercent", "70");
		form.put("nearDuplicateSimilarity", "0.8");
		form.put("claimTimeoutMinutes", "30");
		form.put("appealWindowDays", "20");
		form.put("rateLimits.votes.max", "60");
		form.put("rateLimits.votes.perMinutes", "1");
		form.put("rateLimits.reports.max", "10");
		form.put("rateLimits.reports.perMinutes", "60");
		form.putAll(changes);
		MockHttpServletRequestBuilder request = put("/moderation/policy");
		form.forEach((name, value) -> {
			if (value != null) {
				request.param(name, value);
			}
		});
		return request;
	}

	@Test
	void onePlainLabelledInputPerSetting() throws Exception {
		given(console.moderation.get(ADMIN, JsonNode.class, POLICY_URI)).willReturn(json.readTree(POLICY));

		Console.Answer editor = console.htmx(get("/moderation/policy"), ADMIN);

		assertThat(editor.text("#policy-version")).isEqualTo("Version 3, set by root on 1 Dec 2026, 12:00 UTC.");
		assertThat(editor.page().select("input[name=version]").val()).isEqualTo("3");
		assertThat(editor.page().select("textarea#policy-bannedTerms").text()).isEqualTo("buy followers\nfree crypto");
		assertThat(editor.page().select("textarea#policy-suspectTerms").text()).isEqualTo("casino");
		assertThat(editor.page().select("#policy-reportThreshold").val()).isEqualTo("3.0");
		assertThat(editor.page().select("#policy-reportThreshold").attr("type")).isEqualTo("number");
		assertThat(editor.page().select("#policy-shouting-minLetters").val()).isEqualTo("20");
		assertThat(editor.page().select("#policy-nearDuplicateSimilarity").val()).isEqualTo("0.8");
		assertThat(editor.page().select("#policy-autoHide").hasAttr("checked")).isTrue();
		assertThat(editor.page().select("#policy-appealWindowDays").val()).isEqualTo("20");
		for (Element input : editor.page().select("#policy-form input:not([type=hidden]), #policy-form textarea")) {
			boolean labelled = !editor.page().select("label[for=" + input.id() + "]").isEmpty()
					|| input.parent().tagName().equals("label") || input.hasAttr("aria-labelledby");
			assertThat(labelled).as("a label for " + input.id()).isTrue();
		}
		// the rate limits as a table, in moderation's order, named in words
		assertThat(editor.page().select("#policy-rate-limits tbody th")).extracting(Element::text)
			.containsExactly("Helpfulness votes, set or withdrawn", "Reports filed", "A moderator's claims on cases");
		assertThat(editor.page().select("#policy-rateLimits-votes-max").val()).isEqualTo("60");
		assertThat(editor.page().select("#policy-rateLimits-reports-perMinutes").val()).isEqualTo("60");
		assertThat(editor.page().select("#policy-rateLimits-claims-max").attr("name")).isEqualTo("rateLimits.claims.max");
		assertThat(editor.page().select("#policy-rateLimits-claims-max").attr("aria-labelledby"))
			.isEqualTo("limit-claims limit-max");
	}

	@Test
	void savingSendsTheDocumentModerationExpectsForTheVersionItWasLoadedFrom() throws Exception {
		ObjectNode saved = (ObjectNode) json.readTree(POLICY);
		saved.put("version", 4).put("autoHide", false);
		given(console.moderation.sendWith(any(), eq(HttpMethod.PUT), eq(ADMIN), any(), eq(POLICY_URI)))
			.willReturn(saved);

		Map<String, String> changes = new java.util.HashMap<>();
		changes.put("autoHide", null);
		changes.put("reportThreshold", "2.5");
		Console.Answer editor = console.htmx(save(changes), ADMIN);

		ArgumentCaptor<HttpHeaders> headers = ArgumentCaptor.forClass(HttpHeaders.class);
		ArgumentCaptor<Object> body = ArgumentCaptor.forClass(Object.class);
		verify(console.moderation).sendWith(headers.capture(), eq(HttpMethod.PUT), eq(ADMIN), body.capture(),
				eq(POLICY_URI));
		assertThat(headers.getValue().getIfMatch()).containsExactly("\"3\"");
		assertThat(json.readTree(json.writeValueAsString(body.getValue()))).isEqualTo(json.readTree("""
				{"bannedTerms":["buy followers","free crypto"],"suspectTerms":["casino"],"reportThreshold":2.5,
				 "autoHide":false,"maxLinks":2,"shouting":{"minLetters":20,"capitalsPercent":70},
				 "nearDuplicateSimilarity":0.8,"claimTimeoutMinutes":30,"appealWindowDays":20,
				 "rateLimits":{"votes":{"max":60,"perMinutes":1},"reports":{"max":10,"perMinutes":60}}}
				"""));
		assertThat(editor.text("#policy-saved")).isEqualTo("Saved: version 4 is in force.");
		assertThat(editor.page().select("input[name=version]").val()).isEqualTo("4");
		assertThat(editor.page().select("#policy-autoHide").hasAttr("checked")).isFalse();
	}

	@Test
	void moderationsComplaintsAreShownNextToTheInputsTheyName() throws Exception {
		willThrow(TestRefusals.refusal("moderation", 400,
				"The request has 3 invalid field(s): rateLimits.votes.max must be greater than or equal to 1, ...",
				Map.of("rateLimits.votes.max", "must be greater than or equal to 1", "bannedTerms[1]",
						"size must be between 0 and 100", "shouting.capitalsPercent",
						"must be greater than or equal to 50")))
			.given(console.moderation)
			.sendWith(any(), eq(HttpMethod.PUT), eq(ADMIN), any(), eq(POLICY_URI));

		Console.Answer editor = console.htmx(save(Map.of("rateLimits.votes.max", "0", "shouting.capitalsPercent", "5",
				"bannedTerms", "buy followers\n" + "x".repeat(101))), ADMIN);

		Element votesMax = editor.page().select("#policy-rateLimits-votes-max").first();
		assertThat(votesMax.val()).isEqualTo("0");
		assertThat(votesMax.attr("aria-invalid")).isEqualTo("true");
		assertThat(votesMax.nextElementSibling().id()).isEqualTo("policy-rateLimits-votes-max-error");
		assertThat(votesMax.nextElementSibling().text()).isEqualTo("must be greater than or equal to 1");
		assertThat(editor.text("#policy-shouting-capitalsPercent-error")).isEqualTo("must be greater than or equal to 50");
		assertThat(editor.text("#policy-bannedTerms-error"))
			.isEqualTo("“" + "x".repeat(101) + "” size must be between 0 and 100");
		assertThat(editor.page().select("#policy-rateLimits-votes-perMinutes-error")).isEmpty();
		assertThat(editor.page().select("#policy-reportThreshold").attr("aria-invalid")).isEmpty();
		assertThat(editor.page().select("#policy-saved")).isEmpty();
		assertThat(editor.page().select("input[name=version]").val()).isEqualTo("3");
	}

	@Test
	void aVersionSavedMeanwhileIsNotOverwritten() throws Exception {
		willThrow(TestRefusals.refusal("moderation", 412, "The policy is at version 4 now, not 3."))
			.given(console.moderation)
			.sendWith(any(), eq(HttpMethod.PUT), eq(ADMIN), any(), eq(POLICY_URI));

		Console.Answer editor = console.htmx(save(Map.of("maxLinks", "5")), ADMIN);

		assertThat(editor.text("#policy-refusal")).contains("The policy is at version 4 now, not 3.",
				"Load the version in force");
		assertThat(editor.page().select("#policy-refusal a").attr("href")).isEqualTo("/moderation/policy");
		assertThat(editor.page().select("#policy-maxLinks").val()).isEqualTo("5");
	}

	@Test
	void aNumberThatIsNotOneIsSaidNextToItsInputAndNothingIsSent() throws Exception {
		Console.Answer editor = console.htmx(save(Map.of("rateLimits.reports.perMinutes", "1.5", "reportThreshold",
				"three")), ADMIN);

		assertThat(editor.text("#policy-rateLimits-reports-perMinutes-error")).isEqualTo("must be a whole number");
		assertThat(editor.text("#policy-reportThreshold-error")).isEqualTo("must be a number");
		assertThat(editor.page().select("#policy-reportThreshold").val()).isEqualTo("three");
		verifyNoInteractions(console.moderation);
	}

	@Test
	void aModeratorIsToldThePolicyNeedsAnAdmin() throws Exception {
		String moderator = Console.token("mod-1", "MODERATOR");
		willThrow(TestRefusals.refusal("moderation", 403, "Your roles do not allow this action."))
			.given(console.moderation)
			.get(moderator, JsonNode.class, POLICY_URI);

		Console.Answer editor = console.htmx(get("/moderation/policy"), moderator);

		assertThat(editor.text("#needs-sign-in h1")).isEqualTo("The policy editor needs an ADMIN sign-in");
		assertThat(editor.text("#needs-sign-in")).contains("without the ADMIN role");
		assertThat(editor.page().select("#sign-in-link").attr("href")).isEqualTo("/login?next=/moderation/policy");
		assertThat(editor.page().select("#policy-form")).isEmpty();
	}

	@Test
	void termsAreShownAsText() throws Exception {
		ObjectNode hostile = (ObjectNode) json.readTree(POLICY);
		hostile.putArray("bannedTerms").add("</textarea><script>alert(1)</script>");
		given(console.moderation.get(ADMIN, JsonNode.class, POLICY_URI)).willReturn(hostile);

		Console.Answer editor = console.htmx(get("/moderation/policy"), ADMIN);

		assertThat(editor.html()).doesNotContain("<script>alert(1)");
		assertThat(editor.page().select("textarea#policy-bannedTerms").text())
			.isEqualTo("</textarea><script>alert(1)</script>");
	}
}
