package dev.reviewflow.web.moderation;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import dev.reviewflow.web.PageSliceTests;
import dev.reviewflow.web.Upstream;
import org.jspecify.annotations.Nullable;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

/** {@code /moderation}: the queue as moderation orders it, its filters in the address, and who may not see it. */
@ConsoleSlice(ModerationQueue.class)
class ModerationQueueTests extends PageSliceTests {

	static final String MODERATOR = Console.token("mod-5", "MODERATOR");

	static final UUID FIRST = UUID.fromString("00000000-0000-0000-0000-0000000000a1");

	static final UUID SECOND = UUID.fromString("00000000-0000-0000-0000-0000000000a2");

	static final JsonMapper JSON = JsonMapper.builder().build();

	Console console;

	@BeforeEach
	void services() {
		console = new Console(mvc, upstream);
	}

	/** A case as moderation's queue lists it. */
	static String caseView(UUID caseId, String kind, String status, double priority, String headline,
			Instant openedAt, @Nullable String claimedBy) {
		return """
				{"caseId":"%s","reviewId":"%s","titleId":"%s","authorId":"promo-poster","headline":%s,"kind":"%s",
				 "status":"%s","priority":%s,"weight":%s,"reasons":["SPAM","LINKS"],"statement":null,"openedAt":"%s",
				 "claimedBy":%s,"claimExpiresAt":%s,"resolvedAt":null,"resolvedBy":null,"action":null,
				 "resolution":null,"policyVersion":null}"""
			.formatted(caseId, UUID.randomUUID(), Console.TITLE_ID, JSON.writeValueAsString(headline), kind, status,
					priority, priority, openedAt, claimedBy == null ? "null" : "\"" + claimedBy + "\"",
					claimedBy == null ? "null" : "\"2026-12-02T10:30:00Z\"");
	}

	static String page(int page, long total, String... items) {
		return """
				{"items":[%s],"page":%d,"size":20,"totalItems":%d}""".formatted(String.join(",", items), page, total);
	}

	@Test
	void theCasesInModerationsOrderWithTheirFigures() throws Exception {
		Instant fiveHoursAgo = Instant.now().minus(Duration.ofHours(5)).minusSeconds(30);
		Instant twoDaysAgo = Instant.now().minus(Duration.ofDays(2)).minusSeconds(30);
		// moderation's order (priority) is kept even where the page would sort otherwise
		upstream.json("GET", "/api/moderation/cases?page=0&size=20",
				page(0, 2, caseView(FIRST, "APPEAL", "CLAIMED", 1.04, "Please look again", twoDaysAgo, "mod-2"),
						caseView(SECOND, "REPORTED", "OPEN", 2.71, "Tickets at half price", fiveHoursAgo, null)));

		Console.Answer queue = console.htmx(get("/moderation"), MODERATOR);

		assertThat(queue.status()).isEqualTo(200);
		List<Element> rows = queue.page().select("#queue tbody tr.case-row");
		assertThat(rows).extracting(row -> row.attr("data-case-id")).containsExactly(FIRST.toString(),
				SECOND.toString());
		assertThat(rows.get(0).select(".priority").text()).isEqualTo("1.0");
		assertThat(rows.get(0).select(".kind").text()).isEqualTo("APPEAL");
		assertThat(rows.get(0).select(".status").text()).isEqualTo("CLAIMED");
		assertThat(rows.get(0).select(".claimed-by").text()).isEqualTo("mod-2");
		assertThat(rows.get(0).select(".claimed-by + .review-meta").text()).isEqualTo("until 2 Dec 2026, 10:30 UTC");
		assertThat(rows.get(0).select("time").text()).isEqualTo("2 days");
		assertThat(rows.get(1).select(".priority").text()).isEqualTo("2.7");
		assertThat(rows.get(1).select("time").text()).isEqualTo("5 hours");
		assertThat(rows.get(1).select("td[data-label=Title]").text()).isEqualTo(Console.TITLE_NAME);
		assertThat(rows.get(1).text()).contains("by promo-poster", "SPAM, LINKS");
		assertThat(rows.get(1).select("a.case-link").attr("href")).isEqualTo("/moderation/cases/" + SECOND);
		assertThat(rows.get(1).select("a.case-link").text()).isEqualTo("Tickets at half price");
		assertThat(queue.text("p.muted")).contains("2 cases, highest priority first");
		assertThat(queue.page().select("#policy-link").attr("href")).isEqualTo("/moderation/policy");
		assertThat(queue.page().select("nav.pages")).isEmpty();
		// the queue asked with the moderator's token; the title's name is public and read once, without it
		assertThat(console.requests()).extracting(Upstream.Request::target)
			.containsExactly("/api/moderation/cases?page=0&size=20", "/api/titles/" + Console.TITLE_ID);
		assertThat(console.requests()).extracting(Upstream.Request::authorization).containsExactly(MODERATOR, null);
	}

	@Test
	void theFiltersGoToModerationAndStayInTheFormAndThePagesLinks() throws Exception {
		upstream.json("GET", "/api/moderation/cases?status=OPEN&kind=APPEAL&page=1&size=20",
				page(1, 45, caseView(FIRST, "APPEAL", "OPEN", 1.0, "Please", Instant.now(), null)));

		Console.Answer queue = console.htmx(get("/moderation").param("kind", "APPEAL").param("status", "OPEN")
			.param("page", "1"), MODERATOR);

		assertThat(queue.page().select("#queue-filters").attr("method")).isEqualTo("get");
		assertThat(queue.page().select("#queue-filters").attr("action")).isEqualTo("/moderation");
		assertThat(queue.page().select("label[for=filter-kind]").text()).isEqualTo("Kind");
		assertThat(queue.page().select("label[for=filter-status]").text()).isEqualTo("Status");
		assertThat(queue.page().select("#filter-kind option[selected]").val()).isEqualTo("APPEAL");
		assertThat(queue.page().select("#filter-status option[selected]").val()).isEqualTo("OPEN");
		assertThat(queue.page().select("#queue-previous").attr("href"))
			.isEqualTo("/moderation?kind=APPEAL&status=OPEN&page=0");
		assertThat(queue.page().select("#queue-next").attr("href"))
			.isEqualTo("/moderation?kind=APPEAL&status=OPEN&page=2");
		assertThat(queue.text("nav.pages")).contains("Page 2 of 3");
		assertThat(queue.page().select("#queue tbody tr.case-row")).hasSize(1);
	}

	@Test
	void aFilterModerationDoesNotHaveIsNotPassedOn() throws Exception {
		upstream.json("GET", "/api/moderation/cases?page=0&size=20", page(0, 0));

		Console.Answer queue = console.htmx(get("/moderation").param("kind", "<b>WHATEVER</b>"), MODERATOR);

		assertThat(queue.page().select("#filter-kind option[selected]").val()).isEmpty();
		assertThat(queue.text("#queue-empty")).isEqualTo("The queue is empty: no cases yet.");
		assertThat(console.requests()).extracting(Upstream.Request::target)
			.containsExactly("/api/moderation/cases?page=0&size=20");
	}

	@Test
	void anEmptyQueueUnderFiltersSaysSo() throws Exception {
		upstream.json("GET", "/api/moderation/cases?status=RESOLVED&page=0&size=20", page(0, 0));

		Console.Answer queue = console.htmx(get("/moderation").param("status", "RESOLVED"), MODERATOR);

		assertThat(queue.text("#queue-empty")).isEqualTo("No cases match these filters.");
		assertThat(queue.page().select("#queue")).isEmpty();
	}

	@Test
	void aUserIsToldInWordsThatTheConsoleNeedsAModeratorSignIn() throws Exception {
		String user = Console.token("alice", "USER");
		upstream.problem("GET", "/api/moderation/cases?page=0&size=20", 403,
				problem(403, "Your roles do not allow this action."));

		Console.Answer queue = console.htmx(get("/moderation"), user);

		assertThat(queue.status()).isEqualTo(200);
		assertThat(queue.text("#needs-sign-in h1")).isEqualTo("The moderator console needs a MODERATOR sign-in");
		assertThat(queue.text("#needs-sign-in")).contains("You are signed in without the MODERATOR role",
				"Moderation said: Your roles do not allow this action.");
		assertThat(queue.page().select("#sign-in-link").attr("href")).isEqualTo("/login?next=/moderation");
		assertThat(queue.page().select("#queue")).isEmpty();
		// moderation, not the page, said no: it was asked, with the user's token
		assertThat(console.requests()).singleElement()
			.satisfies(request -> assertThat(request.authorization()).isEqualTo(user));
	}

	@Test
	void aVisitorWhoIsNotSignedInIsToldToSignIn() throws Exception {
		upstream.problem("GET", "/api/moderation/cases?page=0&size=20", 401,
				problem(401, "This endpoint needs a bearer token: send 'Authorization: Bearer <JWT>'."));

		Console.Answer queue = console.htmx(get("/moderation"), null);

		assertThat(queue.text("#needs-sign-in")).contains("needs a MODERATOR sign-in",
				"You are not signed in, or your sign-in has expired.");
		// the web's hint for a 401 around moderation's own words
		assertThat(queue.text("#needs-sign-in p.muted")).isEqualTo("Moderation said: Your sign-in is missing or has "
				+ "expired: sign in again. (This endpoint needs a bearer token: send 'Authorization: Bearer <JWT>'.)");
		assertThat(queue.page().select("#sign-in-link").attr("href")).isEqualTo("/login?next=/moderation");
		assertThat(console.requests()).singleElement()
			.satisfies(request -> assertThat(request.authorization()).isNull());
	}

	@Test
	void whatUsersWroteIsShownAsText() throws Exception {
		upstream.json("GET", "/api/moderation/cases?page=0&size=20", page(0, 1,
				caseView(FIRST, "REPORTED", "OPEN", 3.0, "<script>alert('x')</script><b>bold</b>", Instant.now(), null)));

		Console.Answer queue = console.htmx(get("/moderation"), MODERATOR);

		assertThat(queue.html()).doesNotContain("<script>alert").doesNotContain("<b>bold</b>");
		assertThat(queue.html()).contains("&lt;script&gt;alert");
		assertThat(queue.page().select("a.case-link").text()).isEqualTo("<script>alert('x')</script><b>bold</b>");
	}
}
