package dev.reviewflow.web.titles;

import dev.reviewflow.web.PageSliceTest;
import dev.reviewflow.web.PageSliceTests;
import dev.reviewflow.web.Upstream;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpMethod;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

@PageSliceTest({ TitlePage.class, ReviewActions.class, MyReview.class })
class TitlePageTests extends PageSliceTests {

	static final String REVIEW = "0614db2f-e3fe-43eb-9ef4-3c7013149556";

	static final String TITLE_JSON = """
			{"titleId":"the-wire-2002","name":"The Wire & <Co>","year":2002,"kind":"SERIES"}""";

	/**
	 * A score whose figures are all unlike the templates' placeholders and unlike one another (the user rating counts
	 * more ratings than the audience score does), so a figure left out or swapped shows.
	 */
	static final String SCORE_JSON = """
			{"titleId":"the-wire-2002","userRating":{"average":8.2666,"count":3418,"weighted":8.04,
			 "histogram":[1,2,3,4,5,6,7,8,9,3373]},"audienceScore":{"percent":64,"count":3107},
			 "criticScore":{"percent":81,"fresh":17,"rotten":4,"count":21,
			 "topCritics":{"percent":75,"fresh":3,"rotten":1,"count":4}},
			 "reviewCounts":{"user":1,"critic":0},"updatedAt":"2026-12-01T10:00:00Z","version":7}""";

	static String reviews(String items, int total) {
		return "{\"items\":[" + items + "],\"page\":0,\"size\":10,\"totalItems\":" + total + "}";
	}

	static final String REVIEW_JSON = """
			{"reviewId":"%s","titleId":"the-wire-2002","authorId":"alice","type":"USER","revision":1,"rating":9,
			 "verdict":null,"publication":null,"topCritic":false,"headline":"<b>All</b> the pieces",
			 "body":"Omar comes back.","containsSpoilers":true,"status":"PUBLISHED","helpfulVotes":318,"totalVotes":402,
			 "createdAt":"2026-11-30T12:00:00Z","editedAt":null}""".formatted(REVIEW);

	void titleWithOneReview() {
		upstream.json("GET", "/api/titles/the-wire-2002", TITLE_JSON)
			.json("GET", "/api/titles/the-wire-2002/reviews?type=CRITIC&sort=helpful&size=5", reviews("", 0))
			.json("GET", "/api/titles/the-wire-2002/reviews?type=USER&sort=helpful&page=0&size=10",
					reviews(REVIEW_JSON, 1))
			.json("GET", "/api/titles/the-wire-2002/score", SCORE_JSON);
	}

	@Test
	void aBrowserGetsTheShellThatLoadsTheContentWithItsToken() throws Exception {
		String shell = mvc.perform(get("/titles/the-wire-2002?sort=newest"))
			.andExpect(status().isOk())
			.andExpect(header().string("Vary", "HX-Request"))
			.andExpect(header().string("Content-Security-Policy", org.hamcrest.Matchers.containsString("script-src 'self';")))
			.andReturn().getResponse().getContentAsString();
		assertThat(shell).contains("hx-get=\"/titles/the-wire-2002?sort=newest\"", "<script src=\"/app.js\" defer>")
			.doesNotContainPattern("<script(?![^>]*\\ssrc=)[^>]*>")
			.doesNotContainPattern("\\sstyle\\s*=");
	}

	@Test
	void theTitleShowsItsFiguresAsPeopleReadThemAndItsReviewsAsText() throws Exception {
		titleWithOneReview();
		String page = mvc.perform(htmx(HttpMethod.GET, "/titles/the-wire-2002"))
			.andExpect(status().isOk())
			.andReturn().getResponse().getContentAsString();
		assertThat(page).contains("<title>The Wire &amp; &lt;Co&gt; (2002) — reviewflow</title>", "TV series",
				"<span>8.3</span><small>/10</small>", "<span data-figure=\"count\">3,418</span> ratings",
				"Weighted rating: <strong data-figure=\"weighted\">8.0</strong>",
				"data-figure=\"tomatometer\">81%", "<span>17</span> fresh", "<span>4</span> rotten",
				"data-figure=\"top-critics\">75%", "<span class=\"muted\">(4 reviews)</span>",
				"data-figure=\"audience\">64%", "<span>3,107</span> ratings",
				"No critic reviews yet.", "&lt;b&gt;All&lt;/b&gt; the pieces",
				"318 of 402 people found this review helpful",
				"data-live=\"/live/scores?titleId=the-wire-2002&amp;reviewId=" + REVIEW + "\"")
			.doesNotContain("<b>All</b>");
		// a spoiler hides the body until the reader opens it
		assertThat(page).containsPattern("(?s)<details class=\"spoiler\">\\s*<summary>[^<]*</summary>\\s*"
				+ "<p class=\"review-body\">Omar comes back.</p>");
		assertThat(upstream.requests()).allMatch(request -> request.authorization() == null);
	}

	@Test
	void aTitleNobodyHasRatedSaysSoAndAnUnknownTitleIsNotFound() throws Exception {
		upstream.json("GET", "/api/titles/the-wire-2002", TITLE_JSON)
			.json("GET", "/api/titles/the-wire-2002/reviews?type=CRITIC&sort=helpful&size=5", reviews("", 0))
			.json("GET", "/api/titles/the-wire-2002/reviews?type=USER&sort=helpful&page=0&size=10", reviews("", 0));
		assertThat(mvc.perform(htmx(HttpMethod.GET, "/titles/the-wire-2002")).andExpect(status().isOk())
			.andReturn().getResponse().getContentAsString())
			.contains("No ratings or reviews yet.", "No user reviews yet. Be the first.");

		upstream.problem("GET", "/api/titles/nothing-1999", 404,
				"{\"status\":404,\"detail\":\"No title 'nothing-1999'.\"}");
		mvc.perform(htmx(HttpMethod.GET, "/titles/nothing-1999"))
			.andExpect(status().isNotFound())
			.andExpect(content().string(org.hamcrest.Matchers.containsString("No title &#39;nothing-1999&#39;.")));
	}

	@Test
	void aVoteGoesToModerationWithTheViewersTokenAndARefusalIsShownInWords() throws Exception {
		String token = token("bob", "USER");
		upstream.answer("PUT", "/api/reviews/" + REVIEW + "/vote", 202, "application/json", "{}");
		mvc.perform(htmx(HttpMethod.PUT, "/reviews/" + REVIEW + "/vote", token).param("helpful", "true"))
			.andExpect(status().isOk())
			.andExpect(content().string(org.hamcrest.Matchers.containsString("Thanks: you found it helpful.")));
		Upstream.Request vote = upstream.requests().getLast();
		assertThat(vote.authorization()).isEqualTo("Bearer " + token);
		assertThat(vote.body()).isEqualTo("{\"helpful\":true}");

		upstream.problem("PUT", "/api/reviews/" + REVIEW + "/vote", 401,
				"{\"status\":401,\"detail\":\"The token has expired.\"}");
		mvc.perform(htmx(HttpMethod.PUT, "/reviews/" + REVIEW + "/vote", token).param("helpful", "false"))
			.andExpect(content().string(org.hamcrest.Matchers.containsString(
					"Your sign-in is missing or has expired: sign in again. (The token has expired.)")));
	}

	@Test
	void aReportWithoutAReasonShowsTheServicesWordsNextToTheReason() throws Exception {
		upstream.problem("POST", "/api/reviews/" + REVIEW + "/reports", 400, """
				{"status":400,"detail":"The request has 1 invalid field(s): reason must not be null",
				 "errors":[{"field":"reason","message":"must not be null"}]}""");
		String form = mvc.perform(htmx(HttpMethod.POST, "/reviews/" + REVIEW + "/reports", token("carol", "USER"))
			.param("reason", "").param("note", "<i>see</i> the end"))
			.andReturn().getResponse().getContentAsString();
		assertThat(form).containsPattern("(?s)name=\"reason\".*<span class=\"field-error\">must not be null</span>")
			.contains("&lt;i&gt;see&lt;/i&gt; the end</textarea>");
		assertThat(upstream.requests().getLast().body()).isEqualTo("{\"reason\":null,\"note\":\"<i>see</i> the end\"}");
	}

	@Test
	void aSignedOutVisitorIsAskedToSignInAndARefusedReviewKeepsWhatWasTyped() throws Exception {
		assertThat(mvc.perform(htmx(HttpMethod.GET, "/titles/the-wire-2002/mine")).andReturn().getResponse()
			.getContentAsString()).contains("<a href=\"/login\">Sign in</a> to review or rate this title.");

		String token = token("alice", "USER");
		upstream.json("GET", "/api/me/reviews?titleId=the-wire-2002&size=1", reviews("", 0))
			.problem("GET", "/api/titles/the-wire-2002/rating", 404, "{\"status\":404,\"detail\":\"Not rated.\"}")
			.problem("POST", "/api/titles/the-wire-2002/reviews", 400, """
					{"status":400,"detail":"The request has 1 invalid field(s): headline must not be blank",
					 "errors":[{"field":"headline","message":"must not be blank"}]}""");
		String panel = mvc.perform(htmx(HttpMethod.POST, "/titles/the-wire-2002/reviews", token).param("rating", "7")
			.param("headline", " ").param("body", "Kept as typed <3"))
			.andReturn().getResponse().getContentAsString();
		assertThat(panel).containsPattern("(?s)id=\"review-headline\".*<span class=\"field-error\">must not be blank</span>")
			.contains("Kept as typed &lt;3</textarea>", "<option value=\"7\" selected=\"selected\">7/10</option>");
		assertThat(upstream.requests()).filteredOn(request -> request.method().equals("POST")).singleElement()
			.satisfies(request -> assertThat(request.body())
				.isEqualTo("{\"rating\":7,\"headline\":\" \",\"body\":\"Kept as typed <3\",\"containsSpoilers\":false}"));
	}
}
