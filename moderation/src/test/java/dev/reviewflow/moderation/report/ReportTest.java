package dev.reviewflow.moderation.report;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import dev.reviewflow.events.ReportReason;
import dev.reviewflow.events.ReviewStatus;
import dev.reviewflow.moderation.cases.CaseAction;
import dev.reviewflow.moderation.review.KnownReview;
import dev.reviewflow.moderation.review.UnknownReview;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A report's rules and life, without Spring, broker or database. */
class ReportTest {

	static final Instant T0 = Instant.parse("2026-11-20T10:00:00Z");

	static final KnownReview PUBLISHED = new KnownReview(UUID.randomUUID(), "dune-2021", "alice", 1,
			ReviewStatus.PUBLISHED, 0);

	static Report file(KnownReview review, String reporter, List<Report> earlier) {
		return Report.file(review, reporter, ReportReason.SPAM, "spam", earlier, 0.5, null, T0);
	}

	static Report earlier(ReportOutcome outcome) {
		return new Report(UUID.randomUUID(), PUBLISHED.reviewId(), "bob", ReportReason.ABUSIVE, null, 1.0,
				T0.minusSeconds(86_400), null, outcome, outcome == ReportOutcome.OPEN ? null : T0.minusSeconds(3600));
	}

	static Report open(UUID caseId) {
		return new Report(UUID.randomUUID(), PUBLISHED.reviewId(), "bob", ReportReason.SPAM, null, 1.0, T0, caseId,
				ReportOutcome.OPEN, null);
	}

	@Test
	void aNewReportIsOpenWeighsWhatItsReporterWeighsAndAnnouncesItself() {
		UUID caseId = UUID.randomUUID();
		Report report = Report.file(PUBLISHED, "bob", ReportReason.SPOILER, "ending", List.of(), 2.0, caseId, T0);

		assertThat(report.outcome()).isEqualTo(ReportOutcome.OPEN);
		assertThat(report.weight()).isEqualTo(2.0);
		assertThat(report.caseId()).isEqualTo(caseId);
		assertThat(report.resolvedAt()).isNull();
		assertThat(report.events()).containsExactly(new ReportFiled(report.reportId(), PUBLISHED.reviewId(), "bob",
				ReportReason.SPOILER, 2.0, T0));
	}

	@Test
	void anAuthorCannotReportTheirOwnReview() {
		assertThatThrownBy(() -> file(PUBLISHED, "alice", List.of())).isInstanceOf(OwnReviewReport.class)
			.hasMessage("You cannot report your own review.");
	}

	@ParameterizedTest
	@EnumSource(value = ReviewStatus.class, names = "PUBLISHED", mode = EnumSource.Mode.EXCLUDE)
	void onlyAPublishedReviewCanBeReportedTheOthersDoNotExistForReporters(ReviewStatus status) {
		KnownReview review = new KnownReview(UUID.randomUUID(), "dune-2021", "alice", 1, status, 0);

		assertThatThrownBy(() -> file(review, "bob", List.of())).isInstanceOf(UnknownReview.class)
			.hasMessage("There is no review " + review.reviewId() + ".");
	}

	@Test
	void aReporterWhoseReportWasDismissedCannotReportTheReviewAgain() {
		assertThatThrownBy(() -> file(PUBLISHED, "bob", List.of(earlier(ReportOutcome.DISMISSED))))
			.isInstanceOf(ReportDismissedBefore.class)
			.hasMessage("Moderators looked at this review after your report and kept it; you cannot report it again.");
	}

	@Test
	void aReporterWhoseReportWasUpheldOrClosedMayReportTheReviewAgain() {
		Report again = file(PUBLISHED, "bob", List.of(earlier(ReportOutcome.UPHELD), earlier(ReportOutcome.CLOSED)));

		assertThat(again.outcome()).isEqualTo(ReportOutcome.OPEN);
	}

	@Test
	void anOpenReportIsNeverFiledTwice() {
		assertThatThrownBy(() -> file(PUBLISHED, "bob", List.of(earlier(ReportOutcome.OPEN))))
			.isInstanceOf(IllegalStateException.class);
	}

	@ParameterizedTest
	@CsvSource({ "KEEP, DISMISSED", "REMOVE, UPHELD" })
	void aDecisionOnTheCaseUpholdsOrDismissesTheReport(CaseAction action, ReportOutcome outcome) {
		Report report = open(UUID.randomUUID());

		report.resolve(action, T0.plusSeconds(60));

		assertThat(report.outcome()).isEqualTo(outcome);
		assertThat(report.resolvedAt()).isEqualTo(T0.plusSeconds(60));
	}

	@Test
	void onlyAnOpenReportIsResolvedDetachedOrClosed() {
		Report closed = earlier(ReportOutcome.CLOSED);

		assertThatThrownBy(() -> closed.resolve(CaseAction.REMOVE, T0)).isInstanceOf(IllegalStateException.class);
		assertThatThrownBy(closed::detach).isInstanceOf(IllegalStateException.class);
		assertThatThrownBy(() -> closed.close(T0)).isInstanceOf(IllegalStateException.class);
		assertThat(closed.outcome()).isEqualTo(ReportOutcome.CLOSED);
	}

	@Test
	void aCaseClosedWithoutADecisionLetsItsReportsCountAgain() {
		Report report = open(UUID.randomUUID());

		report.detach();

		assertThat(report.caseId()).isNull();
		assertThat(report.outcome()).isEqualTo(ReportOutcome.OPEN);
	}

	@Test
	void anAppealKeptOverturnsAnUpheldReportOnly() {
		Report upheld = earlier(ReportOutcome.UPHELD);

		upheld.overturn(T0);

		assertThat(upheld.outcome()).isEqualTo(ReportOutcome.DISMISSED);
		assertThat(upheld.resolvedAt()).isEqualTo(T0);
		assertThatThrownBy(() -> open(null).overturn(T0)).isInstanceOf(IllegalStateException.class);
	}

	@Test
	void aDeletedReviewClosesItsOpenReports() {
		Report report = open(UUID.randomUUID());

		report.close(T0);

		assertThat(report.outcome()).isEqualTo(ReportOutcome.CLOSED);
		assertThat(report.resolvedAt()).isEqualTo(T0);
	}
}
