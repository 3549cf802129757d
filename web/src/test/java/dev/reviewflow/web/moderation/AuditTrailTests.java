package dev.reviewflow.web.moderation;

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
import static org.mockito.BDDMockito.given;
import static org.mockito.BDDMockito.willThrow;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

/** {@code /moderation/audit?reviewId=…}: a review's audit trail as moderation serves it, newest first. */
@ConsoleSlice(AuditTrail.class)
class AuditTrailTests {

	static final String MODERATOR = Console.token("mod-1", "MODERATOR");

	static final UUID REVIEW = UUID.fromString("5f0c6f8e-8d1e-4c55-9a43-0d3c1c1a0002");

	static final UUID CASE = UUID.fromString("5f0c6f8e-8d1e-4c55-9a43-0d3c1c1a0001");

	@Autowired
	MockMvc mvc;

	@MockitoBean
	Apis apis;

	Console console;

	@BeforeEach
	void services() {
		console = new Console(mvc, apis);
	}

	@Test
	void theTrailNewestFirstAsATable() throws Exception {
		given(console.moderation.get(MODERATOR, AuditTrail.ENTRIES,
				"/api/moderation/audit?reviewId=" + REVIEW + "&page=1&size=50"))
			.willReturn(new Page<>(List.of(
					new AuditEntry(7, Instant.parse("2026-12-02T09:15:00Z"), "MODERATOR", "mod-1", "DECIDED", REVIEW,
							CASE, 2, List.of("Spam for tickets."), "revision 2 → REMOVED"),
					new AuditEntry(6, Instant.parse("2026-12-02T09:00:00Z"), "MODERATOR", "mod-1", "CLAIMED", REVIEW,
							CASE, 2, List.of(), null),
					new AuditEntry(3, Instant.parse("2026-12-01T08:00:00Z"), "AUTOMATIC", null, "CASE_OPENED", REVIEW,
							CASE, 1, List.of("SPAM", "ABUSIVE"), "REPORTED")),
					1, 50, 103));

		Console.Answer audit = console.htmx(get("/moderation/audit").param("reviewId", REVIEW.toString())
			.param("page", "1"), MODERATOR);

		assertThat(audit.text("h1")).isEqualTo("Audit trail of a review");
		assertThat(audit.page().select("#audit-review").val()).isEqualTo(REVIEW.toString());
		assertThat(audit.page().select("#audit tbody tr.audit-row")).extracting(Element::text).containsExactly(
				"2 Dec 2026, 09:15 UTC mod-1 (MODERATOR) DECIDED Spam for tickets. revision 2 → REMOVED case v2",
				"2 Dec 2026, 09:00 UTC mod-1 (MODERATOR) CLAIMED – – case v2",
				"1 Dec 2026, 08:00 UTC AUTOMATIC CASE_OPENED SPAM; ABUSIVE REPORTED case v1");
		assertThat(audit.page().select("#audit tbody tr.audit-row a").first().attr("href"))
			.isEqualTo("/moderation/cases/" + CASE);
		assertThat(audit.text("p.muted")).isEqualTo("103 entries, newest first.");
		assertThat(audit.page().select("#audit-previous").attr("href"))
			.isEqualTo("/moderation/audit?reviewId=" + REVIEW + "&page=0");
		assertThat(audit.page().select("#audit-next").attr("href"))
			.isEqualTo("/moderation/audit?reviewId=" + REVIEW + "&page=2");
		assertThat(audit.page().select("#queue-link").attr("href")).isEqualTo("/moderation");
	}

	@Test
	void aReviewWithNothingRecordedSaysSo() throws Exception {
		given(console.moderation.get(MODERATOR, AuditTrail.ENTRIES,
				"/api/moderation/audit?reviewId=" + REVIEW + "&page=0&size=50"))
			.willReturn(new Page<>(List.of(), 0, 50, 0));

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
		verifyNoInteractions(console.moderation);
	}

	@Test
	void aUserIsToldTheTrailNeedsAModeratorSignIn() throws Exception {
		String user = Console.token("alice", "USER");
		willThrow(TestRefusals.refusal("moderation", 403, "Your roles do not allow this action."))
			.given(console.moderation)
			.get(user, AuditTrail.ENTRIES, "/api/moderation/audit?reviewId=" + REVIEW + "&page=0&size=50");

		Console.Answer audit = console.htmx(get("/moderation/audit").param("reviewId", REVIEW.toString()), user);

		assertThat(audit.text("#needs-sign-in h1")).isEqualTo("The moderator console needs a MODERATOR sign-in");
		assertThat(audit.page().select("#sign-in-link").attr("href"))
			.isEqualTo("/login?next=/moderation/audit?reviewId%3D" + REVIEW);
	}
}
