package dev.reviewflow.web.moderation;

import java.util.Map;
import java.util.UUID;

import dev.reviewflow.events.ReviewStatus;
import dev.reviewflow.web.api.Services.Apis;
import dev.reviewflow.web.api.TestRefusals;
import dev.reviewflow.web.moderation.CasePage.SubmittedReview;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpMethod;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.ArgumentMatchers.isNull;
import static org.mockito.BDDMockito.given;
import static org.mockito.BDDMockito.willThrow;
import static org.mockito.Mockito.verify;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

/** {@code /moderation/cases/{caseId}}: a case in full, and claim, release and decide answering with the action panel. */
@ConsoleSlice(CasePage.class)
class CasePageTests {

	static final String MODERATOR = Console.token("mod-1", "MODERATOR");

	static final String CASE_ID = "5f0c6f8e-8d1e-4c55-9a43-0d3c1c1a0001";

	static final String REVIEW_ID = "5f0c6f8e-8d1e-4c55-9a43-0d3c1c1a0002";

	static final String CASE_URI = "/api/moderation/cases/{caseId}";

	/** A REPORTED case as moderation answers it (the case flattened, then what it adds). */
	static final String REPORTED = """
			{"caseId":"%s","reviewId":"%s","titleId":"wont-back-down-2012","authorId":"promo-poster",
			 "headline":"Must see","kind":"REPORTED","status":"OPEN","priority":4.5,"weight":3.25,
			 "reasons":["SPAM","ABUSIVE"],"statement":null,"openedAt":"2026-12-01T08:00:00Z","claimedBy":null,
			 "claimExpiresAt":null,"resolvedAt":null,"resolvedBy":null,"action":null,"resolution":null,
			 "policyVersion":null,
			 "review":{"reviewId":"%2$s","titleId":"wont-back-down-2012","authorId":"promo-poster",
			   "status":"HIDDEN","keeps":1,"type":"USER","revision":2,"headline":"Must see",
			   "body":"Loved it! Use promo code WBD2012.","submittedAt":"2026-11-30T10:00:00Z",
			   "updatedAt":"2026-11-30T11:00:00Z"},
			 "reports":[
			   {"reportId":"5f0c6f8e-8d1e-4c55-9a43-0d3c1c1a0010","reporterId":"bob","reason":"SPAM",
			    "note":"An advert for tickets","weight":3.0,"reportedAt":"2026-12-01T07:00:00Z","outcome":"OPEN"},
			   {"reportId":"5f0c6f8e-8d1e-4c55-9a43-0d3c1c1a0011","reporterId":"carol","reason":"ABUSIVE",
			    "note":null,"weight":0.25,"reportedAt":"2026-12-01T07:30:00Z","outcome":"OPEN"}],
			 "decisions":[
			   {"decisionId":"5f0c6f8e-8d1e-4c55-9a43-0d3c1c1a0020","revision":1,"status":"PUBLISHED",
			    "actor":"AUTOMATIC","moderatorId":null,"reasons":[],"policyVersion":1,
			    "decidedAt":"2026-11-30T10:00:01Z"},
			   {"decisionId":"5f0c6f8e-8d1e-4c55-9a43-0d3c1c1a0021","revision":2,"status":"HIDDEN",
			    "actor":"AUTOMATIC","moderatorId":null,"reasons":["reports reached the threshold"],
			    "policyVersion":1,"decidedAt":"2026-12-01T08:00:00Z"}],
			 "earlierReviews":[
			   {"reviewId":"5f0c6f8e-8d1e-4c55-9a43-0d3c1c1a0030","status":"REMOVED",
			    "deletedAt":"2026-11-29T09:00:00Z",
			    "decision":{"decisionId":"5f0c6f8e-8d1e-4c55-9a43-0d3c1c1a0031","revision":1,"status":"REMOVED",
			      "actor":"MODERATOR","moderatorId":"mod-3","reasons":["spam"],"policyVersion":1,
			      "decidedAt":"2026-11-28T09:00:00Z"}}]}
			""".formatted(CASE_ID, REVIEW_ID);

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
		given(console.reviewIntake.get(MODERATOR, SubmittedReview.class, "/api/reviews/{reviewId}",
				UUID.fromString(REVIEW_ID)))
			.willReturn(new SubmittedReview(UUID.fromString(REVIEW_ID), 2, 9, null, null, false, true,
					ReviewStatus.HIDDEN));
	}

	ObjectNode reported() {
		return (ObjectNode) json.readTree(REPORTED);
	}

	void caseIs(JsonNode found) {
		given(console.moderation.get(MODERATOR, JsonNode.class, CASE_URI, CASE_ID)).willReturn(found);
	}

	@Test
	void theCaseInFull() throws Exception {
		caseIs(reported());

		Console.Answer page = console.htmx(get("/moderation/cases/" + CASE_ID), MODERATOR);

		assertThat(page.status()).isEqualTo(200);
		assertThat(page.page().select("title").text()).isEqualTo("Case: Must see — reviewflow");
		assertThat(page.text("#case-status")).isEqualTo("OPEN");
		assertThat(page.text("#case-kind")).isEqualTo("REPORTED");
		assertThat(page.text("#case-priority")).isEqualTo("4.5");
		assertThat(page.text("#case-reasons")).isEqualTo("SPAM, ABUSIVE");
		assertThat(page.text("#case-facts")).contains("Won't Back Down (2012)", "promo-poster", "3.25");
		// the review as submitted, with what review-intake adds
		assertThat(page.text("#review-headline")).isEqualTo("Must see");
		assertThat(page.text("#review-body")).isEqualTo("Loved it! Use promo code WBD2012.");
		assertThat(page.text("#review-rating")).isEqualTo("9/10");
		assertThat(page.text("#review-spoilers")).isEqualTo("Marked as containing spoilers");
		assertThat(page.text("#review-status")).isEqualTo("HIDDEN");
		assertThat(page.text("#review")).contains("User review, revision 2", "kept 1 time after reports");
		// the reports with their reasons, notes and weights
		assertThat(page.page().select("#reports tr.report-row")).extracting(Element::text)
			.containsExactly("bob Spam or advertising An advert for tickets 3 1 Dec 2026, 07:00 UTC OPEN",
					"carol Abusive or hateful – 0.25 1 Dec 2026, 07:30 UTC OPEN");
		// every decision, and the author's earlier review of the title
		assertThat(page.page().select("#decisions tr.decision-row")).extracting(Element::text)
			.containsExactly("30 Nov 2026, 10:00 UTC 1 PUBLISHED screening – v1",
					"1 Dec 2026, 08:00 UTC 2 HIDDEN screening reports reached the threshold v1");
		assertThat(page.text("#earlier-reviews tr.earlier-row")).contains("REMOVED", "29 Nov 2026, 09:00 UTC",
				"REMOVED (mod-3, 28 Nov 2026, 09:00 UTC): spam");
		// where to go from here, and what to do (one action panel)
		assertThat(page.page().select("#case-actions")).hasSize(1);
		assertThat(page.page().select("#case-status")).hasSize(1);
		assertThat(page.page().select("#audit-link").attr("href"))
			.isEqualTo("/moderation/audit?reviewId=" + REVIEW_ID);
		assertThat(page.page().select("#claim-case").attr("hx-post"))
			.isEqualTo("/moderation/cases/" + CASE_ID + "/claim");
		assertThat(page.page().select("#decision-form").attr("hx-post"))
			.isEqualTo("/moderation/cases/" + CASE_ID + "/decision");
		assertThat(page.page().select("label[for=decision-reason]").text()).startsWith("Reason");
		assertThat(page.page().select("#appeal")).isEmpty();
	}

	@Test
	void anAppealShowsTheAuthorsStatementAndWhatKeepMeans() throws Exception {
		ObjectNode appeal = reported();
		appeal.put("kind", "APPEAL");
		appeal.put("statement", "It was a joke between friends.\nPlease look again.");
		caseIs(appeal);

		Console.Answer page = console.htmx(get("/moderation/cases/" + CASE_ID), MODERATOR);

		assertThat(page.text("#appeal-statement")).isEqualTo("It was a joke between friends. Please look again.");
		assertThat(page.text("h1")).startsWith("Appeal:");
		assertThat(page.page().select("#decision-keep").parents().first().text())
			.isEqualTo("Keep: uphold the appeal and publish the review again");
		assertThat(page.page().select("#decision-remove").parents().first().text())
			.isEqualTo("Remove: refuse the appeal; the removal stands and is final");
	}

	@Test
	void aClaimAnswersWithThePanelAndTheClaimsEnd() throws Exception {
		ObjectNode claimed = reported();
		claimed.put("status", "CLAIMED").put("claimedBy", "mod-1").put("claimExpiresAt", "2026-12-02T10:30:00Z");
		given(console.moderation.send(HttpMethod.POST, MODERATOR, null, CASE_URI + "/claim", CASE_ID))
			.willReturn(claimed);

		Console.Answer panel = console.htmx(post("/moderation/cases/" + CASE_ID + "/claim"), MODERATOR);

		assertThat(panel.page().select("section#case-actions")).hasSize(1);
		assertThat(panel.text("#case-outcome")).isEqualTo("Claimed: the case is yours until 2 Dec 2026, 10:30 UTC.");
		assertThat(panel.text("#claim-state")).isEqualTo("You hold this case until 2 Dec 2026, 10:30 UTC.");
		assertThat(panel.page().select("#release-case").attr("hx-delete"))
			.isEqualTo("/moderation/cases/" + CASE_ID + "/claim");
		assertThat(panel.page().select("#claim-case")).isEmpty();
		// the status at the top of the page changes with it (htmx swaps it out of band)
		assertThat(panel.page().select("#case-status").attr("hx-swap-oob")).isEqualTo("true");
		assertThat(panel.text("#case-status")).isEqualTo("CLAIMED");
	}

	@Test
	void aClaimAnotherModeratorHoldsIsRefusedNextToTheClaimInModerationsWords() throws Exception {
		willThrow(TestRefusals.refusal("moderation", 409,
				"Moderator mod-2 has claimed this case until 2026-12-02T10:30:00Z."))
			.given(console.moderation)
			.send(HttpMethod.POST, MODERATOR, null, CASE_URI + "/claim", CASE_ID);
		ObjectNode heldByAnother = reported();
		heldByAnother.put("status", "CLAIMED").put("claimedBy", "mod-2").put("claimExpiresAt", "2026-12-02T10:30:00Z");
		caseIs(heldByAnother);

		Console.Answer panel = console.htmx(post("/moderation/cases/" + CASE_ID + "/claim"), MODERATOR);

		assertThat(panel.status()).isEqualTo(200);
		Element claim = panel.page().select("#case-actions .claim").first();
		assertThat(claim.select("#claim-refusal").text())
			.isEqualTo("Moderator mod-2 has claimed this case until 2026-12-02T10:30:00Z.");
		assertThat(claim.select("#claim-state").text()).isEqualTo("Claimed by mod-2 until 2 Dec 2026, 10:30 UTC.");
		assertThat(panel.page().select("#case-outcome")).isEmpty();
	}

	@Test
	void releasingGivesTheCaseBack() throws Exception {
		given(console.moderation.send(HttpMethod.DELETE, MODERATOR, null, CASE_URI + "/claim", CASE_ID))
			.willReturn(reported());

		Console.Answer panel = console.htmx(delete("/moderation/cases/" + CASE_ID + "/claim"), MODERATOR);

		assertThat(panel.text("#case-outcome")).isEqualTo("Released: the case is back in the queue for any moderator.");
		assertThat(panel.text("#claim-state")).isEqualTo("Nobody holds this case.");
	}

	@Test
	void aDecisionWithoutAReasonShowsModerationsWordsNextToTheReason() throws Exception {
		willThrow(TestRefusals.refusal("moderation", 400, "The request has 1 invalid field(s): reason must not be blank",
				Map.of("reason", "must not be blank")))
			.given(console.moderation)
			.send(eq(HttpMethod.POST), eq(MODERATOR), any(), eq(CASE_URI + "/decision"), eq(CASE_ID));
		caseIs(reported());

		Console.Answer panel = console.htmx(post("/moderation/cases/" + CASE_ID + "/decision")
			.param("action", "REMOVE")
			.param("reason", "  "), MODERATOR);

		Element reason = panel.page().select("#decision-reason").first();
		assertThat(reason.nextElementSibling().id()).isEqualTo("decision-reason-error");
		assertThat(panel.text("#decision-reason-error")).isEqualTo("must not be blank");
		assertThat(reason.attr("aria-invalid")).isEqualTo("true");
		assertThat(panel.page().select("#decision-remove").hasAttr("checked")).isTrue();
		assertThat(panel.page().select("#decision-refusal")).isEmpty();
		verify(console.moderation).send(HttpMethod.POST, MODERATOR, Map.of("action", "REMOVE", "reason", "  "),
				CASE_URI + "/decision", CASE_ID);
	}

	@Test
	void aDecisionAboutAResolvedCaseIsRefusedNextToTheDecideButton() throws Exception {
		willThrow(TestRefusals.refusal("moderation", 409,
				"This case is resolved already: mod-2 decided KEEP at 2026-12-02T09:00:00Z."))
			.given(console.moderation)
			.send(eq(HttpMethod.POST), eq(MODERATOR), any(), eq(CASE_URI + "/decision"), eq(CASE_ID));
		caseIs(reported());

		Console.Answer panel = console.htmx(post("/moderation/cases/" + CASE_ID + "/decision")
			.param("action", "KEEP")
			.param("reason", "<b>fine</b>"), MODERATOR);

		assertThat(panel.page().select("#decide-case").first().nextElementSiblings().select("#decision-refusal").text())
			.isEqualTo("This case is resolved already: mod-2 decided KEEP at 2026-12-02T09:00:00Z.");
		// what the moderator typed is kept, as text
		assertThat(panel.page().select("#decision-reason").text()).isEqualTo("<b>fine</b>");
		assertThat(panel.html()).doesNotContain("<b>fine</b>");
	}

	@Test
	void aDecisionAnswersWithWhatItDid() throws Exception {
		ObjectNode removed = reported();
		removed.put("status", "RESOLVED").put("action", "REMOVE").put("resolvedBy", "mod-1")
			.put("resolvedAt", "2026-12-02T09:15:00Z").put("resolution", "Spam for tickets.");
		given(console.moderation.send(HttpMethod.POST, MODERATOR,
				Map.of("action", "REMOVE", "reason", "Spam for tickets."), CASE_URI + "/decision", CASE_ID))
			.willReturn(removed);

		Console.Answer panel = console.htmx(post("/moderation/cases/" + CASE_ID + "/decision")
			.param("action", "REMOVE")
			.param("reason", "Spam for tickets."), MODERATOR);

		assertThat(panel.text("#case-outcome")).isEqualTo("Removed: the review is taken down; its author may appeal.");
		assertThat(panel.text("#case-resolution"))
			.isEqualTo("REMOVE, decided by mod-1 on 2 Dec 2026, 09:15 UTC: Spam for tickets.");
		assertThat(panel.page().select("#decision-form")).isEmpty();
		assertThat(panel.page().select("#claim-case")).isEmpty();
	}

	@Test
	void keepingAnAppealSaysTheReviewIsBack() throws Exception {
		ObjectNode kept = reported();
		kept.put("kind", "APPEAL").put("status", "RESOLVED").put("action", "KEEP").put("resolvedBy", "mod-1")
			.put("resolvedAt", "2026-12-02T09:15:00Z").put("resolution", "Fair criticism.");
		given(console.moderation.send(HttpMethod.POST, MODERATOR, Map.of("action", "KEEP", "reason", "Fair criticism."),
				CASE_URI + "/decision", CASE_ID))
			.willReturn(kept);

		Console.Answer panel = console.htmx(post("/moderation/cases/" + CASE_ID + "/decision")
			.param("action", "KEEP")
			.param("reason", "Fair criticism."), MODERATOR);

		assertThat(panel.text("#case-outcome")).isEqualTo("Appeal upheld: the review is published again.");
	}

	@Test
	void aUserIsToldTheCaseNeedsAModeratorSignIn() throws Exception {
		String user = Console.token("alice", "USER");
		willThrow(TestRefusals.refusal("moderation", 403, "Your roles do not allow this action."))
			.given(console.moderation)
			.get(user, JsonNode.class, CASE_URI, CASE_ID);

		Console.Answer page = console.htmx(get("/moderation/cases/" + CASE_ID), user);

		assertThat(page.text("#needs-sign-in h1")).isEqualTo("The moderator console needs a MODERATOR sign-in");
		assertThat(page.page().select("#sign-in-link").attr("href"))
			.isEqualTo("/login?next=/moderation/cases/" + CASE_ID);
	}

	@Test
	void anUnknownCaseIsNotFound() throws Exception {
		willThrow(TestRefusals.refusal("moderation", 404, "No case " + CASE_ID + "."))
			.given(console.moderation)
			.get(MODERATOR, JsonNode.class, CASE_URI, CASE_ID);

		Console.Answer page = console.htmx(get("/moderation/cases/" + CASE_ID), MODERATOR);

		assertThat(page.status()).isEqualTo(404);
		assertThat(page.text("h1")).isEqualTo("Not found");
		assertThat(page.text(".problem")).isEqualTo("No case " + CASE_ID + ".");
	}

	@Test
	void whatAuthorsAndReportersWroteIsShownAsText() throws Exception {
		ObjectNode hostile = reported();
		hostile.put("kind", "APPEAL").put("statement", "<script>alert('statement')</script>");
		((ObjectNode) hostile.get("review")).put("body", "<img src=x onerror=alert('body')>")
			.put("headline", "<i>headline</i>");
		((ObjectNode) hostile.get("reports").get(0)).put("note", "<a href='javascript:alert(1)'>note</a>");
		caseIs(hostile);

		Console.Answer page = console.htmx(get("/moderation/cases/" + CASE_ID), MODERATOR);

		assertThat(page.html()).doesNotContain("<script>alert", "<img src=x", "<i>headline</i>", "<a href='javascript");
		assertThat(page.text("#appeal-statement")).isEqualTo("<script>alert('statement')</script>");
		assertThat(page.text("#review-body")).isEqualTo("<img src=x onerror=alert('body')>");
		assertThat(page.text("#review-headline")).isEqualTo("<i>headline</i>");
		assertThat(page.page().select("#reports tr.report-row").first().text())
			.contains("<a href='javascript:alert(1)'>note</a>");
	}

	@Test
	void withoutReviewIntakeTheCaseShowsAndSaysWhatIsMissing() throws Exception {
		caseIs(reported());
		willThrow(TestRefusals.unavailable("review-intake")).given(console.reviewIntake)
			.get(MODERATOR, SubmittedReview.class, "/api/reviews/{reviewId}", UUID.fromString(REVIEW_ID));
		willThrow(TestRefusals.unavailable("review-intake")).given(console.reviewIntake)
			.get(isNull(), eq(dev.reviewflow.web.titles.Title.class), any(), any());

		Console.Answer page = console.htmx(get("/moderation/cases/" + CASE_ID), MODERATOR);

		assertThat(page.status()).isEqualTo(200);
		assertThat(page.text("#review")).contains("The rating and spoiler flag are not available: review-intake is not answering");
		assertThat(page.text("#case-facts")).contains("wont-back-down-2012");
		assertThat(page.text("#review-body")).isEqualTo("Loved it! Use promo code WBD2012.");
	}
}
