package dev.reviewflow.moderation.report.web;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import dev.reviewflow.devtokens.DevelopmentTokens;
import dev.reviewflow.events.ReportReason;
import dev.reviewflow.moderation.policy.ModerationProperties;
import dev.reviewflow.moderation.report.OwnReviewReport;
import dev.reviewflow.moderation.report.ReportDismissedBefore;
import dev.reviewflow.moderation.report.ReportOutcome;
import dev.reviewflow.moderation.report.ReportQueries;
import dev.reviewflow.moderation.report.ReportView;
import dev.reviewflow.moderation.report.Reporting;
import dev.reviewflow.moderation.review.UnknownReview;
import dev.reviewflow.testsupport.Http;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.isNull;
import static org.mockito.BDDMockito.given;
import static org.mockito.BDDMockito.willThrow;

/** The report feature's HTTP shape in a web slice, with its services replaced. */
@WebMvcTest(controllers = ReportController.class, properties = DevelopmentTokens.SERVICE_PROPERTY)
@EnableConfigurationProperties(ModerationProperties.class)
class ReportWebTests {

	static final DevelopmentTokens TOKENS = DevelopmentTokens.local();

	static final Instant NOW = Instant.parse("2026-11-20T10:00:00Z");

	@Autowired
	MockMvc mvc;

	@MockitoBean
	Reporting reporting;

	@MockitoBean
	ReportQueries reports;

	final UUID reviewId = UUID.randomUUID();

	Http bob() {
		return Http.over(mvc).as(TOKENS.mint("bob", "USER"));
	}

	ReportView view(String note) {
		return new ReportView(UUID.randomUUID(), reviewId, "dune-2021", ReportReason.SPAM, note, NOW,
				ReportOutcome.OPEN, null);
	}

	@Test
	void aNewReportIsAcceptedAndPointsToTheReportersList() {
		ReportView filed = view("spam links");
		given(reporting.report(reviewId, "bob", ReportReason.SPAM, "spam links"))
			.willReturn(new Reporting.Filed(filed, true));

		Http.Response accepted = bob().post("/api/reviews/" + reviewId + "/reports",
				"{\"reason\":\"SPAM\",\"note\":\"  spam links \"}");

		assertThat(accepted.status()).as(accepted.toString()).isEqualTo(202);
		assertThat(accepted.location()).isEqualTo("/api/me/reports");
		assertThat(accepted.json().get("reportId").asString()).isEqualTo(filed.reportId().toString());
		assertThat(accepted.json().get("outcome").asString()).isEqualTo("OPEN");
	}

	@Test
	void theSameReporterAgainGetsTheirOpenReportWithOk() {
		ReportView open = view(null);
		given(reporting.report(any(), any(), any(), isNull())).willReturn(new Reporting.Filed(open, false));

		Http.Response again = bob().post("/api/reviews/" + reviewId + "/reports", "{\"reason\":\"SPAM\",\"note\":\" \"}");

		assertThat(again.status()).isEqualTo(200);
		assertThat(again.json().get("reportId").asString()).isEqualTo(open.reportId().toString());
	}

	@Test
	void eachRefusalIsTheProblemClientsKnow() {
		willThrow(new OwnReviewReport()).given(reporting).report(reviewId, "bob", ReportReason.SPAM, null);
		UUID dismissed = UUID.randomUUID();
		willThrow(new ReportDismissedBefore()).given(reporting).report(dismissed, "bob", ReportReason.SPAM, null);
		UUID hidden = UUID.randomUUID();
		willThrow(new UnknownReview(hidden)).given(reporting).report(hidden, "bob", ReportReason.SPAM, null);

		Http.Response own = bob().post("/api/reviews/" + reviewId + "/reports", "{\"reason\":\"SPAM\"}");
		Http.Response again = bob().post("/api/reviews/" + dismissed + "/reports", "{\"reason\":\"SPAM\"}");
		Http.Response unknown = bob().post("/api/reviews/" + hidden + "/reports", "{\"reason\":\"SPAM\"}");

		assertThat(List.of(own.status(), again.status(), unknown.status())).containsExactly(403, 409, 404);
		assertThat(List.of(own, again, unknown)).allMatch(Http.Response::isProblem);
		assertThat(own.json().get("detail").asString()).isEqualTo("You cannot report your own review.");
		assertThat(again.json().get("detail").asString()).isEqualTo(
				"Moderators looked at this review after your report and kept it; you cannot report it again.");
		assertThat(unknown.json().get("title").asString()).isEqualTo("Not found");
		assertThat(unknown.json().get("detail").asString()).isEqualTo("There is no review " + hidden + ".");
	}

	@Test
	void theReportersListIsAPage() {
		given(reports.of("bob", 20, 10)).willReturn(List.of(view(null)));
		given(reports.count("bob")).willReturn(11L);

		Http.Response page = bob().get("/api/me/reports?page=2&size=10");

		assertThat(page.status()).isEqualTo(200);
		assertThat(page.json().get("items")).hasSize(1);
		assertThat(page.json().get("totalItems").asLong()).isEqualTo(11);
	}
}
