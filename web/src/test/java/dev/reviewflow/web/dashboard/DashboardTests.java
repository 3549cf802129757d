package dev.reviewflow.web.dashboard;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;

import dev.reviewflow.web.PageSliceTest;
import dev.reviewflow.web.PageSliceTests;
import dev.reviewflow.web.Upstream;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.springframework.context.annotation.Import;
import org.springframework.http.HttpMethod;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The dashboard as the browser receives it: review-intake's titles joined with scoring's figures (names, one decimal,
 * a title without a score), each row ready to refresh from the live stream, the most helpful reviews of the chosen
 * title, and the moderation queue for moderators (in words for everyone else); user text always escaped. The services
 * are {@link Upstream}, answering over HTTP as they do.
 */
@PageSliceTest({ Dashboard.class, HelpfulReviews.class, QueuePanel.class })
@Import(TitleFigures.class)
class DashboardTests extends PageSliceTests {

	static final JsonMapper JSON = JsonMapper.builder().build();

	static final String UPDATED = "2026-12-03T17:25:00Z";

	static String text(String value) {
		return JSON.writeValueAsString(value);
	}

	static String title(String titleId, String name) {
		return """
				{"titleId":%s,"name":%s,"year":2002,"kind":"SERIES"}""".formatted(text(titleId), text(name));
	}

	/** A title's score as scoring serves it; the audience score counts fewer ratings than the user rating does. */
	static String score(String titleId, @Nullable Double average, long count, @Nullable Double weighted,
			@Nullable Integer tomatometer, @Nullable Integer audience, long audienceCount, long version) {
		return """
				{"titleId":%s,"userRating":{"average":%s,"count":%d,"weighted":%s,"histogram":[0,0,0,0,0,0,0,0,0,%d]},
				 "audienceScore":{"percent":%s,"count":%d},
				 "criticScore":{"percent":%s,"fresh":11,"rotten":3,"count":14,
				  "topCritics":{"percent":null,"fresh":1,"rotten":0,"count":1}},
				 "reviewCounts":{"user":3,"critic":14},"updatedAt":"%s","version":%d}"""
			.formatted(text(titleId), average, count, weighted, count, audience, audienceCount, tomatometer, UPDATED,
					version);
	}

	static String page(int page, int size, long total, String... items) {
		return """
				{"items":[%s],"page":%d,"size":%d,"totalItems":%d}""".formatted(String.join(",", items), page, size,
				total);
	}

	static String review(String headline, String author, @Nullable Integer rating, long helpful, long total) {
		return """
				{"reviewId":"%s","titleId":"xss-2026","authorId":%s,"type":"USER","revision":1,"rating":%s,
				 "verdict":null,"publication":null,"topCritic":false,"headline":%s,
				 "body":"The body is not shown on the dashboard.","containsSpoilers":false,"status":"PUBLISHED",
				 "helpfulVotes":%d,"totalVotes":%d,"createdAt":"%s","editedAt":null}"""
			.formatted(UUID.randomUUID(), text(author), rating, text(headline), helpful, total, UPDATED);
	}

	String html(HttpMethod method, String path, String... token) throws Exception {
		return mvc.perform(htmx(method, path, token))
			.andReturn()
			.getResponse()
			.getContentAsString(StandardCharsets.UTF_8)
			.replaceAll("\\s+", " ");
	}

	String html(String path, String... token) throws Exception {
		return html(HttpMethod.GET, path, token);
	}

	static Document parse(String html) {
		return Jsoup.parseBodyFragment(html);
	}

	/** A figure of a title's row, found by the row and the figure, not anywhere on the page. */
	static String figure(Document page, String titleId, String figure) {
		Element cell = page.selectFirst("#title-row-" + titleId + " td[data-figure=" + figure + "]");
		assertThat(cell).as(figure + " of " + titleId).isNotNull();
		return cell.text();
	}

	List<String> targets() {
		return upstream.requests().stream().map(Upstream.Request::target).toList();
	}

	void twoTitles() {
		upstream.json("GET", "/api/titles?page=0&size=20", page(0, 20, 2, title("the-wire-2002", "The Wire"),
				title("dont-look-up-2021", "Don't Look Up")));
	}

	@Test
	void namesAndFiguresWithOneDecimalFromTwoCalls() throws Exception {
		twoTitles();
		upstream.json("GET", "/api/titles/scores?page=0&size=20",
				page(0, 20, 2, score("the-wire-2002", 9.4666, 4318, 9.12, 91, 96, 3907, 41),
						score("dont-look-up-2021", 6.04, 12, 6.94, null, 58, 9, 7)));

		String html = html("/dashboard");
		Document page = parse(html);

		assertThat(html).contains("<title>Dashboard — reviewflow</title>")
			.contains("<a href=\"/titles/the-wire-2002\">The Wire</a>")
			.contains("<a href=\"/titles/dont-look-up-2021\">Don&#39;t Look Up</a>");
		assertThat(figure(page, "the-wire-2002", "average")).isEqualTo("9.5");
		assertThat(figure(page, "the-wire-2002", "count")).isEqualTo("4,318");
		assertThat(figure(page, "the-wire-2002", "weighted")).isEqualTo("9.1");
		assertThat(figure(page, "the-wire-2002", "tomatometer")).isEqualTo("91%");
		assertThat(figure(page, "the-wire-2002", "audience")).isEqualTo("96%");
		assertThat(figure(page, "the-wire-2002", "updated")).isEqualTo("3 Dec 2026, 17:25 UTC");
		assertThat(page.selectFirst("#title-row-the-wire-2002 td[data-figure=updated] time").attr("datetime"))
			.isEqualTo(UPDATED);
		// below the minimum of critic reviews there is no Tomatometer
		assertThat(figure(page, "dont-look-up-2021", "average")).isEqualTo("6.0");
		assertThat(figure(page, "dont-look-up-2021", "count")).isEqualTo("12");
		assertThat(figure(page, "dont-look-up-2021", "tomatometer")).isEqualTo("–");
		assertThat(figure(page, "dont-look-up-2021", "audience")).isEqualTo("58%");
		// each row refreshes itself when the live stream says its title's score changed, which the page follows
		assertThat(html).contains("data-live=\"/live/scores?titleId=the-wire-2002&amp;titleId=dont-look-up-2021\"")
			.contains("hx-get=\"/dashboard/titles/the-wire-2002/row\" data-refresh-on=\"title-score:the-wire-2002\"")
			.contains("hx-trigger=\"score-changed\" hx-swap=\"outerHTML\"")
			.contains("data-title-id=\"the-wire-2002\" data-version=\"41\" data-average=\"9.4666\" data-count=\"4318\"");
		// the plot offers the page's titles, the first chosen, and its reviews load with it
		assertThat(html).contains("<option value=\"the-wire-2002\" selected=\"selected\">The Wire</option>")
			.contains("<option value=\"dont-look-up-2021\">Don&#39;t Look Up</option>")
			.contains("id=\"dashboard-plot\" class=\"plot\" role=\"img\" aria-labelledby=\"dashboard-plot-caption\" data-points=\"0\"")
			.contains("hx-get=\"/dashboard/reviews?titleId=the-wire-2002\"");
		// two calls for the whole page, neither with a token: both reads are public
		assertThat(targets()).containsExactly("/api/titles?page=0&size=20", "/api/titles/scores?page=0&size=20");
		assertThat(upstream.requests()).allSatisfy(request -> assertThat(request.authorization()).isNull());
	}

	@Test
	void aTitleWithNoScoreYetSaysSoAndIsAskedForAlone() throws Exception {
		twoTitles();
		// scoring's first page holds only the title that has a score
		upstream.json("GET", "/api/titles/scores?page=0&size=20",
				page(0, 20, 1, score("dont-look-up-2021", 6.04, 12, 6.94, null, 58, 9, 7)))
			.problem("GET", "/api/titles/the-wire-2002/score", 404,
					problem(404, "No score yet for title 'the-wire-2002'."));

		String html = html("/dashboard");
		Document page = parse(html);

		assertThat(html).contains("data-title-id=\"the-wire-2002\" data-version=\"-1\" data-count=\"0\">");
		assertThat(page.select("#title-row-the-wire-2002 td")).singleElement().satisfies(cell -> {
			assertThat(cell.text()).isEqualTo("No ratings or reviews yet.");
			assertThat(cell.attr("colspan")).isEqualTo("6");
			assertThat(cell.hasClass("empty")).isTrue();
		});
		assertThat(figure(page, "dont-look-up-2021", "average")).isEqualTo("6.0");
		assertThat(targets()).containsExactly("/api/titles?page=0&size=20", "/api/titles/scores?page=0&size=20",
				"/api/titles/the-wire-2002/score");
	}

	@Test
	void titlesOffScoringsPageAreAskedForOneByOneAtMostOncePerTitle() throws Exception {
		upstream.json("GET", "/api/titles?page=1&size=20",
				page(1, 20, 22, title("heat-1995", "Heat"), title("ran-1985", "Ran")))
			// titles without scores earlier in the catalogue shift scoring's pages: its page 1 holds other titles
			.json("GET", "/api/titles/scores?page=1&size=20", page(1, 20, 15))
			.json("GET", "/api/titles/heat-1995/score", score("heat-1995", 8.25, 4, 7.0, null, 100, 3, 3))
			.json("GET", "/api/titles/ran-1985/score", score("ran-1985", 7.0, 1, 6.9, null, 100, 1, 1));

		String html = html("/dashboard?page=1");
		Document page = parse(html);

		assertThat(figure(page, "heat-1995", "average")).isEqualTo("8.3");
		assertThat(figure(page, "ran-1985", "average")).isEqualTo("7.0");
		assertThat(page.selectFirst("nav.pages span").text()).isEqualTo("Page 2 of 2");
		assertThat(html).contains("<a href=\"/dashboard?page=0\">Previous</a>");
		assertThat(targets()).containsExactly("/api/titles?page=1&size=20", "/api/titles/scores?page=1&size=20",
				"/api/titles/heat-1995/score", "/api/titles/ran-1985/score");
	}

	@Test
	void scoringNotAnsweringIsSaidOnceAndNoTitleIsAskedForAlone() throws Exception {
		twoTitles();
		upstream.hangUp("GET", "/api/titles/scores?page=0&size=20");

		Document page = parse(html("/dashboard"));

		// the words are the web's own for a service that gave no answer
		assertThat(page.select("p.problem[role=alert]")).extracting(Element::text)
			.containsExactly("scoring is not answering just now; try again in a moment.");
		assertThat(page.select("tr.title-row td")).extracting(Element::text)
			.containsExactly("Figures not available just now.", "Figures not available just now.");
		assertThat(page.select("tr.title-row td.problem")).hasSize(2);
		assertThat(page.select("tr.title-row a")).extracting(Element::text).containsExactly("The Wire",
				"Don't Look Up");
		// (a client may try a GET on a fresh connection once more; no title was asked for on its own)
		assertThat(targets().stream().distinct()).containsExactly("/api/titles?page=0&size=20",
				"/api/titles/scores?page=0&size=20");
	}

	@Test
	void noTitlesYet() throws Exception {
		upstream.json("GET", "/api/titles?page=0&size=20", page(0, 20, 0));

		String html = html("/dashboard");

		assertThat(html).contains("No titles yet.").doesNotContain("data-live").doesNotContain("id=\"dashboard-plot\"");
		assertThat(targets()).containsExactly("/api/titles?page=0&size=20");
	}

	@Test
	void aPageBeyondTheTitlesLeadsBackToTheFirst() throws Exception {
		upstream.json("GET", "/api/titles?page=7&size=20", page(7, 20, 3));

		String html = html("/dashboard?page=7");

		assertThat(html).contains("No titles on this page: <a href=\"/dashboard\">back to the first</a>.")
			.doesNotContain("No titles yet.");
		assertThat(targets()).containsExactly("/api/titles?page=7&size=20");
	}

	@Test
	void titleNamesAndHeadlinesAreShownAsText() throws Exception {
		String name = "<script>alert('name')</script> & <b>Co</b>";
		upstream.json("GET", "/api/titles?page=0&size=20", page(0, 20, 1, title("xss-2026", name)))
			.json("GET", "/api/titles/xss-2026", title("xss-2026", name))
			.json("GET", "/api/titles/xss-2026/reviews?type=USER&sort=helpful&size=5",
					page(0, 5, 1, review("<img src=x onerror=alert(1)>", "<i>mallory</i>", 3, 1, 2)))
			.json("GET", "/api/titles/scores?page=0&size=20", page(0, 20, 0))
			.problem("GET", "/api/titles/xss-2026/score", 404, problem(404, "No score yet for title 'xss-2026'."));

		String page = html("/dashboard");
		String row = html("/dashboard/titles/xss-2026/row");
		String reviews = html("/dashboard/reviews?titleId=xss-2026");

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
		upstream.json("GET", "/api/titles/the-wire-2002", title("the-wire-2002", "The Wire"))
			.json("GET", "/api/titles/the-wire-2002/score", score("the-wire-2002", 9.44, 4319, 9.1, 91, 96, 3908, 42));

		String row = html("/dashboard/titles/the-wire-2002/row");
		Document parsed = Jsoup.parse("<table>" + row + "</table>");

		assertThat(row.strip()).startsWith("<tr id=\"title-row-the-wire-2002\"").endsWith("</tr>");
		assertThat(row).contains("data-refresh-on=\"title-score:the-wire-2002\"").contains("data-version=\"42\"");
		assertThat(figure(parsed, "the-wire-2002", "average")).isEqualTo("9.4");
		assertThat(figure(parsed, "the-wire-2002", "count")).isEqualTo("4,319");
		assertThat(targets()).containsExactly("/api/titles/the-wire-2002", "/api/titles/the-wire-2002/score");
	}

	@Test
	void aRowWhoseTitleHasNoScoreYetOrCannotBeReadSaysSoInTheRow() throws Exception {
		upstream.json("GET", "/api/titles/ran-1985", title("ran-1985", "Ran"))
			.problem("GET", "/api/titles/ran-1985/score", 404, problem(404, "No score yet for title 'ran-1985'."))
			.hangUp("GET", "/api/titles/heat-1995");

		Document unscored = Jsoup.parse("<table>" + html("/dashboard/titles/ran-1985/row") + "</table>");
		String unreadHtml = html("/dashboard/titles/heat-1995/row");
		Document unread = Jsoup.parse("<table>" + unreadHtml + "</table>");

		assertThat(unscored.selectFirst("#title-row-ran-1985 a").text()).isEqualTo("Ran");
		assertThat(unscored.selectFirst("#title-row-ran-1985 a").attr("href")).isEqualTo("/titles/ran-1985");
		assertThat(unscored.select("#title-row-ran-1985 td.empty")).extracting(Element::text)
			.containsExactly("No ratings or reviews yet.");
		// its name could not be read: the id stands in, and the row says why in the web's words
		assertThat(unread.selectFirst("#title-row-heat-1995 a").text()).isEqualTo("heat-1995");
		assertThat(unread.select("#title-row-heat-1995 td.problem")).extracting(Element::text)
			.containsExactly("review-intake is not answering just now; try again in a moment.");
		assertThat(unreadHtml).contains("data-refresh-on=\"title-score:heat-1995\"");
	}

	@Test
	void theMostHelpfulReviewsOfTheChosenTitle() throws Exception {
		upstream.json("GET", "/api/titles/the-wire-2002", title("the-wire-2002", "The Wire"))
			.json("GET", "/api/titles/the-wire-2002/reviews?type=USER&sort=helpful&size=5",
					page(0, 5, 2, review("Omar comes for the king", "kima", 9, 1046, 1203),
							review("Slow start", "bunk", 4, 0, 0)))
			.json("GET", "/api/titles/ran-1985", title("ran-1985", "Ran"))
			.json("GET", "/api/titles/ran-1985/reviews?type=USER&sort=helpful&size=5", page(0, 5, 0))
			.problem("GET", "/api/titles/nope-1999", 404, problem(404, "There is no title 'nope-1999'."));

		Document reviews = parse(html("/dashboard/reviews?titleId=the-wire-2002"));
		Document none = parse(html("/dashboard/reviews?titleId=ran-1985"));
		Document unknown = parse(html("/dashboard/reviews?titleId=nope-1999"));

		assertThat(reviews.selectFirst("#dashboard-reviews-heading").text())
			.isEqualTo("Most helpful reviews of The Wire");
		assertThat(reviews.selectFirst("#dashboard-reviews-heading a").attr("href")).isEqualTo("/titles/the-wire-2002");
		List<Element> items = reviews.select("ol.helpful-reviews > li");
		assertThat(items).hasSize(2);
		assertThat(items.get(0).selectFirst("strong.rating").text()).isEqualTo("9/10");
		assertThat(items.get(0).selectFirst(".author").text()).isEqualTo("kima");
		assertThat(items.get(0).selectFirst("h3 a").text()).isEqualTo("Omar comes for the king");
		assertThat(items.get(0).selectFirst("time").text()).isEqualTo("3 December 2026");
		assertThat(items.get(0).selectFirst("p.helpfulness").text())
			.isEqualTo("1,046 of 1,203 people found this review helpful");
		assertThat(items.get(1).selectFirst("strong.rating").text()).isEqualTo("4/10");
		assertThat(items.get(1).selectFirst("p.helpfulness").text())
			.isEqualTo("Nobody has said yet whether this review is helpful.");
		assertThat(reviews.text()).doesNotContain("The body is not shown");
		assertThat(none.selectFirst("p.empty").text()).isEqualTo("No user reviews of this title yet.");
		// review-intake's own words, read from its problem document
		assertThat(unknown.select("p.problem[role=alert]")).extracting(Element::text)
			.containsExactly("There is no title 'nope-1999'.");
		assertThat(targets()).containsExactly("/api/titles/the-wire-2002",
				"/api/titles/the-wire-2002/reviews?type=USER&sort=helpful&size=5", "/api/titles/ran-1985",
				"/api/titles/ran-1985/reviews?type=USER&sort=helpful&size=5", "/api/titles/nope-1999");
	}

	@Test
	void aModeratorSeesTheQueueRefreshedEveryTenSeconds() throws Exception {
		twoTitles();
		upstream.json("GET", "/api/titles/scores?page=0&size=20", page(0, 20, 0));
		String oldest = "0e9b6f62-4f0a-4b8e-9d3c-5a4e2f1c7b80";
		upstream.json("GET", "/api/moderation/queue", """
				{"open":1207,"claimed":5,"oldestOpenSince":"2026-12-02T06:48:00Z","oldestOpenCaseId":"%s",
				 "asOf":"2026-12-02T11:35:30Z"}""".formatted(oldest));
		String moderator = token("mod-1", "MODERATOR");

		String page = html("/dashboard", moderator);
		Document queue = parse(html("/dashboard/queue", moderator));

		assertThat(page).contains("id=\"dashboard-queue\" class=\"panel\" aria-labelledby=\"dashboard-queue-heading\" "
				+ "hx-get=\"/dashboard/queue\" hx-trigger=\"load, every 10s\"")
			.doesNotContain("sign in</a> with the MODERATOR");
		assertThat(queue.selectFirst("#dashboard-queue-open").text()).isEqualTo("1,207");
		assertThat(queue.selectFirst("#dashboard-queue-claimed").text()).isEqualTo("5");
		Element since = queue.selectFirst("#dashboard-queue-oldest");
		assertThat(since.text()).startsWith("The oldest open case has waited 4 h 47 min, since 2 Dec 2026, 06:48 UTC:");
		assertThat(since.selectFirst("strong").text()).isEqualTo("4 h 47 min");
		assertThat(since.selectFirst("time").attr("datetime")).isEqualTo("2026-12-02T06:48:00Z");
		assertThat(since.selectFirst("a").attr("href")).isEqualTo("/moderation/cases/" + oldest);
		assertThat(since.selectFirst("a").text()).isEqualTo("open the case");
		assertThat(queue.selectFirst("p.muted span").text()).isEqualTo("11:35:30 UTC");
		// asked with the moderator's own token: moderation decides
		assertThat(upstream.requests()).filteredOn(request -> request.target().equals("/api/moderation/queue"))
			.singleElement()
			.satisfies(request -> assertThat(request.authorization()).isEqualTo("Bearer " + moderator));
	}

	@Test
	void anEmptyQueueSaysNothingWaits() throws Exception {
		upstream.json("GET", "/api/moderation/queue", """
				{"open":0,"claimed":3,"oldestOpenSince":null,"oldestOpenCaseId":null,"asOf":"2026-12-02T11:35:30Z"}""");

		Document queue = parse(html("/dashboard/queue", token("admin", "ADMIN")));

		assertThat(queue.selectFirst("#dashboard-queue-open").text()).isEqualTo("0");
		assertThat(queue.selectFirst("#dashboard-queue-claimed").text()).isEqualTo("3");
		assertThat(queue.selectFirst("#dashboard-queue-oldest").text()).isEqualTo("No case is waiting.");
	}

	@Test
	void everyoneElseIsToldTheQueueNeedsAModeratorSignIn() throws Exception {
		twoTitles();
		upstream.json("GET", "/api/titles/scores?page=0&size=20", page(0, 20, 0));
		String words = "is shown to moderators: <a href=\"/login\">sign in</a> with the MODERATOR or ADMIN role to see it.";

		String anonymous = html("/dashboard");
		String user = html("/dashboard", token("alice", "USER"));
		String panel = html("/dashboard/queue", token("alice", "USER"));

		assertThat(anonymous).contains(words).doesNotContain("hx-get=\"/dashboard/queue\"");
		assertThat(user).contains(words).doesNotContain("hx-get=\"/dashboard/queue\"");
		assertThat(panel).contains(words);
		assertThat(targets()).doesNotContain("/api/moderation/queue");
	}

	@Test
	void aQueueRefusedByModerationSaysWhyInThePanel() throws Exception {
		upstream.problem("GET", "/api/moderation/queue", 401,
				problem(401, "The bearer token was not accepted: Jwt expired at 2026-12-02T09:00:00Z"));

		Document queue = parse(html("/dashboard/queue", token("mod-1", "MODERATOR")));

		// the web's hint for a 401 around moderation's own words
		assertThat(queue.select("p.problem[role=alert]")).extracting(Element::text).containsExactly(
				"Your sign-in is missing or has expired: sign in again. "
						+ "(The bearer token was not accepted: Jwt expired at 2026-12-02T09:00:00Z)");
		assertThat(queue.select("#dashboard-queue-open")).isEmpty();
	}
}
