package dev.reviewflow.web.dashboard;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.UUID;

import dev.reviewflow.events.ReviewStatus;
import dev.reviewflow.events.ReviewType;
import dev.reviewflow.events.TitleScoreChanged;
import dev.reviewflow.events.TitleScoreChanged.AudienceScore;
import dev.reviewflow.events.TitleScoreChanged.CriticScore;
import dev.reviewflow.events.TitleScoreChanged.CriticTally;
import dev.reviewflow.events.TitleScoreChanged.ReviewCounts;
import dev.reviewflow.events.TitleScoreChanged.UserRating;
import dev.reviewflow.web.api.Page;
import dev.reviewflow.web.api.Services.Apis;
import dev.reviewflow.web.titles.Review;
import dev.reviewflow.web.titles.Title;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import dev.reviewflow.web.PageSliceTest;
import org.springframework.context.annotation.Import;
import org.springframework.http.HttpHeaders;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.BDDMockito.given;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

/**
 * The dashboard as the browser receives it: review-intake's titles joined with scoring's figures (names, one decimal,
 * a title without a score), each row ready to refresh from the live stream, the most helpful reviews of the chosen
 * title, and the moderation queue for moderators (in words for everyone else); user text always escaped.
 */
@PageSliceTest({ Dashboard.class, HelpfulReviews.class, QueuePanel.class })
@Import(TitleFigures.class)
class DashboardTests {

	static final Instant UPDATED = Instant.parse("2026-12-02T10:00:00Z");

	@Autowired
	MockMvc mvc;

	@MockitoBean
	Apis apis;

	FakeService intake = new FakeService("review-intake");

	FakeService scoring = new FakeService("scoring");

	FakeService moderation = new FakeService("moderation");

	@BeforeEach
	void services() {
		given(apis.reviewIntake()).willReturn(intake.api);
		given(apis.scoring()).willReturn(scoring.api);
		given(apis.moderation()).willReturn(moderation.api);
	}

	static Title title(String titleId, String name) {
		return new Title(titleId, name, 2002, "SERIES");
	}

	static TitleScoreChanged score(String titleId, @Nullable Double average, long count, @Nullable Double weighted,
			@Nullable Integer tomatometer, @Nullable Integer audience, long version) {
		List<Long> histogram = List.of(0L, 0L, 0L, 0L, 0L, 0L, 0L, 0L, 0L, count);
		return new TitleScoreChanged(titleId, new UserRating(average, count, weighted, histogram),
				new AudienceScore(audience, count), new CriticScore(tomatometer, 13, 2, 15, new CriticTally(null, 1, 0, 1)),
				new ReviewCounts(3, 15), UPDATED, version);
	}

	static <T> Page<T> page(List<T> items, int page, int size, long total) {
		return new Page<>(items, page, size, total);
	}

	/** A token as the browser sends it; the page reads who it names, the services check it. */
	static String bearer(String subject, String... roles) {
		Base64.Encoder base64 = Base64.getUrlEncoder().withoutPadding();
		String claims = "{\"sub\":\"" + subject + "\",\"roles\":[\"" + String.join("\",\"", roles) + "\"],\"exp\":"
				+ Instant.now().plusSeconds(3600).getEpochSecond() + "}";
		return "Bearer " + base64.encodeToString("{\"alg\":\"HS256\"}".getBytes(StandardCharsets.UTF_8)) + "."
				+ base64.encodeToString(claims.getBytes(StandardCharsets.UTF_8)) + ".signature";
	}

	String html(MockHttpServletRequestBuilder request) throws Exception {
		return mvc.perform(request.header("HX-Request", "true"))
			.andReturn()
			.getResponse()
			.getContentAsString(StandardCharsets.UTF_8)
			.replaceAll("\\s+", " ");
	}

	String dashboard(@Nullable String authorization) throws Exception {
		MockHttpServletRequestBuilder request = get("/dashboard");
		if (authorization != null) {
			request.header(HttpHeaders.AUTHORIZATION, authorization);
		}
		return html(request);
	}

	void twoTitles() {
		intake.on("/api/titles?page=0&size=20",
				page(List.of(title("the-wire-2002", "The Wire"), title("wont-back-down-2012", "Won't Back Down")), 0, 20,
						2));
	}

	@Test
	void namesAndFiguresWithOneDecimalFromTwoCalls() throws Exception {
		twoTitles();
		scoring.on("/api/titles/scores?page=0&size=20",
				page(List.of(score("the-wire-2002", 9.4666, 5892, 9.12, 87, 96, 41),
						score("wont-back-down-2012", 6.04, 12, 6.94, null, 58, 7)), 0, 20, 2));

		String html = dashboard(null);

		assertThat(html).contains("<title>Dashboard — reviewflow</title>")
			.contains("<a href=\"/titles/the-wire-2002\">The Wire</a>")
			.contains("<a href=\"/titles/wont-back-down-2012\">Won&#39;t Back Down</a>")
			.contains("data-figure=\"average\">9.5</td>")
			.contains("data-figure=\"count\">5,892</td>")
			.contains("data-figure=\"weighted\">9.1</td>")
			.contains("data-figure=\"tomatometer\">87%</td>")
			.contains("data-figure=\"audience\">96%</td>")
			.contains("2 Dec 2026, 10:00 UTC")
			// below the minimum of critic reviews there is no Tomatometer
			.contains("data-figure=\"average\">6.0</td>")
			.contains("data-figure=\"tomatometer\">–</td>");
		// each row refreshes itself when the live stream says its title's score changed, which the page follows
		assertThat(html).contains("data-live=\"/live/scores?titleId=the-wire-2002&amp;titleId=wont-back-down-2012\"")
			.contains("hx-get=\"/dashboard/titles/the-wire-2002/row\" data-refresh-on=\"title-score:the-wire-2002\"")
			.contains("hx-trigger=\"score-changed\" hx-swap=\"outerHTML\"")
			.contains("data-title-id=\"the-wire-2002\" data-version=\"41\" data-average=\"9.4666\" data-count=\"5892\"");
		// the plot offers the page's titles, the first chosen, and its reviews load with it
		assertThat(html).contains("<option value=\"the-wire-2002\" selected=\"selected\">The Wire</option>")
			.contains("<option value=\"wont-back-down-2012\">Won&#39;t Back Down</option>")
			.contains("id=\"dashboard-plot\" class=\"plot\" role=\"img\" aria-labelledby=\"dashboard-plot-caption\" data-points=\"0\"")
			.contains("hx-get=\"/dashboard/reviews?titleId=the-wire-2002\"");
		assertThat(scoring.asked).containsExactly("/api/titles/scores?page=0&size=20");
		assertThat(intake.asked).containsExactly("/api/titles?page=0&size=20");
	}

	@Test
	void aTitleWithNoScoreYetSaysSoAndIsAskedForAlone() throws Exception {
		twoTitles();
		// scoring's first page holds only the title that has a score
		scoring.on("/api/titles/scores?page=0&size=20",
				page(List.of(score("wont-back-down-2012", 6.04, 12, 6.94, null, 58, 7)), 0, 20, 1));

		String html = dashboard(null);

		assertThat(html).contains(
				"data-title-id=\"the-wire-2002\" data-version=\"-1\" data-count=\"0\">")
			.contains("<td colspan=\"6\" class=\"empty\">No ratings or reviews yet.</td>")
			.contains("data-figure=\"average\">6.0</td>");
		assertThat(scoring.asked).containsExactly("/api/titles/scores?page=0&size=20",
				"/api/titles/the-wire-2002/score");
	}

	@Test
	void titlesOffScoringsPageAreAskedForOneByOneAtMostOncePerTitle() throws Exception {
		intake.on("/api/titles?page=1&size=20",
				page(List.of(title("heat-1995", "Heat"), title("ran-1985", "Ran")), 1, 20, 22));
		// titles without scores earlier in the catalogue shift scoring's pages: its page 1 holds other titles
		scoring.on("/api/titles/scores?page=1&size=20", page(List.of(), 1, 20, 15))
			.on("/api/titles/heat-1995/score", score("heat-1995", 8.25, 4, 7.0, null, 100, 3))
			.on("/api/titles/ran-1985/score", score("ran-1985", 7.0, 1, 6.9, null, 100, 1));

		String html = html(get("/dashboard?page=1"));

		assertThat(html).contains("data-figure=\"average\">8.3</td>").contains("data-figure=\"average\">7.0</td>")
			.contains("Page 2 of 2")
			.contains("<a href=\"/dashboard?page=0\">Previous</a>");
		assertThat(scoring.asked).containsExactly("/api/titles/scores?page=1&size=20", "/api/titles/heat-1995/score",
				"/api/titles/ran-1985/score");
	}

	@Test
	void scoringNotAnsweringIsSaidOnceAndNoTitleIsAskedForAlone() throws Exception {
		twoTitles();
		scoring.on("/api/titles/scores?page=0&size=20",
				FakeService.refusal(503, "scoring is not answering just now; try again in a moment."));

		String html = dashboard(null);

		assertThat(html).contains("<p class=\"problem\" role=\"alert\">scoring is not answering just now; try again in a moment.</p>")
			.contains("<td colspan=\"6\" class=\"problem\">Figures not available just now.</td>")
			.contains("<a href=\"/titles/the-wire-2002\">The Wire</a>");
		assertThat(scoring.asked).containsExactly("/api/titles/scores?page=0&size=20");
	}

	@Test
	void noTitlesYet() throws Exception {
		intake.on("/api/titles?page=0&size=20", page(List.<Title>of(), 0, 20, 0));

		String html = dashboard(null);

		assertThat(html).contains("No titles yet.").doesNotContain("data-live").doesNotContain("id=\"dashboard-plot\"");
		assertThat(scoring.asked).isEmpty();
	}

	@Test
	void aPageBeyondTheTitlesLeadsBackToTheFirst() throws Exception {
		intake.on("/api/titles?page=7&size=20", page(List.<Title>of(), 7, 20, 3));

		String html = html(get("/dashboard?page=7"));

		assertThat(html).contains("No titles on this page: <a href=\"/dashboard\">back to the first</a>.")
			.doesNotContain("No titles yet.");
		assertThat(scoring.asked).isEmpty();
	}

	@Test
	void titleNamesAndHeadlinesAreShownAsText() throws Exception {
		intake.on("/api/titles?page=0&size=20",
				page(List.of(title("xss-2026", "<script>alert('name')</script> & <b>Co</b>")), 0, 20, 1))
			.on("/api/titles/xss-2026", title("xss-2026", "<script>alert('name')</script> & <b>Co</b>"))
			.on("/api/titles/xss-2026/reviews?type=USER&sort=helpful&size=5",
					page(List.of(review("<img src=x onerror=alert(1)>", "<i>mallory</i>", 1, 2)), 0, 5, 1));
		scoring.on("/api/titles/scores?page=0&size=20", page(List.of(), 0, 20, 0));

		String page = dashboard(null);
		String row = html(get("/dashboard/titles/xss-2026/row"));
		String reviews = html(get("/dashboard/reviews?titleId=xss-2026"));

		String escaped = "&lt;script&gt;alert(&#39;name&#39;)&lt;/script&gt; &amp; &lt;b&gt;Co&lt;/b&gt;";
		assertThat(page).contains(">" + escaped + "</a>").contains(">" + escaped + "</option>")
			.doesNotContain("<script>alert").doesNotContain("<b>Co");
		assertThat(row).contains(">" + escaped + "</a>").doesNotContain("<script>alert");
		assertThat(reviews).contains(">" + escaped + "</a>")
			.contains("&lt;img src=x onerror=alert(1)&gt;")
			.contains("&lt;i&gt;mallory&lt;/i&gt;")
			.doesNotContain("<img").doesNotContain("<i>mallory");
	}

	@Test
	void aRowIsRenderedAsItStandsNowForTheLiveRefresh() throws Exception {
		intake.on("/api/titles/the-wire-2002", title("the-wire-2002", "The Wire"));
		scoring.on("/api/titles/the-wire-2002/score", score("the-wire-2002", 9.44, 5893, 9.1, 87, 96, 42));

		String row = html(get("/dashboard/titles/the-wire-2002/row"));

		assertThat(row.strip()).startsWith("<tr id=\"title-row-the-wire-2002\"").endsWith("</tr>");
		assertThat(row).contains("data-refresh-on=\"title-score:the-wire-2002\"")
			.contains("data-version=\"42\"")
			.contains("data-figure=\"average\">9.4</td>")
			.contains("data-figure=\"count\">5,893</td>");
	}

	@Test
	void aRowWhoseTitleHasNoScoreYetOrCannotBeReadSaysSoInTheRow() throws Exception {
		intake.on("/api/titles/ran-1985", title("ran-1985", "Ran"))
			.on("/api/titles/heat-1995", FakeService.refusal(503, "review-intake is not answering just now."));

		String unscored = html(get("/dashboard/titles/ran-1985/row"));
		String unread = html(get("/dashboard/titles/heat-1995/row"));

		assertThat(unscored).contains("<a href=\"/titles/ran-1985\">Ran</a>")
			.contains("<td colspan=\"6\" class=\"empty\">No ratings or reviews yet.</td>");
		assertThat(unread).contains("<a href=\"/titles/heat-1995\">heat-1995</a>")
			.contains("<td colspan=\"6\" class=\"problem\">review-intake is not answering just now.</td>")
			.contains("data-refresh-on=\"title-score:heat-1995\"");
	}

	static Review review(String headline, String author, long helpful, long total) {
		return new Review(UUID.randomUUID(), "xss-2026", author, ReviewType.USER, 8, null, null, false, headline,
				"The body is not shown on the dashboard.", false, ReviewStatus.PUBLISHED, helpful, total, UPDATED, null);
	}

	@Test
	void theMostHelpfulReviewsOfTheChosenTitle() throws Exception {
		intake.on("/api/titles/the-wire-2002", title("the-wire-2002", "The Wire"))
			.on("/api/titles/the-wire-2002/reviews?type=USER&sort=helpful&size=5",
					page(List.of(review("All the pieces matter", "alice", 46, 57), review("Slow start", "bob", 0, 0)),
							0, 5, 2))
			.on("/api/titles/ran-1985", title("ran-1985", "Ran"))
			.on("/api/titles/ran-1985/reviews?type=USER&sort=helpful&size=5", page(List.<Review>of(), 0, 5, 0));

		String reviews = html(get("/dashboard/reviews?titleId=the-wire-2002"));
		String none = html(get("/dashboard/reviews?titleId=ran-1985"));
		String unknown = html(get("/dashboard/reviews?titleId=nope-1999"));

		assertThat(reviews).contains("Most helpful reviews of <a href=\"/titles/the-wire-2002\">The Wire</a>")
			.contains("<strong class=\"rating\">8/10</strong>")
			.contains(">All the pieces matter</a>")
			.contains("<p class=\"helpfulness\">46 of 57 people found this review helpful</p>")
			.contains("<p class=\"helpfulness\">Nobody has said yet whether this review is helpful.</p>")
			.doesNotContain("The body is not shown");
		assertThat(none).contains("No user reviews of this title yet.");
		assertThat(unknown).contains("<p class=\"problem\" role=\"alert\">review-intake knows nothing at /api/titles/nope-1999.</p>");
	}

	@Test
	void aModeratorSeesTheQueueRefreshedEveryTenSeconds() throws Exception {
		twoTitles();
		scoring.on("/api/titles/scores?page=0&size=20", page(List.of(), 0, 20, 0));
		UUID oldest = UUID.randomUUID();
		moderation.on("/api/moderation/queue", new QueueDepth(1207, 2, Instant.parse("2026-12-02T06:48:00Z"), oldest,
				Instant.parse("2026-12-02T10:00:30Z")));
		String moderator = bearer("mod-1", "MODERATOR");

		String page = dashboard(moderator);
		String queue = html(get("/dashboard/queue").header(HttpHeaders.AUTHORIZATION, moderator));

		assertThat(page).contains("id=\"dashboard-queue\" class=\"panel\" aria-labelledby=\"dashboard-queue-heading\" "
				+ "hx-get=\"/dashboard/queue\" hx-trigger=\"load, every 10s\"")
			.doesNotContain("sign in</a> with the MODERATOR");
		assertThat(queue).contains("<dd id=\"dashboard-queue-open\" class=\"figure\">1,207</dd>")
			.contains("<dd id=\"dashboard-queue-claimed\" class=\"figure\">2</dd>")
			.contains("The oldest open case has waited <strong>3 h 12 min</strong>, since "
					+ "<time datetime=\"2026-12-02T06:48:00Z\">2 Dec 2026, 06:48 UTC</time>")
			.contains("<a href=\"/moderation/cases/" + oldest + "\">open the case</a>")
			.contains("As of <span>10:00:30 UTC</span>");
		// asked with the moderator's own token: moderation decides
		assertThat(moderation.authorizations).containsExactly(moderator);
	}

	@Test
	void anEmptyQueueSaysNothingWaits() throws Exception {
		moderation.on("/api/moderation/queue", new QueueDepth(0, 1, null, null, UPDATED));

		String queue = html(get("/dashboard/queue").header(HttpHeaders.AUTHORIZATION, bearer("admin", "ADMIN")));

		assertThat(queue).contains("<dd id=\"dashboard-queue-open\" class=\"figure\">0</dd>")
			.contains("No case is waiting.");
	}

	@Test
	void everyoneElseIsToldTheQueueNeedsAModeratorSignIn() throws Exception {
		twoTitles();
		scoring.on("/api/titles/scores?page=0&size=20", page(List.of(), 0, 20, 0));
		String words = "is shown to moderators: <a href=\"/login\">sign in</a> with the MODERATOR or ADMIN role to see it.";

		String anonymous = dashboard(null);
		String user = dashboard(bearer("alice", "USER"));
		String panel = html(get("/dashboard/queue").header(HttpHeaders.AUTHORIZATION, bearer("alice", "USER")));

		assertThat(anonymous).contains(words).doesNotContain("hx-get=\"/dashboard/queue\"");
		assertThat(user).contains(words).doesNotContain("hx-get=\"/dashboard/queue\"");
		assertThat(panel).contains(words);
		assertThat(moderation.asked).isEmpty();
	}

	@Test
	void aQueueRefusedByModerationSaysWhyInThePanel() throws Exception {
		moderation.on("/api/moderation/queue",
				FakeService.refusal(401, "Your sign-in is missing or has expired: sign in again. (Jwt expired)"));

		String queue = html(get("/dashboard/queue").header(HttpHeaders.AUTHORIZATION, bearer("mod-1", "MODERATOR")));

		assertThat(queue).contains(
				"<p class=\"problem\" role=\"alert\">Your sign-in is missing or has expired: sign in again. (Jwt expired)</p>")
			.doesNotContain("dashboard-queue-open");
	}
}
