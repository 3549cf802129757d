package dev.reviewflow.web.me;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import dev.reviewflow.events.DecisionActor;
import dev.reviewflow.events.ReportReason;
import dev.reviewflow.events.ReviewStatus;
import dev.reviewflow.events.ReviewType;
import dev.reviewflow.web.Formats;
import dev.reviewflow.web.api.Api;
import dev.reviewflow.web.api.Page;
import dev.reviewflow.web.api.Services.Apis;
import dev.reviewflow.web.api.TestRefusals;
import dev.reviewflow.web.me.Standing.Appeal;
import dev.reviewflow.web.me.Standing.AppealStatus;
import dev.reviewflow.web.me.Standing.CaseAction;
import dev.reviewflow.web.me.Standing.Decision;
import dev.reviewflow.web.titles.Review;
import dev.reviewflow.web.titles.Title;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import dev.reviewflow.web.PageSliceTest;
import org.springframework.context.annotation.Import;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.BDDMockito.given;
import static org.mockito.BDDMockito.willThrow;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/** {@code /me} and the appeal, rendered against stubbed services: what a person reads and may do. */
@PageSliceTest({ MePage.class, AppealAction.class })
@Import(Standings.class)
class MePageTest {

	static final String AUTH = "Bearer token-of-alice";

	static final String TITLE = "wont-back-down-2012";

	static final String REVIEWS_URI = "/api/me/reviews?page={page}&size={size}";

	static final String REPORTS_URI = "/api/me/reports?page={page}&size={size}";

	static final String STANDING_URI = "/api/reviews/{reviewId}/moderation";

	static final String APPEAL_URI = "/api/reviews/{reviewId}/appeal";

	static final Instant WRITTEN = Instant.parse("2026-12-01T10:00:00Z");

	static final Instant DECIDED = Instant.parse("2026-12-02T09:30:00Z");

	static final Instant DEADLINE = Instant.parse("2026-12-22T09:30:00Z");

	@Autowired
	MockMvc mvc;

	@Autowired
	JsonMapper json;

	@MockitoBean
	Apis apis;

	final Api reviewIntake = mock(Api.class);

	final Api moderation = mock(Api.class);

	@BeforeEach
	void services() {
		given(apis.reviewIntake()).willReturn(reviewIntake);
		given(apis.moderation()).willReturn(moderation);
		given(reviewIntake.get(null, Title.class, "/api/titles/{titleId}", TITLE))
			.willReturn(new Title(TITLE, "Won't Back Down", 2012, "MOVIE"));
		reviews(0, 0);
		reports(0, 0);
	}

	@Test
	void signedOutIsAskedToSignInAndReturnHere() throws Exception {
		willThrow(TestRefusals.refusal("review-intake", 401, "This endpoint needs a bearer token."))
			.given(reviewIntake).get(null, MePage.REVIEWS, REVIEWS_URI, 0, 10);

		Document page = render(get("/me"), 200);

		Element prompt = page.getElementById("me-sign-in");
		assertThat(prompt).isNotNull();
		assertThat(prompt.text()).contains("Sign in to see your reviews and reports").doesNotContain("bearer token");
		assertThat(page.getElementById("me-sign-in-link").attr("href")).isEqualTo("/login?next=/me");
		assertThat(page.getElementById("my-reviews")).isNull();
		assertThat(page.getElementById("my-reports")).isNull();
		verify(moderation, never()).get(any(), eq(MePage.REPORTS), any(), any(Object[].class));
	}

	@Test
	void anExpiredSignInAtModerationAlsoAsksToSignIn() throws Exception {
		willThrow(TestRefusals.refusal("moderation", 401, "The token has expired."))
			.given(moderation).get(AUTH, MePage.REPORTS, REPORTS_URI, 0, 10);

		Document page = render(get("/me").header(HttpHeaders.AUTHORIZATION, AUTH), 200);

		assertThat(page.getElementById("me-sign-in").text())
			.contains("Your sign-in is missing or has expired: sign in again. (The token has expired.)");
		assertThat(page.getElementById("me-sign-in-link").attr("href")).isEqualTo("/login?next=/me");
	}

	@Test
	void emptyListsSaySo() throws Exception {
		Document page = render(get("/me").header(HttpHeaders.AUTHORIZATION, AUTH), 200);

		assertThat(page.title()).isEqualTo("My reviews and reports — reviewflow");
		assertThat(page.getElementById("my-reviews-empty").text()).startsWith("You have not written any reviews yet.");
		assertThat(page.getElementById("my-reports-empty").text()).startsWith("No reports yet.");
		assertThat(page.select("nav.pages")).isEmpty();
	}

	@Test
	void eachReviewShowsItsTitleStatusAndTheModeratorsReason() throws Exception {
		UUID published = UUID.randomUUID();
		UUID removed = UUID.randomUUID();
		reviews(0, 2, review(removed, ReviewStatus.REMOVED, "Too long"), review(published, ReviewStatus.PUBLISHED,
				"Moving"));
		standing(removed, new Standing(removed, ReviewStatus.REMOVED,
				List.of(decision(ReviewStatus.HIDDEN, DecisionActor.AUTOMATIC, "reports weighing 3.00 reached the "
						+ "threshold of 3.00; hidden until a moderator decides"),
						decision(ReviewStatus.REMOVED, DecisionActor.MODERATOR, "reported case REMOVE: advertising")),
				new Appeal(AppealStatus.AVAILABLE, DEADLINE, null, null)));

		Document page = render(get("/me").header(HttpHeaders.AUTHORIZATION, AUTH), 200);

		Element item = page.getElementById("my-review-" + removed);
		assertThat(item.selectFirst("a.title-link").text()).isEqualTo("Won't Back Down");
		assertThat(item.selectFirst("a.title-link").attr("href")).isEqualTo("/titles/" + TITLE);
		assertThat(item.getElementById("my-headline-" + removed).text()).isEqualTo("Too long");
		assertThat(item.selectFirst("time").text()).isEqualTo("1 December 2026");
		assertThat(item.getElementById("status-" + removed).text()).isEqualTo("REMOVED");
		assertThat(item.getElementById("status-" + removed).classNames()).contains("status", "REMOVED");
		assertThat(item.getElementById("status-words-" + removed).text())
			.isEqualTo("Removed by a moderator.");
		assertThat(item.getElementById("reason-" + removed).text()).isEqualTo("reported case REMOVE: advertising");
		assertThat(item.getElementById("decision-" + removed).text()).contains("Decided by a moderator")
			.contains("2 Dec 2026, 09:30 UTC");
		assertThat(item.selectFirst("details.earlier").text()).contains("Earlier decisions (1)")
			.contains("reports weighing 3.00").contains("the automatic screening");

		Element other = page.getElementById("my-review-" + published);
		assertThat(other.getElementById("status-" + published).text()).isEqualTo("PUBLISHED");
		assertThat(other.getElementById("status-words-" + published).text())
			.isEqualTo("Published: everyone can read it.");
		assertThat(other.getElementById("standing-" + published)).isNull();
		verify(moderation, never()).get(AUTH, Standing.class, STANDING_URI, published);
		// one title, asked about once
		verify(reviewIntake, times(1)).get(null, Title.class, "/api/titles/{titleId}", TITLE);
	}

	@Test
	void aRemovedReviewWithinTheWindowOffersTheAppealForm() throws Exception {
		UUID removed = UUID.randomUUID();
		reviews(0, 1, review(removed, ReviewStatus.REMOVED, "Too long"));
		standing(removed, removedStanding(removed, new Appeal(AppealStatus.AVAILABLE, DEADLINE, null, null)));

		Document page = render(get("/me").header(HttpHeaders.AUTHORIZATION, AUTH), 200);

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
		reviews(0, 4, review(expired, ReviewStatus.REJECTED, "Late"), review(appealed, ReviewStatus.REMOVED, "Waiting"),
				review(refused, ReviewStatus.REMOVED, "Final"), review(held, ReviewStatus.HELD, "Held"));
		standing(expired, removedStanding(expired, new Appeal(AppealStatus.EXPIRED, DEADLINE, null, null)));
		standing(appealed, removedStanding(appealed, new Appeal(AppealStatus.CLAIMED, null, UUID.randomUUID(), null)));
		standing(refused, removedStanding(refused,
				new Appeal(AppealStatus.RESOLVED, null, UUID.randomUUID(), CaseAction.REMOVE)));
		standing(held, new Standing(held, ReviewStatus.HELD,
				List.of(decision(ReviewStatus.HELD, DecisionActor.AUTOMATIC, "REPOST: an earlier review was removed")),
				new Appeal(AppealStatus.NOT_APPLICABLE, null, null, null)));

		Document page = render(get("/me").header(HttpHeaders.AUTHORIZATION, AUTH), 200);

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
		reviews(0, 2, review(hidden, ReviewStatus.HIDDEN, "Hidden"), review(unknown, ReviewStatus.HELD, "New"));
		willThrow(TestRefusals.unavailable("moderation")).given(moderation)
			.get(AUTH, Standing.class, STANDING_URI, hidden);
		willThrow(TestRefusals.refusal("moderation", 404, "No review " + unknown)).given(moderation)
			.get(AUTH, Standing.class, STANDING_URI, unknown);

		Document page = render(get("/me").header(HttpHeaders.AUTHORIZATION, AUTH), 200);

		assertThat(page.getElementById("standing-" + hidden).selectFirst(".problem").text())
			.isEqualTo("moderation is not answering just now; try again in a moment.");
		assertThat(page.getElementById("standing-" + unknown).text())
			.isEqualTo("Moderation has not recorded a decision about it yet.");
		assertThat(page.getElementById("status-" + hidden).text()).isEqualTo("HIDDEN");
	}

	@Test
	void anAppealSentShowsWhereItNowStands() throws Exception {
		UUID removed = UUID.randomUUID();
		standing(removed, removedStanding(removed, new Appeal(AppealStatus.OPEN, null, UUID.randomUUID(), null)));

		Document panel = render(post("/reviews/{id}/appeal", removed).param("statement", "It was a quote.")
			.header(HttpHeaders.AUTHORIZATION, AUTH), 200);

		verify(moderation).send(HttpMethod.POST, AUTH, Map.of("statement", "It was a quote."), APPEAL_URI, removed);
		Element standing = panel.getElementById("standing-" + removed);
		assertThat(standing).isNotNull();
		assertThat(standing.selectFirst(".done").text()).startsWith("Your appeal is sent.");
		assertThat(standing.selectFirst(".done").hasAttr("autofocus")).isTrue();
		assertThat(panel.getElementById("appeal-status-" + removed).text())
			.isEqualTo("Your appeal is waiting for a moderator.");
		assertThat(panel.getElementById("appeal-form-" + removed)).isNull();
	}

	@Test
	void aRefusedAppealShowsTheServicesWordsNextToTheStatement() throws Exception {
		UUID removed = UUID.randomUUID();
		standing(removed, removedStanding(removed, new Appeal(AppealStatus.AVAILABLE, DEADLINE, null, null)));
		willThrow(TestRefusals.refusal("moderation", 400, "The request has 1 invalid field(s): statement must not be "
				+ "blank", Map.of("statement", "must not be blank")))
			.given(moderation).send(HttpMethod.POST, AUTH, Map.of("statement", "  "), APPEAL_URI, removed);

		Document panel = render(post("/reviews/{id}/appeal", removed).param("statement", "  ")
			.header(HttpHeaders.AUTHORIZATION, AUTH), 200);

		Element form = panel.getElementById("appeal-form-" + removed);
		assertThat(form.parent().hasAttr("open")).isTrue();
		Element error = form.getElementById("appeal-error-" + removed);
		assertThat(error.text()).isEqualTo("The statement must not be blank.");
		Element statement = form.getElementById("appeal-statement-" + removed);
		assertThat(statement.nextElementSiblings()).contains(error);
		assertThat(statement.attr("aria-describedby")).contains("appeal-error-" + removed);
		assertThat(statement.attr("aria-invalid")).isEqualTo("true");
	}

	@Test
	void aRateLimitedAppealKeepsTheStatementWithTheServicesWords() throws Exception {
		UUID removed = UUID.randomUUID();
		standing(removed, removedStanding(removed, new Appeal(AppealStatus.AVAILABLE, DEADLINE, null, null)));
		String statement = "It quoted the film <b>verbatim</b>.";
		willThrow(TestRefusals.refusal("moderation", 429, "You have made 10 appeals in a day, the most allowed."))
			.given(moderation).send(HttpMethod.POST, AUTH, Map.of("statement", statement), APPEAL_URI, removed);

		MvcResult result = mvc.perform(post("/reviews/{id}/appeal", removed).param("statement", statement)
			.header(HttpHeaders.AUTHORIZATION, AUTH)
			.header("HX-Request", "true")).andExpect(status().isOk()).andReturn();
		Document panel = Jsoup.parse(result.getResponse().getContentAsString());

		assertThat(panel.getElementById("appeal-error-" + removed).text())
			.isEqualTo("You have made 10 appeals in a day, the most allowed.");
		assertThat(panel.getElementById("appeal-statement-" + removed).text()).isEqualTo(statement);
		assertThat(result.getResponse().getContentAsString()).contains("&lt;b&gt;verbatim&lt;/b&gt;")
			.doesNotContain("<b>verbatim");
	}

	@Test
	void anAppealRefusedBecauseItWasMadeAlreadyShowsTheWordsAndWhereItStands() throws Exception {
		UUID removed = UUID.randomUUID();
		UUID appealCase = UUID.randomUUID();
		standing(removed, removedStanding(removed, new Appeal(AppealStatus.OPEN, null, appealCase, null)));
		willThrow(TestRefusals.refusal("moderation", 409,
				"A review can be appealed once; your appeal (case " + appealCase + ") is open."))
			.given(moderation).send(HttpMethod.POST, AUTH, Map.of("statement", "Again"), APPEAL_URI, removed);

		Document panel = render(post("/reviews/{id}/appeal", removed).param("statement", "Again")
			.header(HttpHeaders.AUTHORIZATION, AUTH), 200);

		assertThat(panel.getElementById("appeal-error-" + removed).text())
			.isEqualTo("A review can be appealed once; your appeal (case " + appealCase + ") is open.");
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
		reports(0, 4, report(open, reviewId, ReportReason.SPAM, "Links to a shop", MyReport.Outcome.OPEN, null),
				report(upheld, reviewId, ReportReason.ABUSIVE, null, MyReport.Outcome.UPHELD, DECIDED),
				report(dismissed, reviewId, ReportReason.SPOILER, null, MyReport.Outcome.DISMISSED, DECIDED),
				report(closed, reviewId, ReportReason.OFF_TOPIC, null, MyReport.Outcome.CLOSED, DECIDED));

		Document page = render(get("/me").header(HttpHeaders.AUTHORIZATION, AUTH), 200);

		Element first = page.getElementById("my-report-" + open);
		assertThat(first.getElementById("outcome-" + open).text()).isEqualTo("Open");
		assertThat(first.getElementById("outcome-words-" + open).text()).startsWith("Waiting for moderators");
		assertThat(first.text()).contains("Spam or advertising").contains("Links to a shop")
			.contains("1 Dec 2026, 10:00 UTC");
		assertThat(first.selectFirst("a").text()).isEqualTo("a review of Won't Back Down");
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
		reviews(0, 1, review(removed, ReviewStatus.REMOVED, "<script>alert('headline')</script>"));
		standing(removed, new Standing(removed, ReviewStatus.REMOVED,
				List.of(decision(ReviewStatus.REMOVED, DecisionActor.MODERATOR, "<img src=x onerror=alert(1)>")),
				new Appeal(AppealStatus.AVAILABLE, DEADLINE, null, null)));
		reports(0, 1, report(reportId, UUID.randomUUID(), ReportReason.OTHER, "<a href=\"javascript:x\">note</a>",
				MyReport.Outcome.OPEN, null));

		MvcResult result = mvc.perform(get("/me").header(HttpHeaders.AUTHORIZATION, AUTH).header("HX-Request", "true"))
			.andExpect(status().isOk())
			.andReturn();
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
		reviews(1, 25, review(reviewId, ReviewStatus.PUBLISHED, "Page two"));
		reports(2, 31, report(UUID.randomUUID(), UUID.randomUUID(), ReportReason.SPAM, null, MyReport.Outcome.OPEN,
				null));

		Document page = render(get("/me").param("reviews", "1").param("reports", "2")
			.header(HttpHeaders.AUTHORIZATION, AUTH), 200);

		Element reviewPages = page.selectFirst("#my-reviews nav.pages");
		assertThat(reviewPages.text()).contains("Page 2 of 3");
		assertThat(reviewPages.selectFirst("a[rel=prev]").attr("href")).isEqualTo("/me?reviews=0&reports=2");
		assertThat(reviewPages.selectFirst("a[rel=next]").attr("href")).isEqualTo("/me?reviews=2&reports=2");
		Element reportPages = page.selectFirst("#my-reports nav.pages");
		assertThat(reportPages.text()).contains("Page 3 of 4");
		assertThat(reportPages.selectFirst("a[rel=prev]").attr("href")).isEqualTo("/me?reviews=1&reports=1");
		assertThat(reportPages.selectFirst("a[rel=next]").attr("href")).isEqualTo("/me?reviews=1&reports=3");
		assertThat(page.getElementById("my-headline-" + reviewId).text()).isEqualTo("Page two");
	}

	@Test
	void aListWhoseServiceFailedSaysSoAndTheOtherStillShows() throws Exception {
		willThrow(TestRefusals.unavailable("review-intake")).given(reviewIntake)
			.get(AUTH, MePage.REVIEWS, REVIEWS_URI, 0, 10);
		UUID reportId = UUID.randomUUID();
		reports(0, 1, report(reportId, UUID.randomUUID(), ReportReason.SPAM, null, MyReport.Outcome.OPEN, null));
		willThrow(TestRefusals.refusal("review-intake", 404, "No title")).given(reviewIntake)
			.get(null, Title.class, "/api/titles/{titleId}", TITLE);

		Document page = render(get("/me").header(HttpHeaders.AUTHORIZATION, AUTH), 200);

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
		String html = mvc.perform(request.header("HX-Request", "true"))
			.andExpect(status().is(status))
			.andReturn()
			.getResponse()
			.getContentAsString();
		return Jsoup.parse(html);
	}

	private void reviews(int page, long total, Review... items) {
		given(reviewIntake.get(AUTH, MePage.REVIEWS, REVIEWS_URI, page, 10))
			.willReturn(new Page<>(List.of(items), page, 10, total));
	}

	private void reports(int page, long total, MyReport... items) {
		given(moderation.get(AUTH, MePage.REPORTS, REPORTS_URI, page, 10))
			.willReturn(new Page<>(List.of(items), page, 10, total));
	}

	private void standing(UUID reviewId, Standing standing) {
		given(moderation.get(AUTH, Standing.class, STANDING_URI, reviewId)).willReturn(standing);
	}

	private static Standing removedStanding(UUID reviewId, Appeal appeal) {
		return new Standing(reviewId, ReviewStatus.REMOVED,
				List.of(decision(ReviewStatus.REMOVED, DecisionActor.MODERATOR, "reported case REMOVE: advertising")),
				appeal);
	}

	private static Decision decision(ReviewStatus status, DecisionActor actor, String reason) {
		return new Decision(status, actor, null, List.of(reason), DECIDED);
	}

	private static Review review(UUID reviewId, ReviewStatus status, String headline) {
		return new Review(reviewId, TITLE, "alice", ReviewType.USER, 6, null, null, false, headline, "The body",
				false, status, 0, 0, WRITTEN, null);
	}

	private static MyReport report(UUID reportId, UUID reviewId, ReportReason reason, String note,
			MyReport.Outcome outcome, Instant resolvedAt) {
		return new MyReport(reportId, reviewId, TITLE, reason, note, WRITTEN, outcome, resolvedAt);
	}
}
