package dev.reviewflow.web.moderation;

import java.util.UUID;

import dev.reviewflow.web.PageSliceTests;
import dev.reviewflow.web.Upstream;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

/** {@code /moderation/audit?reviewId=…}: a review's audit trail as moderation serves it, newest first. */
@ConsoleSlice(AuditTrail.class)
class AuditTrailTests extends PageSliceTests {

	static final String MODERATOR = Console.token("mod-5", "MODERATOR");

	static final UUID REVIEW = UUID.fromString("5f0c6f8e-8d1e-4c55-9a43-0d3c1c1a0002");

	static final UUID CASE = UUID.fromString("5f0c6f8e-8d1e-4c55-9a43-0d3c1c1a0001");

	Console console;

	@BeforeEach
	void services() {
		console = new Console(mvc, upstream);
	}

	static String trail(int page, long total, String... entries) {
		return """
				{"items":[%s],"page":%d,"size":50,"totalItems":%d}""".formatted(String.join(",", entries), page, total);
	}

	@Test
	void theTrailNewestFirstAsATable() throws Exception {
		upstream.json("GET", "/api/moderation/audit?reviewId=" + REVIEW + "&page=1&size=50", trail(1, 103, """
				{"entryId":7,"at":"2026-12-02T09:15:00Z","actor":"MODERATOR","actorId":"mod-5","action":"DECIDED",
				 "reviewId":"%1$s","caseId":"%2$s","policyVersion":5,"reasons":["Spam for tickets."],
				 "detail":"revision 2 → REMOVED"}""".formatted(REVIEW, CASE), """
				{"entryId":6,"at":"2026-12-02T09:00:00Z","actor":"MODERATOR","actorId":"mod-5","action":"CLAIMED",
				 "reviewId":"%1$s","caseId":"%2$s","policyVersion":5,"reasons":[],"detail":null}"""
			.formatted(REVIEW, CASE), """
				{"entryId":3,"at":"2026-12-01T08:00:00Z","actor":"AUTOMATIC","actorId":null,"action":"CASE_OPENED",
				 "reviewId":"%1$s","caseId":"%2$s","policyVersion":3,"reasons":["SPAM","ABUSIVE"],"detail":"REPORTED"}"""
			.formatted(REVIEW, CASE)));

		Console.Answer audit = console.htmx(get("/moderation/audit").param("reviewId", REVIEW.toString())
			.param("page", "1"), MODERATOR);

		assertThat(audit.text("h1")).isEqualTo("Audit trail of a review");
		assertThat(audit.page().select("#audit-review").val()).isEqualTo(REVIEW.toString());
		assertThat(audit.page().select("#audit tbody tr.audit-row")).extracting(Element::text).containsExactly(
				"2 Dec 2026, 09:15 UTC mod-5 (MODERATOR) DECIDED Spam for tickets. revision 2 → REMOVED case v5",
				"2 Dec 2026, 09:00 UTC mod-5 (MODERATOR) CLAIMED – – case v5",
				"1 Dec 2026, 08:00 UTC AUTOMATIC CASE_OPENED SPAM; ABUSIVE REPORTED case v3");
		assertThat(audit.page().select("#audit tbody tr.audit-row a").first().attr("href"))
			.isEqualTo("/moderation/cases/" + CASE);
		assertThat(audit.text("p.muted")).isEqualTo("103 entries, newest first.");
		assertThat(audit.page().select("#audit-previous").attr("href"))
			.isEqualTo("/moderation/audit?reviewId=" + REVIEW + "&page=0");
		assertThat(audit.page().select("#audit-next").attr("href"))
			.isEqualTo("/moderation/audit?reviewId=" + REVIEW + "&page=2");
		assertThat(audit.page().select("#queue-link").attr("href")).isEqualTo("/moderation");
		assertThat(console.requests()).singleElement()
			.satisfies(request -> assertThat(request.authorization()).isEqualTo(MODERATOR));
	}

	@Test
	void aReviewWithNothingRecordedSaysSo() throws Exception {
		upstream.json("GET", "/api/moderation/audit?reviewId=" + REVIEW + "&page=0&size=50", trail(0, 0));

		Console.Answer audit = console.htmx(get("/moderation/audit").param("reviewId", REVIEW.toString()), MODERATOR);

		assertThat(audit.text("#audit-empty")).isEqualTo("Nothing is recorded about this review.");
		assertThat(audit.page().select("#audit")).isEmpty();
	}

	@Test
	void somethingThatIsNotAReviewIdIsSaidNextToTheFieldAndNotAsked() throws Exception {
		Console.Answer audit = console.htmx(get("/moderation/audit").param("reviewId", "<b>nope</b>"), MODERATOR);

		assertThat(audit.page().select("#audit-review").first().nextElementSibling().id())
			.isEqualTo("audit-review-error");
		assertThat(audit.text("#audit-review-error")).startsWith("That is not a review id");
		assertThat(audit.page().select("#audit-review").val()).isEqualTo("<b>nope</b>");
		assertThat(audit.html()).doesNotContain("<b>nope</b>");
		assertThat(console.requests()).isEmpty();
	}

	@Test
	void aUserIsToldTheTrailNeedsAModeratorSignIn() throws Exception {
		String user = Console.token("alice", "USER");
		upstream.problem("GET", "/api/moderation/audit?reviewId=" + REVIEW + "&page=0&size=50", 403,
				problem(403, "Your roles do not allow this action."));

		Console.Answer audit = console.htmx(get("/moderation/audit").param("reviewId", REVIEW.toString()), user);

		assertThat(audit.text("#needs-sign-in h1")).isEqualTo("The moderator console needs a MODERATOR sign-in");
		assertThat(audit.page().select("#sign-in-link").attr("href"))
			.isEqualTo("/login?next=/moderation/audit?reviewId%3D" + REVIEW);
		assertThat(console.requests()).extracting(Upstream.Request::authorization).containsExactly(user);
	}
}
