package dev.reviewflow.web.moderation;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import dev.reviewflow.web.api.Page;
import dev.reviewflow.web.api.Services.Apis;
import dev.reviewflow.web.api.TestRefusals;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.BDDMockito.given;
import static org.mockito.BDDMockito.willThrow;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

/** {@code /moderation}: the queue as moderation orders it, its filters in the address, and who may not see it. */
@ConsoleSlice(ModerationQueue.class)
class ModerationQueueTests {

	static final String MODERATOR = Console.token("mod-1", "MODERATOR");

	static final UUID FIRST = UUID.fromString("00000000-0000-0000-0000-0000000000a1");

	static final UUID SECOND = UUID.fromString("00000000-0000-0000-0000-0000000000a2");

	@Autowired
	MockMvc mvc;

	@MockitoBean
	Apis apis;

	Console console;

	@BeforeEach
	void services() {
		console = new Console(mvc, apis);
	}

	static CaseView caseView(UUID caseId, String kind, String status, double priority, String headline,
			Instant openedAt, String claimedBy) {
		return new CaseView(caseId, UUID.randomUUID(), Console.TITLE_ID, "alice", headline, kind, status, priority,
				priority, List.of("SPAM"), null, openedAt, claimedBy,
				claimedBy == null ? null : Instant.parse("2026-12-02T10:30:00Z"), null, null, null, null, null);
	}

	@Test
	void theCasesInModerationsOrderWithTheirFigures() throws Exception {
		Instant threeHoursAgo = Instant.now().minus(Duration.ofHours(3)).minusSeconds(30);
		Instant twoDaysAgo = Instant.now().minus(Duration.ofDays(2)).minusSeconds(30);
		// moderation's order (priority) is kept even where the page would sort otherwise
		given(console.moderation.get(MODERATOR, ModerationQueue.CASES, "/api/moderation/cases?page=0&size=20"))
			.willReturn(new Page<>(List.of(caseView(FIRST, "APPEAL", "CLAIMED", 1.04, "Please look again", twoDaysAgo,
					"mod-2"), caseView(SECOND, "REPORTED", "OPEN", 3.44, "Must see", threeHoursAgo, null)), 0, 20, 2));

		Console.Answer queue = console.htmx(get("/moderation"), MODERATOR);

		assertThat(queue.status()).isEqualTo(200);
		List<Element> rows = queue.page().select("#queue tbody tr.case-row");
		assertThat(rows).extracting(row -> row.attr("data-case-id")).containsExactly(FIRST.toString(),
				SECOND.toString());
		assertThat(rows.get(0).select(".priority").text()).isEqualTo("1.0");
		assertThat(rows.get(0).select(".kind").text()).isEqualTo("APPEAL");
		assertThat(rows.get(0).select(".status").text()).isEqualTo("CLAIMED");
		assertThat(rows.get(0).select(".claimed-by").text()).isEqualTo("mod-2");
		assertThat(rows.get(0).select("time").text()).isEqualTo("2 days");
		assertThat(rows.get(1).select(".priority").text()).isEqualTo("3.4");
		assertThat(rows.get(1).select("time").text()).isEqualTo("3 hours");
		assertThat(rows.get(1).text()).contains("Won't Back Down (2012)", "by alice", "SPAM");
		assertThat(rows.get(1).select("a.case-link").attr("href")).isEqualTo("/moderation/cases/" + SECOND);
		assertThat(rows.get(1).select("a.case-link").text()).isEqualTo("Must see");
		assertThat(queue.text("p.muted")).contains("2 cases, highest priority first");
		assertThat(queue.page().select("#policy-link").attr("href")).isEqualTo("/moderation/policy");
		assertThat(queue.page().select("nav.pages")).isEmpty();
	}

	@Test
	void theFiltersGoToModerationAndStayInTheFormAndThePagesLinks() throws Exception {
		given(console.moderation.get(MODERATOR, ModerationQueue.CASES,
				"/api/moderation/cases?status=OPEN&kind=APPEAL&page=1&size=20"))
			.willReturn(new Page<>(List.of(caseView(FIRST, "APPEAL", "OPEN", 1.0, "Please", Instant.now(), null)), 1,
					20, 45));

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
	}

	@Test
	void aFilterModerationDoesNotHaveIsNotPassedOn() throws Exception {
		given(console.moderation.get(MODERATOR, ModerationQueue.CASES, "/api/moderation/cases?page=0&size=20"))
			.willReturn(new Page<>(List.of(), 0, 20, 0));

		Console.Answer queue = console.htmx(get("/moderation").param("kind", "<b>WHATEVER</b>"), MODERATOR);

		assertThat(queue.page().select("#filter-kind option[selected]").val()).isEmpty();
		assertThat(queue.text("#queue-empty")).isEqualTo("The queue is empty: no cases yet.");
	}

	@Test
	void anEmptyQueueUnderFiltersSaysSo() throws Exception {
		given(console.moderation.get(MODERATOR, ModerationQueue.CASES,
				"/api/moderation/cases?status=RESOLVED&page=0&size=20"))
			.willReturn(new Page<>(List.of(), 0, 20, 0));

		Console.Answer queue = console.htmx(get("/moderation").param("status", "RESOLVED"), MODERATOR);

		assertThat(queue.text("#queue-empty")).isEqualTo("No cases match these filters.");
		assertThat(queue.page().select("#queue")).isEmpty();
	}

	@Test
	void aUserIsToldInWordsThatTheConsoleNeedsAModeratorSignIn() throws Exception {
		String user = Console.token("alice", "USER");
		willThrow(TestRefusals.refusal("moderation", 403, "Your roles do not allow this action."))
			.given(console.moderation)
			.get(any(), any(org.springframework.core.ParameterizedTypeReference.class), anyString());

		Console.Answer queue = console.htmx(get("/moderation"), user);

		assertThat(queue.status()).isEqualTo(200);
		assertThat(queue.text("#needs-sign-in h1")).isEqualTo("The moderator console needs a MODERATOR sign-in");
		assertThat(queue.text("#needs-sign-in")).contains("You are signed in without the MODERATOR role",
				"Your roles do not allow this action.");
		assertThat(queue.page().select("#sign-in-link").attr("href")).isEqualTo("/login?next=/moderation");
		assertThat(queue.page().select("#queue")).isEmpty();
	}

	@Test
	void aVisitorWhoIsNotSignedInIsToldToSignIn() throws Exception {
		willThrow(TestRefusals.refusal("moderation", 401, "This endpoint needs a bearer token."))
			.given(console.moderation)
			.get(any(), any(org.springframework.core.ParameterizedTypeReference.class), anyString());

		Console.Answer queue = console.htmx(get("/moderation"), null);

		assertThat(queue.text("#needs-sign-in")).contains("needs a MODERATOR sign-in",
				"You are not signed in, or your sign-in has expired.");
		assertThat(queue.page().select("#sign-in-link").attr("href")).isEqualTo("/login?next=/moderation");
	}

	@Test
	void whatUsersWroteIsShownAsText() throws Exception {
		given(console.moderation.get(MODERATOR, ModerationQueue.CASES, "/api/moderation/cases?page=0&size=20"))
			.willReturn(new Page<>(List.of(caseView(FIRST, "REPORTED", "OPEN", 3.0,
					"<script>alert('x')</script><b>bold</b>", Instant.now(), null)), 0, 20, 1));

		Console.Answer queue = console.htmx(get("/moderation"), MODERATOR);

		assertThat(queue.html()).doesNotContain("<script>alert").doesNotContain("<b>bold</b>");
		assertThat(queue.html()).contains("&lt;script&gt;alert");
		assertThat(queue.page().select("a.case-link").text()).isEqualTo("<script>alert('x')</script><b>bold</b>");
	}
}
