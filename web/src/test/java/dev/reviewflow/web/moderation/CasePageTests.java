package dev.reviewflow.web.moderation;

import java.util.List;

import dev.reviewflow.web.PageSliceTests;
import dev.reviewflow.web.Upstream;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

/** {@code /moderation/cases/{caseId}}: a case in full, and claim, release and decide answering with the action panel. */
@ConsoleSlice(CasePage.class)
class CasePageTests extends PageSliceTests {

	static final String MODERATOR = Console.token("mod-5", "MODERATOR");

	static final String CASE_ID = "5f0c6f8e-8d1e-4c55-9a43-0d3c1c1a0001";

	static final String REVIEW_ID = "5f0c6f8e-8d1e-4c55-9a43-0d3c1c1a0002";

	static final String CASE = "/api/moderation/cases/" + CASE_ID;

	/** A REPORTED case as moderation answers it (the case flattened, then what it adds). */
	static final String REPORTED = """
			{"caseId":"%s","reviewId":"%s","titleId":"%s","authorId":"promo-poster",
			 "headline":"Tickets at half price!","kind":"REPORTED","status":"OPEN","priority":4.5,"weight":3.25,
			 "reasons":["OFF_TOPIC","ABUSIVE"],"statement":null,"openedAt":"2026-12-01T08:00:00Z","claimedBy":null,
			 "claimExpiresAt":null,"resolvedAt":null,"resolvedBy":null,"action":null,"resolution":null,
			 "policyVersion":null,
			 "review":{"reviewId":"%2$s","titleId":"%3$s","authorId":"promo-poster",
			   "status":"HIDDEN","keeps":1,"type":"USER","revision":2,"headline":"Tickets at half price!",
			   "body":"Loved it! Use promo code DLU2021.","submittedAt":"2026-11-30T10:00:00Z",
			   "updatedAt":"2026-11-30T11:00:00Z"},
			 "reports":[
			   {"reportId":"5f0c6f8e-8d1e-4c55-9a43-0d3c1c1a0010","reporterId":"reader-17","reason":"OFF_TOPIC",
			    "note":"An advert for tickets","weight":3.0,"reportedAt":"2026-12-01T07:00:00Z","outcome":"OPEN"},
			   {"reportId":"5f0c6f8e-8d1e-4c55-9a43-0d3c1c1a0011","reporterId":"reader-23","reason":"ABUSIVE",
			    "note":null,"weight":0.25,"reportedAt":"2026-12-01T07:30:00Z","outcome":"OPEN"}],
			 "decisions":[
			   {"decisionId":"5f0c6f8e-8d1e-4c55-9a43-0d3c1c1a0020","revision":1,"status":"PUBLISHED",
			    "actor":"AUTOMATIC","moderatorId":null,"reasons":[],"policyVersion":2,
			    "decidedAt":"2026-11-30T10:00:01Z"},
			   {"decisionId":"5f0c6f8e-8d1e-4c55-9a43-0d3c1c1a0021","revision":2,"status":"HIDDEN",
			    "actor":"AUTOMATIC","moderatorId":null,"reasons":["reports reached the threshold"],
			    "policyVersion":2,"decidedAt":"2026-12-01T08:00:00Z"}],
			 "earlierReviews":[
			   {"reviewId":"5f0c6f8e-8d1e-4c55-9a43-0d3c1c1a0030","status":"REMOVED",
			    "deletedAt":"2026-11-29T09:00:00Z",
			    "decision":{"decisionId":"5f0c6f8e-8d1e-4c55-9a43-0d3c1c1a0031","revision":1,"status":"REMOVED",
			      "actor":"MODERATOR","moderatorId":"mod-3","reasons":["spam"],"policyVersion":1,
			      "decidedAt":"2026-11-28T09:00:00Z"}}]}
			""".formatted(CASE_ID, REVIEW_ID, Console.TITLE_ID);

	/** The review as review-intake serves it to a moderator, with what moderation does not keep. */
	static final String SUBMITTED = """
			{"reviewId":"%s","titleId":"%s","authorId":"promo-poster","type":"USER","revision":2,"rating":9,
			 "verdict":null,"publication":null,"topCritic":false,"headline":"Tickets at half price!",
			 "body":"Loved it! Use promo code DLU2021.","containsSpoilers":true,"status":"HIDDEN","helpfulVotes":0,
			 "totalVotes":0,"createdAt":"2026-11-30T10:00:00Z","editedAt":"2026-11-30T11:00:00Z"}"""
		.formatted(REVIEW_ID, Console.TITLE_ID);

	@Autowired
	JsonMapper json;

	Console console;

	@BeforeEach
	void services() {
		console = new Console(mvc, upstream);
		upstream.json("GET", "/api/reviews/" + REVIEW_ID, SUBMITTED);
	}

	ObjectNode reported() {
		return (ObjectNode) json.readTree(REPORTED);
	}

	void caseIs(ObjectNode found) {
		upstream.json("GET", CASE, json.writeValueAsString(found));
	}

	/** What the page sent to {@code method target}: exactly one such request. */
	Upstream.Request sent(String method, String target) {
		List<Upstream.Request> sent = console.requests().stream()
			.filter(request -> request.method().equals(method) && request.target().equals(target))
			.toList();
		assertThat(sent).as(method + " " + target).hasSize(1);
		return sent.getFirst();
	}

	@Test
	void theCaseInFull() throws Exception {
		caseIs(reported());

		Console.Answer page = console.htmx(get("/moderation/cases/" + CASE_ID), MODERATOR);

		assertThat(page.status()).isEqualTo(200);
		assertThat(page.page().select("title").text()).isEqualTo("Case: Tickets at half price! — reviewflow");
		assertThat(page.text("h1")).isEqualTo("Reported review: Tickets at half price!");
		assertThat(page.text("#case-status")).isEqualTo("OPEN");
		assertThat(page.text("#case-kind")).isEqualTo("REPORTED");
		assertThat(page.text("#case-priority")).isEqualTo("4.5");
		assertThat(page.text("#case-reasons")).isEqualTo("OFF_TOPIC, ABUSIVE");
		assertThat(page.text("#case-author")).isEqualTo("promo-poster");
		assertThat(page.text("#case-facts")).contains(Console.TITLE_NAME, "3.25");
		// the review as submitted, with what review-intake adds
		assertThat(page.text("#review-headline")).isEqualTo("Tickets at half price!");
		assertThat(page.text("#review-body")).isEqualTo("Loved it! Use promo code DLU2021.");
		assertThat(page.text("#review-rating")).isEqualTo("9/10");
		assertThat(page.text("#review-spoilers")).isEqualTo("Marked as containing spoilers");
		assertThat(page.text("#review-status")).isEqualTo("HIDDEN");
		assertThat(page.text("#review")).contains("User review, revision 2", "kept 1 time after reports");
		// the reports with their reasons, notes and weights
		assertThat(page.page().select("#reports tr.report-row")).extracting(Element::text)
			.containsExactly("reader-17 Not about this title An advert for tickets 3 1 Dec 2026, 07:00 UTC OPEN",
					"reader-23 Abusive or hateful – 0.25 1 Dec 2026, 07:30 UTC OPEN");
		// every decision, and the author's earlier review of the title
		assertThat(page.page().select("#decisions tr.decision-row")).extracting(Element::text)
			.containsExactly("30 Nov 2026, 10:00 UTC 1 PUBLISHED screening – v2",
					"1 Dec 2026, 08:00 UTC 2 HIDDEN screening reports reached the threshold v2");
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
		// the case and the review as submitted are the moderator's reads; the title's name is public
		assertThat(sent("GET", CASE).authorization()).isEqualTo(MODERATOR);
		assertThat(sent("GET", "/api/reviews/" + REVIEW_ID).authorization()).isEqualTo(MODERATOR);
		assertThat(sent("GET", "/api/titles/" + Console.TITLE_ID).authorization()).isNull();
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
		assertThat(page.text("#case-kind")).isEqualTo("APPEAL");
		assertThat(page.page().select("#decision-keep").parents().first().text())
			.isEqualTo("Keep: uphold the appeal and publish the review again");
		assertThat(page.page().select("#decision-remove").parents().first().text())
			.isEqualTo("Remove: refuse the appeal; the removal stands and is final");
	}

	@Test
	void aClaimAnswersWithThePanelAndTheClaimsEnd() throws Exception {
		ObjectNode claimed = reported();
		claimed.put("status", "CLAIMED").put("claimedBy", "mod-5").put("claimExpiresAt", "2026-12-02T10:30:00Z");
		upstream.json("POST", CASE + "/claim", json.writeValueAsString(claimed));

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
		// the claim went to moderation with the moderator's token and no body; nothing else was asked
		Upstream.Request claim = sent("POST", CASE + "/claim");
		assertThat(claim.authorization()).isEqualTo(MODERATOR);
		assertThat(claim.body()).isEmpty();
		assertThat(console.requests()).hasSize(1);
	}

	@Test
	void aClaimAnotherModeratorHoldsIsRefusedNextToTheClaimInModerationsWords() throws Exception {
		upstream.problem("POST", CASE + "/claim", 409,
				problem(409, "Moderator mod-9 has claimed this case until 2026-12-02T10:30:00Z."));
		ObjectNode heldByAnother = reported();
		heldByAnother.put("status", "CLAIMED").put("claimedBy", "mod-9").put("claimExpiresAt", "2026-12-02T10:30:00Z");
		caseIs(heldByAnother);

		Console.Answer panel = console.htmx(post("/moderation/cases/" + CASE_ID + "/claim"), MODERATOR);

		assertThat(panel.status()).isEqualTo(200);
		Element claim = panel.page().select("#case-actions .claim").first();
		assertThat(claim.select("#claim-refusal").text())
			.isEqualTo("Moderator mod-9 has claimed this case until 2026-12-02T10:30:00Z.");
		assertThat(claim.select("#claim-state").text()).isEqualTo("Claimed by mod-9 until 2 Dec 2026, 10:30 UTC.");
		assertThat(panel.page().select("#case-outcome")).isEmpty();
		// the case as it stands was read after the refusal
		assertThat(console.requests()).extracting(request -> request.method() + " " + request.target())
			.containsExactly("POST " + CASE + "/claim", "GET " + CASE);
	}

	@Test
	void releasingGivesTheCaseBack() throws Exception {
		upstream.json("DELETE", CASE + "/claim", REPORTED);

		Console.Answer panel = console.htmx(delete("/moderation/cases/" + CASE_ID + "/claim"), MODERATOR);

		assertThat(panel.text("#case-outcome")).isEqualTo("Released: the case is back in the queue for any moderator.");
		assertThat(panel.text("#claim-state")).isEqualTo("Nobody holds this case.");
		assertThat(panel.text("#case-status")).isEqualTo("OPEN");
		assertThat(sent("DELETE", CASE + "/claim").authorization()).isEqualTo(MODERATOR);
	}

	@Test
	void aDecisionWithoutAReasonShowsModerationsWordsNextToTheReason() throws Exception {
		upstream.problem("POST", CASE + "/decision", 400,
				problem(400, "The request has 1 invalid field(s): reason must not be blank", "reason",
						"must not be blank"));
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
		// the decision went as moderation's JSON, the reason as typed, for moderation to judge
		Upstream.Request decision = sent("POST", CASE + "/decision");
		assertThat(decision.authorization()).isEqualTo(MODERATOR);
		assertThat(decision.header("Content-Type")).startsWith("application/json");
		assertThat(json.readTree(decision.body())).isEqualTo(json.readTree("""
				{"action":"REMOVE","reason":"  "}"""));
	}

	@Test
	void aDecisionAboutAResolvedCaseIsRefusedNextToTheDecideButton() throws Exception {
		upstream.problem("POST", CASE + "/decision", 409,
				problem(409, "This case is resolved already: mod-9 decided KEEP at 2026-12-02T09:00:00Z."));
		caseIs(reported());

		Console.Answer panel = console.htmx(post("/moderation/cases/" + CASE_ID + "/decision")
			.param("action", "KEEP")
			.param("reason", "<b>fine</b>"), MODERATOR);

		assertThat(panel.page().select("#decide-case").first().nextElementSiblings().select("#decision-refusal").text())
			.isEqualTo("This case is resolved already: mod-9 decided KEEP at 2026-12-02T09:00:00Z.");
		// what the moderator typed is kept, as text
		assertThat(panel.page().select("#decision-reason").text()).isEqualTo("<b>fine</b>");
		assertThat(panel.html()).doesNotContain("<b>fine</b>");
		assertThat(json.readTree(sent("POST", CASE + "/decision").body())).isEqualTo(json.readTree("""
				{"action":"KEEP","reason":"<b>fine</b>"}"""));
	}

	@Test
	void aDecisionAnswersWithWhatItDid() throws Exception {
		ObjectNode removed = reported();
		removed.put("status", "RESOLVED").put("action", "REMOVE").put("resolvedBy", "mod-5")
			.put("resolvedAt", "2026-12-02T09:15:00Z").put("resolution", "Advertising for a ticket shop.");
		upstream.json("POST", CASE + "/decision", json.writeValueAsString(removed));

		Console.Answer panel = console.htmx(post("/moderation/cases/" + CASE_ID + "/decision")
			.param("action", "REMOVE")
			.param("reason", "Advertising for a ticket shop."), MODERATOR);

		assertThat(panel.text("#case-outcome")).isEqualTo("Removed: the review is taken down; its author may appeal.");
		assertThat(panel.text("#case-resolution"))
			.isEqualTo("REMOVE, decided by mod-5 on 2 Dec 2026, 09:15 UTC: Advertising for a ticket shop.");
		assertThat(panel.text("#case-status")).isEqualTo("RESOLVED");
		assertThat(panel.page().select("#decision-form")).isEmpty();
		assertThat(panel.page().select("#claim-case")).isEmpty();
		assertThat(json.readTree(sent("POST", CASE + "/decision").body())).isEqualTo(json.readTree("""
				{"action":"REMOVE","reason":"Advertising for a ticket shop."}"""));
	}

	@Test
	void keepingAnAppealSaysTheReviewIsBack() throws Exception {
		ObjectNode kept = reported();
		kept.put("kind", "APPEAL").put("status", "RESOLVED").put("action", "KEEP").put("resolvedBy", "mod-5")
			.put("resolvedAt", "2026-12-02T09:15:00Z").put("resolution", "Fair criticism.");
		upstream.json("POST", CASE + "/decision", json.writeValueAsString(kept));

		Console.Answer panel = console.htmx(post("/moderation/cases/" + CASE_ID + "/decision")
			.param("action", "KEEP")
			.param("reason", "Fair criticism."), MODERATOR);

		assertThat(panel.text("#case-outcome")).isEqualTo("Appeal upheld: the review is published again.");
		assertThat(json.readTree(sent("POST", CASE + "/decision").body())).isEqualTo(json.readTree("""
				{"action":"KEEP","reason":"Fair criticism."}"""));
	}

	@Test
	void aUserIsToldTheCaseNeedsAModeratorSignIn() throws Exception {
		String user = Console.token("alice", "USER");
		upstream.problem("GET", CASE, 403, problem(403, "Your roles do not allow this action."));

		Console.Answer page = console.htmx(get("/moderation/cases/" + CASE_ID), user);

		assertThat(page.text("#needs-sign-in h1")).isEqualTo("The moderator console needs a MODERATOR sign-in");
		assertThat(page.page().select("#sign-in-link").attr("href"))
			.isEqualTo("/login?next=/moderation/cases/" + CASE_ID);
		assertThat(sent("GET", CASE).authorization()).isEqualTo(user);
	}

	@Test
	void anUnknownCaseIsNotFound() throws Exception {
		upstream.problem("GET", CASE, 404, problem(404, "There is no case " + CASE_ID + "."));

		Console.Answer page = console.htmx(get("/moderation/cases/" + CASE_ID), MODERATOR);

		assertThat(page.status()).isEqualTo(404);
		assertThat(page.text("h1")).isEqualTo("Not found");
		assertThat(page.text(".problem")).isEqualTo("There is no case " + CASE_ID + ".");
	}

	@Test
	void whatIsNotACaseIdIsSentEncodedAsOneSegmentAndRefusedInModerationsWords() throws Exception {
		upstream.problem("GET", "/api/moderation/cases/not%20a%20case%3F", 400,
				problem(400, "'not a case?' is not a valid value for caseId."));

		Console.Answer page = console.htmx(get("/moderation/cases/{caseId}", "not a case?"), MODERATOR);

		// the path variable stays one segment of moderation's address (no query made of its '?')
		assertThat(console.requests()).extracting(Upstream.Request::target)
			.containsExactly("/api/moderation/cases/not%20a%20case%3F");
		assertThat(page.status()).isEqualTo(400);
		assertThat(page.text("h1")).isEqualTo("That did not work");
		assertThat(page.text(".problem")).isEqualTo("'not a case?' is not a valid value for caseId.");
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
		upstream.hangUp("GET", "/api/reviews/" + REVIEW_ID).hangUp("GET", "/api/titles/" + Console.TITLE_ID);

		Console.Answer page = console.htmx(get("/moderation/cases/" + CASE_ID), MODERATOR);

		assertThat(page.status()).isEqualTo(200);
		assertThat(page.text("#review")).contains(
				"The rating and spoiler flag are not available: review-intake is not answering just now; try again in a moment.");
		assertThat(page.text("#case-facts")).contains(Console.TITLE_ID);
		assertThat(page.text("#review-body")).isEqualTo("Loved it! Use promo code DLU2021.");
	}
}
