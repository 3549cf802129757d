package dev.reviewflow.web.moderation;

import java.util.List;

import dev.reviewflow.web.PageSliceTests;
import dev.reviewflow.web.Upstream;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.FormElement;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;

/** {@code /moderation/policy}: the policy as a form, saved as a new version, moderation's complaints by input. */
@ConsoleSlice(PolicyEditor.class)
class PolicyEditorTests extends PageSliceTests {

	static final String ADMIN = Console.token("root", "ADMIN");

	static final String POLICY_URI = "/api/moderation/policy";

	/** The policy in force, every value unlike the form's placeholders and moderation's defaults (claims are 30/1). */
	static final String POLICY = """
			{"version":7,"changedBy":"root","changedAt":"2026-12-01T12:00:00Z",
			 "bannedTerms":["buy followers","free crypto"],"suspectTerms":["casino"],"reportThreshold":3.5,
			 "autoHide":true,"maxLinks":2,"shouting":{"minLetters":20,"capitalsPercent":70},
			 "nearDuplicateSimilarity":0.8,"claimTimeoutMinutes":30,"appealWindowDays":20,
			 "rateLimits":{"votes":{"max":60,"perMinutes":1},"reports":{"max":10,"perMinutes":60},
			   "claims":{"max":45,"perMinutes":2}}}
			""";

	@Autowired
	JsonMapper json;

	Console console;

	@BeforeEach
	void services() {
		console = new Console(mvc, upstream);
		upstream.json("GET", POLICY_URI, POLICY);
	}

	/**
	 * The editor as the admin loads it, and the form data the browser would send from it unchanged: every input of
	 * the rendered {@code #policy-form}, as htmx collects them.
	 */
	MultiValueMap<String, String> loadedForm() throws Exception {
		Console.Answer editor = console.htmx(get("/moderation/policy"), ADMIN);
		assertThat(editor.status()).isEqualTo(200);
		FormElement form = (FormElement) editor.page().selectFirst("#policy-form");
		assertThat(form).as("the policy form").isNotNull();
		MultiValueMap<String, String> data = new LinkedMultiValueMap<>();
		form.formData().forEach(field -> data.add(field.key(), field.value()));
		return data;
	}

	/** The form sent back as htmx sends it ({@code hx-put}). */
	static MockHttpServletRequestBuilder save(MultiValueMap<String, String> form) {
		MockHttpServletRequestBuilder request = put("/moderation/policy");
		form.forEach((name, values) -> request.param(name, values.toArray(String[]::new)));
		return request;
	}

	/** The policy changes the page sent to moderation. */
	List<Upstream.Request> puts() {
		return console.requests().stream().filter(request -> request.method().equals("PUT")).toList();
	}

	@Test
	void onePlainLabelledInputPerSetting() throws Exception {
		Console.Answer editor = console.htmx(get("/moderation/policy"), ADMIN);

		assertThat(editor.text("#policy-version")).isEqualTo("Version 7, set by root on 1 Dec 2026, 12:00 UTC.");
		assertThat(editor.page().select("input[name=version]").val()).isEqualTo("7");
		assertThat(editor.page().select("textarea#policy-bannedTerms").text()).isEqualTo("buy followers\nfree crypto");
		assertThat(editor.page().select("textarea#policy-suspectTerms").text()).isEqualTo("casino");
		assertThat(editor.page().select("#policy-reportThreshold").val()).isEqualTo("3.5");
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
		assertThat(editor.page().select("#policy-rateLimits-claims-max").val()).isEqualTo("45");
		assertThat(editor.page().select("#policy-rateLimits-claims-max").attr("name")).isEqualTo("rateLimits.claims.max");
		assertThat(editor.page().select("#policy-rateLimits-claims-max").attr("aria-labelledby"))
			.isEqualTo("limit-claims limit-max");
		assertThat(console.requests()).extracting(Upstream.Request::target).containsExactly(POLICY_URI);
		assertThat(console.requests().getFirst().authorization()).isEqualTo(ADMIN);
	}

	@Test
	void savingSendsTheWholeDocumentModerationExpectsForTheVersionItWasLoadedFrom() throws Exception {
		ObjectNode saved = (ObjectNode) json.readTree(POLICY);
		saved.put("version", 8).put("autoHide", false).put("reportThreshold", 2.5);
		upstream.json("PUT", POLICY_URI, json.writeValueAsString(saved));
		MultiValueMap<String, String> form = loadedForm();
		// the admin unticks a box, changes a number and adds a term on a line of its own, with blank lines about
		form.remove("autoHide");
		form.set("reportThreshold", "2.5");
		form.set("bannedTerms", form.getFirst("bannedTerms") + "\r\n\r\n  cheap likes  \r\n");

		Console.Answer editor = console.htmx(save(form), ADMIN);

		// every setting of the form goes back, the rate limits it did not touch (claims) included, for version 7
		assertThat(puts()).singleElement().satisfies(sent -> {
			assertThat(sent.authorization()).isEqualTo(ADMIN);
			assertThat(sent.header("If-Match")).isEqualTo("\"7\"");
			assertThat(sent.header("Content-Type")).startsWith("application/json");
			assertThat(json.readTree(sent.body())).isEqualTo(json.readTree("""
					{"bannedTerms":["buy followers","free crypto","cheap likes"],"suspectTerms":["casino"],
					 "reportThreshold":2.5,"autoHide":false,"maxLinks":2,"shouting":{"minLetters":20,"capitalsPercent":70},
					 "nearDuplicateSimilarity":0.8,"claimTimeoutMinutes":30,"appealWindowDays":20,
					 "rateLimits":{"votes":{"max":60,"perMinutes":1},"reports":{"max":10,"perMinutes":60},
					   "claims":{"max":45,"perMinutes":2}}}
					"""));
		});
		assertThat(editor.text("#policy-saved")).isEqualTo("Saved: version 8 is in force.");
		assertThat(editor.page().select("input[name=version]").val()).isEqualTo("8");
		assertThat(editor.page().select("#policy-autoHide").hasAttr("checked")).isFalse();
		assertThat(editor.page().select("#policy-reportThreshold").val()).isEqualTo("2.5");
	}

	@Test
	void moderationsComplaintsAreShownNextToTheInputsTheyName() throws Exception {
		upstream.problem("PUT", POLICY_URI, 400, problem(400,
				"The request has 3 invalid field(s): rateLimits.votes.max must be less than or equal to 100000, ...",
				"rateLimits.votes.max", "must be less than or equal to 100000", "bannedTerms[1]",
				"size must be between 0 and 100", "shouting.capitalsPercent", "must be greater than or equal to 50"));
		MultiValueMap<String, String> form = loadedForm();
		form.set("rateLimits.votes.max", "100001");
		form.set("shouting.capitalsPercent", "5");
		form.set("bannedTerms", "buy followers\n" + "x".repeat(101));

		Console.Answer editor = console.htmx(save(form), ADMIN);

		Element votesMax = editor.page().select("#policy-rateLimits-votes-max").first();
		assertThat(votesMax.val()).isEqualTo("100001");
		assertThat(votesMax.attr("aria-invalid")).isEqualTo("true");
		assertThat(votesMax.nextElementSibling().id()).isEqualTo("policy-rateLimits-votes-max-error");
		assertThat(votesMax.nextElementSibling().text()).isEqualTo("must be less than or equal to 100000");
		assertThat(editor.text("#policy-shouting-capitalsPercent-error")).isEqualTo("must be greater than or equal to 50");
		assertThat(editor.text("#policy-bannedTerms-error"))
			.isEqualTo("“" + "x".repeat(101) + "” size must be between 0 and 100");
		assertThat(editor.page().select("#policy-rateLimits-votes-perMinutes-error")).isEmpty();
		assertThat(editor.page().select("#policy-reportThreshold").attr("aria-invalid")).isEmpty();
		assertThat(editor.page().select("#policy-saved")).isEmpty();
		// the form stays as the admin left it, for the version it was loaded from, claims included
		assertThat(editor.page().select("input[name=version]").val()).isEqualTo("7");
		assertThat(editor.page().select("#policy-rateLimits-claims-perMinutes").val()).isEqualTo("2");
		assertThat(json.readTree(puts().getFirst().body()).at("/rateLimits/votes/max").asInt()).isEqualTo(100001);
	}

	@Test
	void aVersionSavedMeanwhileIsNotOverwritten() throws Exception {
		upstream.problem("PUT", POLICY_URI, 412,
				problem(412, "The policy is at version 8, not 7; read it again and reapply your change."));
		MultiValueMap<String, String> form = loadedForm();
		form.set("maxLinks", "5");

		Console.Answer editor = console.htmx(save(form), ADMIN);

		assertThat(puts()).singleElement()
			.satisfies(sent -> assertThat(sent.header("If-Match")).isEqualTo("\"7\""));
		assertThat(editor.text("#policy-refusal")).contains(
				"The policy is at version 8, not 7; read it again and reapply your change.", "Load the version in force");
		assertThat(editor.page().select("#policy-refusal a").attr("href")).isEqualTo("/moderation/policy");
		assertThat(editor.page().select("#policy-maxLinks").val()).isEqualTo("5");
	}

	@Test
	void aNumberThatIsNotOneIsSaidNextToItsInputAndNothingIsSent() throws Exception {
		MultiValueMap<String, String> form = loadedForm();
		form.set("rateLimits.reports.perMinutes", "1.5");
		form.set("reportThreshold", "three");

		Console.Answer editor = console.htmx(save(form), ADMIN);

		assertThat(editor.text("#policy-rateLimits-reports-perMinutes-error")).isEqualTo("must be a whole number");
		assertThat(editor.text("#policy-reportThreshold-error")).isEqualTo("must be a number");
		assertThat(editor.page().select("#policy-reportThreshold").val()).isEqualTo("three");
		assertThat(puts()).isEmpty();
	}

	@Test
	void aModeratorIsToldThePolicyNeedsAnAdmin() throws Exception {
		String moderator = Console.token("mod-5", "MODERATOR");
		upstream.problem("GET", POLICY_URI, 403, problem(403, "Your roles do not allow this action."));

		Console.Answer editor = console.htmx(get("/moderation/policy"), moderator);

		assertThat(editor.text("#needs-sign-in h1")).isEqualTo("The policy editor needs an ADMIN sign-in");
		assertThat(editor.text("#needs-sign-in")).contains("without the ADMIN role");
		assertThat(editor.page().select("#sign-in-link").attr("href")).isEqualTo("/login?next=/moderation/policy");
		assertThat(editor.page().select("#policy-form")).isEmpty();
		assertThat(console.requests()).extracting(Upstream.Request::authorization).containsExactly(moderator);
	}

	@Test
	void termsAreShownAsText() throws Exception {
		ObjectNode hostile = (ObjectNode) json.readTree(POLICY);
		hostile.putArray("bannedTerms").add("</textarea><script>alert(1)</script>");
		upstream.json("GET", POLICY_URI, json.writeValueAsString(hostile));

		Console.Answer editor = console.htmx(get("/moderation/policy"), ADMIN);

		assertThat(editor.html()).doesNotContain("<script>alert(1)");
		assertThat(editor.page().select("textarea#policy-bannedTerms").text())
			.isEqualTo("</textarea><script>alert(1)</script>");
	}
}
