package dev.reviewflow.web.me;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

import dev.reviewflow.events.ReportReason;
import dev.reviewflow.events.ReviewStatus;
import dev.reviewflow.web.PageSliceTest;
import dev.reviewflow.web.PageSliceTests;
import dev.reviewflow.web.Upstream;
import dev.reviewflow.web.api.Page;
import dev.reviewflow.web.me.Standing.Decision;
import org.jspecify.annotations.Nullable;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;
import org.springframework.http.HttpMethod;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * {@code /me} and the appeal, rendered against the services as {@link Upstream} stands in for them over HTTP: what a
 * person reads and may do, and what the page sends on their behalf.
 */
@PageSliceTest({ MePage.class, AppealAction.class })
@Import(Standings.class)
class MePageTest extends PageSliceTests {

	static final String TOKEN = token("alice", "USER");

	static final String AUTH = "Bearer " + TOKEN;

	static final String TITLE = "dont-look-up-2021";

	static final String WRITTEN = "2026-11-27T08:15:00Z";

	static final String DECIDED = "2026-12-02T09:30:00Z";

	static final String DEADLINE = "2026-12-22T09:30:00Z";

	static final JsonMapper JSON = JsonMapper.builder().build();

	@Autowired
	JsonMapper json;

	@BeforeEach
	void services() {
		upstream.json("GET", "/api/titles/" + TITLE, """
				{"titleId":"%s","name":"Don't Look Up","year":2021,"kind":"MOVIE"}""".formatted(TITLE));
		reviews(0, 0);
		reports(0, 0);
	}

	@Test
	void signedOutIsAskedToSignInAndReturnHere() throws Exception {
		upstream.problem("GET", "/api/me/reviews?page=0&size=10", 401,
				problem(401, "This endpoint needs a bearer token: send 'Authorization: Bearer <JWT>'."));

		Document page = render(htmx(HttpMethod.GET, "/me"), 200);

		Element prompt = page.getElementById("me-sign-in");
		assertThat(prompt).isNotNull();
		assertThat(prompt.text()).contains("Sign in to see your reviews and reports").doesNotContain("bearer token");
		assertThat(page.getElementById("me-sign-in-link").attr("href")).isEqualTo("/login?next=/me");
		assertThat(page.getElementById("my-reviews")).isNull();
		assertThat(page.getElementById("my-reports")).isNull();
		// asked without a token, and once review-intake said who is needed, not again
		assertThat(upstream.requests()).singleElement().satisfies(request -> {
			assertThat(request.target()).isEqualTo("/api/me/reviews?page=0&size=10");
			assertThat(request.authorization()).isNull();
		});
	}

	@Test
	void anExpiredSignInAtModerationAlsoAsksToSignIn() throws Exception {
		upstream.problem("GET", "/api/me/reports?page=0&size=10", 401,
				problem(401, "The bearer token was not accepted: Jwt expired at 2026-12-02T09:00:00Z"));

		Document page = render(htmx(HttpMethod.GET, "/me", TOKEN), 200);

		// the web's hint for a 401 around moderation's own words
		assertThat(page.getElementById("me-sign-in").text()).contains("Your sign-in is missing or has expired: sign in "
				+ "again. (The bearer token was not accepted: Jwt expired at 2026-12-02T09:00:00Z)");
		assertThat(page.getElementById("me-sign-in-link").attr("href")).isEqualTo("/login?next=/me");
	}

	@Test
	void emptyListsSaySo() throws Exception {
		Document page = render(htmx(HttpMethod.GET, "/me", TOKEN), 200);

		assertThat(page.title()).isEqualTo("My reviews and reports — reviewflow");
		assertThat(page.getElementById("my-reviews-empty").text()).startsWith("You have not written any reviews yet.");
		assertThat(page.getElementById("my-reports-empty").text()).startsWith("No reports yet.");
		assertThat(page.select("nav.pages")).isEmpty();
		// both lists are the caller's: each service was asked with the token
		assertThat(upstream.requests()).extracting(Upstream.Request::target)
			.containsExactly("/api/me/reviews?page=0&size=10", "/api/me/reports?page=0&size=10");
		assertThat(upstream.requests()).allSatisfy(request -> assertThat(request.authorization()).isEqualTo(AUTH));
	}

	@Test
	void eachReviewShowsItsTitleStatusAndTheModeratorsReason() throws Exception {
		UUID published = UUID.randomUUID();
		UUID removed = UUID.randomUUID();
		reviews(0, 2, review(removed, "REMOVED", "Too long"), review(published, "PUBLISHED", "Moving"));
		standing(removed, "REMOVED", appeal("AVAILABLE", DEADLINE, null, null),
				decision("PUBLISHED", "AUTOMATIC", "2026-11-27T08:15:02Z"),
				decision("HIDDEN", "AUTOMATIC", "2026-11-30T14:00:00Z",
						"reports weighing 3.00 reached the threshold of 3.00; hidden until a moderator decides"),
				decision("REMOVED", "MODERATOR", DECIDED, "reported case REMOVE: advertising"));

		Document page = render(htmx(HttpMethod.GET, "/me", TOKEN), 200);

		Element item = page.getElementById("my-review-" + removed);
		assertThat(item.selectFirst("a.title-link").text()).isEqualTo("Don't Look Up");
		assertThat(item.selectFirst("a.title-link").attr("href")).isEqualTo("/titles/" + TITLE);
		assertThat(item.getElementById("my-headline-" + removed).text()).isEqualTo("Too long");
		assertThat(item.selectFirst("time").text()).isEqualTo("27 November 2026");
		assertThat(item.selectFirst("strong.rating").text()).isEqualTo("6/10");
		assertThat(item.getElementById("status-" + removed).text()).isEqualTo("REMOVED");
		assertThat(item.getElementById("status-" + removed).classNames()).contains("status", "REMOVED");
		assertThat(item.getElementById("status-words-" + removed).text())
			.isEqualTo("Removed by a moderator.");
		assertThat(item.getElementById("reason-" + removed).text()).isEqualTo("reported case REMOVE: advertising");
		assertThat(item.getElementById("decision-" + removed).text()).contains("Decided by a moderator")
			.contains("2 Dec 2026, 09:30 UTC");
		assertThat(item.selectFirst("details.earlier summary").text()).isEqualTo("Earlier decisions (2)");
		assertThat(item.select("details.earlier li")).extracting(Element::text).containsExactly(
				"HIDDEN: reports weighing 3.00 reached the threshold of 3.00; hidden until a moderator decides — "
						+ "the automatic screening, 30 Nov 2026, 14:00 UTC",
				"PUBLISHED: It passed the automatic screening. — the automatic screening, 27 Nov 2026, 08:15 UTC");

		Element other = page.getElementById("my-review-" + published);
		assertThat(other.getElementById("status-" + published).text()).isEqualTo("PUBLISHED");
		assertThat(other.getElementById("status-words-" + published).text())
			.isEqualTo("Published: everyone can read it.");
		assertThat(other.getElementById("standing-" + published)).isNull();
		// only the review a decision put somewhere is asked about, with the author's token; one title, asked once
		assertThat(targets()).doesNotContain(standingTarget(published))
			.containsOnlyOnce("/api/titles/" + TITLE, standingTarget(removed));
		assertThat(request(standingTarget(removed)).authorization()).isEqualTo(AUTH);
		assertThat(request("/api/titles/" + TITLE).authorization()).isNull();
	}

	@Test
	void aRemovedReviewWithinTheWindowOffersTheAppealForm() throws Exception {
		UUID removed = UUID.randomUUID();
		reviews(0, 1, review(removed, "REMOVED", "Too long"));
		removedStanding(removed, appeal("AVAILABLE", DEADLINE, null, null));

		Document page = render(htmx(HttpMethod.GET, "/me", TOKEN), 200);

		assertThat(page.getElementById("appeal-status-" + removed).text())
			.isEqualTo("You may appeal this decision once. You can appeal until 22 Dec 2026, 09:30 UTC.");
		assertThat(page.getElementById("appeal-open-" + removed).text()).isEqualTo("Appeal this decision");
		Element form = page.getElementById("appeal-form-" + removed);
		assertThat(form.attr("hx-post")).isEqualTo("/reviews/" + removed + "/appeal");
		assertThat(form.attr("hx-target")).isEqualTo("#standing-" + removed);
		Element statement = form.getElementById("appeal-statement-" + removed);
		assertThat(statement.attr("name")).isEqualTo("statement");
		assertThat(form.selectFirst("label[for=appeal-statement-" + removed + "]").text())
			.isEqualTo("Why should a moderator look at it again?");
		assertThat(page.getElementById("appeal-send-" + removed).text()).isEqualTo("Send appeal");
		assertThat(page.getElementById("appeal-error-" + removed)).isNull();
	}

	@Test
	void noAppealFormOncePastTheDeadlineOrAppealedOrNotDecidedYet() throws Exception {
		UUID expired = UUID.randomUUID();
		UUID appealed = UUID.randomUUID();
		UUID refused = UUID.randomUUID();
		UUID held = UUID.randomUUID();
		reviews(0, 4, review(expired, "REJECTED", "Late"), review(appealed, "REMOVED", "Waiting"),
				review(refused, "REMOVED", "Final"), review(held, "HELD", "Held"));
		removedStanding(expired, appeal("EXPIRED", DEADLINE, null, null));
		removedStanding(appealed, appeal("CLAIMED", null, UUID.randomUUID(), null));
		removedStanding(refused, appeal("RESOLVED", null, UUID.randomUUID(), "REMOVE"));
		standing(held, "HELD", appeal("NOT_APPLICABLE", null, null, null),
				decision("HELD", "AUTOMATIC", DECIDED, "REPOST: an earlier review was removed"));

		Document page = render(htmx(HttpMethod.GET, "/me", TOKEN), 200);

		assertThat(page.getElementById("appeal-status-" + expired).text()).isEqualTo(
				"The time to appeal this decision has passed. The deadline was 22 Dec 2026, 09:30 UTC.");
		assertThat(page.getElementById("appeal-status-" + appealed).text())
			.isEqualTo("A moderator is looking at your appeal.");
		assertThat(page.getElementById("appeal-" + appealed).attr("data-appeal")).isEqualTo("CLAIMED");
		assertThat(page.getElementById("appeal-status-" + refused).text())
			.isEqualTo("Your appeal was refused: the decision stands and is final.");
		assertThat(page.getElementById("appeal-status-" + held).text()).startsWith("Nothing to appeal now");
		assertThat(page.getElementById("reason-" + held).text()).isEqualTo("REPOST: an earlier review was removed");
		assertThat(page.getElementById("decision-" + held).text()).contains("the automatic screening");
		assertThat(page.select("form[id^=appeal-form-]")).isEmpty();
		assertThat(page.select("textarea[name=statement]")).isEmpty();
	}

	@Test
	void aStandingModerationCannotGiveIsSaidInItsPanel() throws Exception {
		UUID hidden = UUID.randomUUID();
		UUID unknown = UUID.randomUUID();
		reviews(0, 2, review(hidden, "HIDDEN", "Hidden"), review(unknown, "HELD", "New"));
		upstream.hangUp("GET", standingTarget(hidden))
			.problem("GET", standingTarget(unknown), 404,
					problem(404, "There is no review " + unknown + " of yours."));

		Document page = render(htmx(HttpMethod.GET, "/me", TOKEN), 200);

		// the web's own words for a service that gave no answer
		assertThat(page.getElementById("standing-" + hidden).selectFirst(".problem").text())
			.isEqualTo("moderation is not answering just now; try again in a moment.");
		assertThat(page.getElementById("standing-" + unknown).text())
			.isEqualTo("Moderation has not recorded a decision about it yet.");
		assertThat(page.getElementById("status-" + hidden).text()).isEqualTo("HIDDEN");
	}

	@Test
	void anAppealSentShowsWhereItNowStands() throws Exception {
		UUID removed = UUID.randomUUID();
		UUID appealCase = UUID.randomUUID();
		upstream.answer("POST", appealTarget(removed), 202, "application/json", """
				{"caseId":"%s","reviewId":"%s","status":"OPEN"}""".formatted(appealCase, removed));
		removedStanding(removed, appeal("OPEN", null, appealCase, null));

		Document panel = render(htmx(HttpMethod.POST, "/reviews/" + removed + "/appeal", TOKEN)
			.param("statement", "It was a quote."), 200);

		// the appeal went first, as JSON with the author's token; where it stands was read after it
		List<Upstream.Request> requests = upstream.requests();
		assertThat(requests).extracting(request -> request.method() + " " + request.target())
			.containsExactly("POST " + appealTarget(removed), "GET " + standingTarget(removed));
		Upstream.Request sent = requests.getFirst();
		assertThat(sent.authorization()).isEqualTo(AUTH);
		assertThat(sent.header("Content-Type")).startsWith("application/json");
		assertThat(json.readTree(sent.body())).isEqualTo(json.readTree("{\"statement\":\"It was a quote.\"}"));
		assertThat(requests.getLast().authorization()).isEqualTo(AUTH);
		Element standing = panel.getElementById("standing-" + removed);
		assertThat(standing).isNotNull();
		assertThat(standing.selectFirst(".done").text()).isEqualTo(
				"Your appeal is sent. A moderator will look at the review again; this page shows the outcome.");
		assertThat(standing.selectFirst(".done").hasAttr("autofocus")).isTrue();
		assertThat(panel.getElementById("appeal-" + removed).attr("data-appeal")).isEqualTo("OPEN");
		assertThat(panel.getElementById("appeal-status-" + removed).text())
			.isEqualTo("Your appeal is waiting for a moderator.");
		assertThat(panel.getElementById("appeal-form-" + removed)).isNull();
	}

	@Test
	void aRefusedAppealShowsTheServicesWordsNextToTheStatement() throws Exception {
		UUID removed = UUID.randomUUID();
		removedStanding(removed, appeal("AVAILABLE", DEADLINE, null, null));
		String invisible = "It was a quote\u202E.";
		String complaint = "must not contain control characters, bidirectional overrides or invisible characters";
		upstream.problem("POST", appealTarget(removed), 400,
				problem(400, "The request has 1 invalid field(s): statement " + complaint, "statement", complaint));

		Document panel = render(htmx(HttpMethod.POST, "/reviews/" + removed + "/appeal", TOKEN)
			.param("statement", invisible), 200);

		assertThat(upstream.requests()).filteredOn(request -> request.method().equals("POST")).singleElement()
			.satisfies(sent -> assertThat(json.readTree(sent.body()).get("statement").asString()).isEqualTo(invisible));
		Element form = panel.getElementById("appeal-form-" + removed);
		assertThat(form.parent().hasAttr("open")).isTrue();
		Element error = form.getElementById("appeal-error-" + removed);
		assertThat(error.text()).isEqualTo("The statement " + complaint + ".");
		Element statement = form.getElementById("appeal-statement-" + removed);
		assertThat(statement.nextElementSiblings()).contains(error);
		assertThat(statement.attr("aria-describedby")).contains("appeal-error-" + removed);
		assertThat(statement.attr("aria-invalid")).isEqualTo("true");
	}

	@Test
	void aRateLimitedAppealKeepsTheStatementWithTheServicesWords() throws Exception {
		UUID removed = UUID.randomUUID();
		removedStanding(removed, appeal("AVAILABLE", DEADLINE, null, null));
		String statement = "It quoted the film <b>verbatim</b>.";
		String limit = "You may do this 10 time(s) per 24 hours; try again in 3600 s.";
		upstream.problem("POST", appealTarget(removed), 429, problem(429, limit), "Retry-After", "3600");

		MvcResult result = mvc.perform(htmx(HttpMethod.POST, "/reviews/" + removed + "/appeal", TOKEN)
			.param("statement", statement)).andExpect(status().isOk()).andReturn();
		Document panel = Jsoup.parse(result.getResponse().getContentAsString());

		assertThat(panel.getElementById("appeal-error-" + removed).text()).startsWith(limit);
		assertThat(panel.getElementById("appeal-statement-" + removed).text()).isEqualTo(statement);
		assertThat(result.getResponse().getContentAsString()).contains("&lt;b&gt;verbatim&lt;/b&gt;")
			.doesNotContain("<b>verbatim");
	}

	@Test
	void anAppealRefusedBecauseItWasMadeAlreadyShowsTheWordsAndWhereItStands() throws Exception {
		UUID removed = UUID.randomUUID();
		UUID appealCase = UUID.randomUUID();
		removedStanding(removed, appeal("OPEN", null, appealCase, null));
		upstream.problem("POST", appealTarget(removed), 409,
				problem(409, "A review can be appealed once; your appeal (case " + appealCase + ") is open."));

		Document panel = render(htmx(HttpMethod.POST, "/reviews/" + removed + "/appeal", TOKEN)
			.param("statement", "Again"), 200);

		assertThat(panel.getElementById("appeal-error-" + removed).text())
			.isEqualTo("A review can be appealed once; your appeal (case " + appealCase + ") is open.");
		assertThat(panel.getElementById("appeal-" + removed).attr("data-appeal")).isEqualTo("OPEN");
		assertThat(panel.getElementById("appeal-status-" + removed).text())
			.isEqualTo("Your appeal is waiting for a moderator.");
		assertThat(panel.getElementById("appeal-form-" + removed)).isNull();
	}

	@Test
	void eachReportSaysWhatBecameOfIt() throws Exception {
		UUID open = UUID.randomUUID();
		UUID upheld = UUID.randomUUID();
		UUID dismissed = UUID.randomUUID();
		UUID closed = UUID.randomUUID();
		UUID reviewId = UUID.randomUUID();
		reports(0, 4, report(open, reviewId, ReportReason.OFF_TOPIC, "Talks about the actors", "OPEN", null),
				report(upheld, reviewId, ReportReason.ABUSIVE, null, "UPHELD", DECIDED),
				report(dismissed, reviewId, ReportReason.SPOILER, null, "DISMISSED", DECIDED),
				report(closed, reviewId, ReportReason.SPAM, null, "CLOSED", DECIDED));

		Document page = render(htmx(HttpMethod.GET, "/me", TOKEN), 200);

		Element first = page.getElementById("my-report-" + open);
		assertThat(first.getElementById("outcome-" + open).text()).isEqualTo("Open");
		assertThat(first.getElementById("outcome-words-" + open).text()).startsWith("Waiting for moderators");
		assertThat(first.text()).contains("Not about this title").contains("Talks about the actors")
			.contains("27 Nov 2026, 08:15 UTC");
		assertThat(first.selectFirst("a").text()).isEqualTo("a review of Don't Look Up");
		assertThat(first.selectFirst("a").attr("href")).isEqualTo("/titles/" + TITLE + "#review-" + reviewId);
		assertThat(page.getElementById("outcome-words-" + upheld).text())
			.isEqualTo("Upheld: a moderator removed the review. (2 Dec 2026, 09:30 UTC)");
		assertThat(page.getElementById("my-report-" + upheld).text()).contains("Abusive or hateful").contains("None");
		assertThat(page.getElementById("outcome-words-" + dismissed).text())
			.startsWith("Dismissed: moderators kept the review.");
		assertThat(page.getElementById("outcome-words-" + closed).text())
			.startsWith("Closed: the review's author deleted it.");
		assertThat(page.getElementById("my-report-" + closed).attr("data-outcome")).isEqualTo("CLOSED");
	}

	@Test
	void userTextIsShownAsText() throws Exception {
		UUID removed = UUID.randomUUID();
		UUID reportId = UUID.randomUUID();
		reviews(0, 1, review(removed, "REMOVED", "<script>alert('headline')</script>"));
		standing(removed, "REMOVED", appeal("AVAILABLE", DEADLINE, null, null),
				decision("REMOVED", "MODERATOR", DECIDED, "<img src=x onerror=alert(1)>"));
		reports(0, 1, report(reportId, UUID.randomUUID(), ReportReason.OTHER, "<a href=\"javascript:x\">note</a>",
				"OPEN", null));

		MvcResult result = mvc.perform(htmx(HttpMethod.GET, "/me", TOKEN)).andExpect(status().isOk()).andReturn();
		String html = result.getResponse().getContentAsString();
		Document page = Jsoup.parse(html);

		assertThat(page.getElementById("my-headline-" + removed).text()).isEqualTo("<script>alert('headline')</script>");
		assertThat(page.getElementById("reason-" + removed).text()).isEqualTo("<img src=x onerror=alert(1)>");
		assertThat(page.getElementById("my-report-" + reportId).selectFirst(".note").text())
			.isEqualTo("<a href=\"javascript:x\">note</a>");
		assertThat(page.select("script, img, a[href^=javascript]")).isEmpty();
		assertThat(html).contains("&lt;script&gt;");
	}

	@Test
	void eachListPagesOnItsOwnAndKeepsTheOthersPage() throws Exception {
		UUID reviewId = UUID.randomUUID();
		reviews(1, 25, review(reviewId, "PUBLISHED", "Page two"));
		reports(2, 31, report(UUID.randomUUID(), UUID.randomUUID(), ReportReason.SPAM, null, "OPEN", null));

		Document page = render(htmx(HttpMethod.GET, "/me?reviews=1&reports=2", TOKEN), 200);

		Element reviewPages = page.selectFirst("#my-reviews nav.pages");
		assertThat(reviewPages.text()).contains("Page 2 of 3");
		assertThat(reviewPages.selectFirst("a[rel=prev]").attr("href")).isEqualTo("/me?reviews=0&reports=2");
		assertThat(reviewPages.selectFirst("a[rel=next]").attr("href")).isEqualTo("/me?reviews=2&reports=2");
		Element reportPages = page.selectFirst("#my-reports nav.pages");
		assertThat(reportPages.text()).contains("Page 3 of 4");
		assertThat(reportPages.selectFirst("a[rel=prev]").attr("href")).isEqualTo("/me?reviews=1&reports=1");
		assertThat(reportPages.selectFirst("a[rel=next]").attr("href")).isEqualTo("/me?reviews=1&reports=3");
		assertThat(page.getElementById("my-headline-" + reviewId).text()).isEqualTo("Page two");
		assertThat(page.selectFirst("#my-reviews-heading small").text()).isEqualTo("(25)");
		assertThat(page.selectFirst("#my-reports-heading small").text()).isEqualTo("(31)");
	}

	@Test
	void aListWhoseServiceFailedSaysSoAndTheOtherStillShows() throws Exception {
		upstream.hangUp("GET", "/api/me/reviews?page=0&size=10");
		UUID reportId = UUID.randomUUID();
		reports(0, 1, report(reportId, UUID.randomUUID(), ReportReason.SPAM, null, "OPEN", null));
		upstream.problem("GET", "/api/titles/" + TITLE, 404, problem(404, "There is no title '" + TITLE + "'."));

		Document page = render(htmx(HttpMethod.GET, "/me", TOKEN), 200);

		assertThat(page.getElementById("my-reviews").selectFirst(".problem").text())
			.isEqualTo("review-intake is not answering just now; try again in a moment.");
		assertThat(page.getElementById("my-reviews-empty")).isNull();
		// the title's name could not be read: its id stands in
		assertThat(page.getElementById("my-report-" + reportId).selectFirst("a").text())
			.isEqualTo("a review of " + TITLE);
	}

	/** What moderation answers (its Standing and a page of ReportView, as the local stack served them) reads whole. */
	@Test
	void moderationsAnswersReadAsTheyAreServed() {
		Standing standing = json.readValue("""
				{"reviewId":"3c0d9bea-1b27-4e2a-ba60-5f4a18817b65","status":"REMOVED","decisions":[
				 {"decisionId":"72cebf82-1167-4cb7-97a2-e8dedda80937","revision":1,"status":"HIDDEN","actor":"AUTOMATIC",
				  "moderatorId":null,"reasons":["reports weighing 3.00 reached the threshold of 3.00"],"policyVersion":1,
				  "decidedAt":"2026-12-02T03:05:27.333031Z"},
				 {"decisionId":"a610f290-40a3-4440-927f-0eafd39021d0","revision":1,"status":"REMOVED","actor":"MODERATOR",
				  "moderatorId":null,"reasons":["reported case REMOVE: Promotional content"],"policyVersion":1,
				  "decidedAt":"2026-12-02T03:05:34.423283Z"}],
				 "appeal":{"status":"AVAILABLE","until":"2026-12-22T03:05:34.423283Z","caseId":null,"action":null}}
				""", Standing.class);
		assertThat(standing.latest().why()).isEqualTo("reported case REMOVE: Promotional content");
		assertThat(standing.latest().who()).isEqualTo("a moderator");
		assertThat(standing.earlier()).extracting(Decision::status).containsExactly(ReviewStatus.HIDDEN);
		assertThat(standing.appeal().available()).isTrue();
		assertThat(standing.appeal().until()).isEqualTo(Instant.parse("2026-12-22T03:05:34.423283Z"));

		Standing resolved = json.readValue("""
				{"reviewId":"3c0d9bea-1b27-4e2a-ba60-5f4a18817b65","status":"PUBLISHED","decisions":[],
				 "appeal":{"status":"RESOLVED","until":null,"caseId":"9bf71b90-5bb2-4165-b01d-637eae1a4944",
				  "action":"KEEP"}}
				""", Standing.class);
		assertThat(resolved.latest()).isNull();
		assertThat(resolved.appeal().words()).isEqualTo("Your appeal succeeded: a moderator restored the review.");

		Page<MyReport> reports = json.readValue("""
				{"items":[{"reportId":"08cd12e1-66a2-47af-ba50-ca7676462f37",
				 "reviewId":"740badef-5abd-4443-9617-573a02589f03","titleId":"wont-back-down-2012","reason":"OFF_TOPIC",
				 "note":"Talks about the actors","reportedAt":"2026-12-02T03:05:27.453493Z","outcome":"DISMISSED",
				 "resolvedAt":"2026-12-02T04:00:00Z"}],"page":0,"size":10,"totalItems":1}
				""", new TypeReference<Page<MyReport>>() {
				});
		MyReport report = reports.items().getFirst();
		assertThat(report.reason()).isEqualTo(ReportReason.OFF_TOPIC);
		assertThat(report.outcome()).isEqualTo(MyReport.Outcome.DISMISSED);
		assertThat(report.resolvedAt()).isEqualTo(Instant.parse("2026-12-02T04:00:00Z"));
		assertThat(reports.totalItems()).isEqualTo(1);
	}

	private Document render(MockHttpServletRequestBuilder request, int status) throws Exception {
		String html = mvc.perform(request).andExpect(status().is(status)).andReturn().getResponse().getContentAsString();
		return Jsoup.parse(html);
	}

	private static List<String> targets() {
		return upstream.requests().stream().map(Upstream.Request::target).toList();
	}

	private static Upstream.Request request(String target) {
		return upstream.requests().stream().filter(request -> request.target().equals(target)).findFirst()
			.orElseThrow(() -> new AssertionError("nothing asked at " + target + " but " + targets()));
	}

	private static String standingTarget(UUID reviewId) {
		return "/api/reviews/" + reviewId + "/moderation";
	}

	private static String appealTarget(UUID reviewId) {
		return "/api/reviews/" + reviewId + "/appeal";
	}

	private static String page(int page, long total, String... items) {
		return """
				{"items":[%s],"page":%d,"size":10,"totalItems":%d}""".formatted(String.join(",", items), page, total);
	}

	/** review-intake's {@code GET /api/me/reviews} answers this page. */
	private static void reviews(int page, long total, String... items) {
		upstream.json("GET", "/api/me/reviews?page=" + page + "&size=10", page(page, total, items));
	}

	/** moderation's {@code GET /api/me/reports} answers this page. */
	private static void reports(int page, long total, String... items) {
		upstream.json("GET", "/api/me/reports?page=" + page + "&size=10", page(page, total, items));
	}

	/** moderation's {@code GET /api/reviews/{id}/moderation} answers where the review stands. */
	private static void standing(UUID reviewId, String status, String appeal, String... decisions) {
		upstream.json("GET", standingTarget(reviewId), """
				{"reviewId":"%s","status":"%s","decisions":[%s],"appeal":%s}"""
			.formatted(reviewId, status, String.join(",", decisions), appeal));
	}

	private static void removedStanding(UUID reviewId, String appeal) {
		standing(reviewId, "REMOVED", appeal, decision("REMOVED", "MODERATOR", DECIDED,
				"reported case REMOVE: advertising"));
	}

	private static String decision(String status, String actor, String decidedAt, String... reasons) {
		return """
				{"decisionId":"%s","revision":1,"status":"%s","actor":"%s","moderatorId":null,"reasons":%s,
				 "policyVersion":1,"decidedAt":"%s"}"""
			.formatted(UUID.randomUUID(), status, actor, JSON.writeValueAsString(Arrays.asList(reasons)), decidedAt);
	}

	private static String appeal(String status, @Nullable String until, @Nullable UUID caseId,
			@Nullable String action) {
		return """
				{"status":"%s","until":%s,"caseId":%s,"action":%s}"""
			.formatted(status, quoted(until), quoted(caseId), quoted(action));
	}

	private static String review(UUID reviewId, String status, String headline) {
		return """
				{"reviewId":"%s","titleId":"%s","authorId":"alice","type":"USER","revision":1,"rating":6,
				 "verdict":null,"publication":null,"topCritic":false,"headline":%s,"body":"The body",
				 "containsSpoilers":false,"status":"%s","helpfulVotes":0,"totalVotes":0,"createdAt":"%s",
				 "editedAt":null}"""
			.formatted(reviewId, TITLE, JSON.writeValueAsString(headline), status, WRITTEN);
	}

	private static String report(UUID reportId, UUID reviewId, ReportReason reason, @Nullable String note,
			String outcome, @Nullable String resolvedAt) {
		return """
				{"reportId":"%s","reviewId":"%s","titleId":"%s","reason":"%s","note":%s,"reportedAt":"%s",
				 "outcome":"%s","resolvedAt":%s}"""
			.formatted(reportId, reviewId, TITLE, reason, quoted(note), WRITTEN, outcome, quoted(resolvedAt));
	}

	private static String quoted(@Nullable Object value) {
		return value == null ? "null" : JSON.writeValueAsString(value.toString());
	}
}
