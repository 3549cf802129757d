package dev.reviewflow.moderation.report;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import dev.reviewflow.devtokens.DevelopmentTokens;
import dev.reviewflow.events.CloudEvent;
import dev.reviewflow.events.ReportReason;
import dev.reviewflow.events.ReviewReported;
import dev.reviewflow.events.ReviewStatus;
import dev.reviewflow.moderation.cases.CaseAction;
import dev.reviewflow.moderation.cases.CaseKind;
import dev.reviewflow.moderation.cases.CaseOpened;
import dev.reviewflow.moderation.cases.CaseResolved;
import dev.reviewflow.moderation.review.ReviewDecided;
import dev.reviewflow.moderation.review.ReviewWithdrawn;
import dev.reviewflow.testsupport.RealInfrastructure;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.modulith.test.ApplicationModuleTest;
import org.springframework.modulith.test.Scenario;
import org.springframework.test.context.TestPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The report feature as a module, with the features it depends on (cases, review, policy) and the real database:
 * what it publishes ({@link ReportFiled}, the outbox's {@code ReviewReported}; enough reports make cases open a case)
 * and what it reacts to ({@link CaseResolved}, {@link ReviewWithdrawn}).
 */
@ApplicationModuleTest(mode = ApplicationModuleTest.BootstrapMode.DIRECT_DEPENDENCIES)
@Import(RealInfrastructure.class)
// the integration tests' first policy: whichever context meets the shared database first writes version 1
@TestPropertySource(properties = { "reviewflow.moderation.banned-terms=buy followers",
		DevelopmentTokens.SERVICE_PROPERTY })
class ReportsModuleTests {

	@Autowired
	JdbcClient jdbc;

	@Autowired
	Reporting reporting;

	/** This test's reporters and authors, new each time: a reporter's record (their weight) is theirs alone. */
	String run;

	@BeforeEach
	void newRun() {
		run = UUID.randomUUID().toString().substring(0, 8);
	}

	UUID publishedReview() {
		UUID reviewId = UUID.randomUUID();
		Timestamp now = Timestamp.from(Instant.now());
		jdbc.sql("""
				insert into review (review_id, title_id, author_id, type, revision, status, headline, body,
				  submitted_at, updated_at)
				values (?, 'module-test', ?, 'USER', 1, 'PUBLISHED', 'Headline', 'A fine film.', ?, ?)""")
			.params(reviewId, "author-" + run, now, now)
			.update();
		return reviewId;
	}

	List<String> outcomes(UUID reviewId) {
		return jdbc.sql("select outcome from report where review_id = ? order by reported_at").param(reviewId)
			.query(String.class).list();
	}

	@Test
	@SuppressWarnings({ "rawtypes", "unchecked" })
	void aReportIsAnnouncedAndPublishedThroughTheOutbox(Scenario scenario) {
		UUID reviewId = publishedReview();

		scenario.stimulate(() -> reporting.report(reviewId, "reporter-a-" + run, ReportReason.SPOILER, "the ending"))
			.andWaitForStateChange(() -> outcomes(reviewId), outcomes -> outcomes.contains("OPEN"))
			.andVerifyEvents(events -> {
				assertThat(events).contains(ReportFiled.class)
					.matching(filed -> filed.reviewId().equals(reviewId) && filed.weight() == 1.0
							&& filed.reason() == ReportReason.SPOILER);
				assertThat(events).contains(CloudEvent.class)
					.matching(event -> event.subject().equals(reviewId.toString())
							&& event.data() instanceof ReviewReported reported
							&& reported.reporterId().equals("reporter-a-" + run)
							&& "the ending".equals(reported.note()));
			});
	}

	@Test
	void threeReportsOpenACaseAndHideTheReview(Scenario scenario) {
		UUID reviewId = publishedReview();
		reporting.report(reviewId, "reporter-a-" + run, ReportReason.SPAM, null);
		reporting.report(reviewId, "reporter-b-" + run, ReportReason.ABUSIVE, null);

		scenario.stimulate(() -> reporting.report(reviewId, "reporter-c-" + run, ReportReason.SPAM, null))
			.andWaitForStateChange(() -> jdbc.sql("select status from review where review_id = ?").param(reviewId)
				.query(String.class).single(), ReviewStatus.HIDDEN.name()::equals)
			.andVerifyEvents(events -> {
				assertThat(events).contains(CaseOpened.class)
					.matching(opened -> opened.reviewId().equals(reviewId) && opened.kind() == CaseKind.REPORTED
							&& opened.weight() == 3.0 && opened.reasons().containsAll(List.of("SPAM", "ABUSIVE")));
				assertThat(events).contains(ReviewDecided.class)
					.matching(decided -> decided.reviewId().equals(reviewId)
							&& decided.status() == ReviewStatus.HIDDEN);
			});
		assertThat(jdbc.sql("select count(*) from report where review_id = ? and case_id is not null")
			.param(reviewId).query(Long.class).single()).isEqualTo(3);
	}

	@Test
	void aRemovalUpholdsTheCasesReportsAndAnAppealKeptOverturnsThem(Scenario scenario) {
		UUID reviewId = publishedReview();
		for (String reporter : List.of("a", "b", "c")) {
			reporting.report(reviewId, "reporter-" + reporter + "-" + run, ReportReason.SPAM, null);
		}
		UUID caseId = jdbc.sql("select case_id from moderation_case where review_id = ?").param(reviewId)
			.query(UUID.class).single();
		Instant now = Instant.now();

		scenario.publish(new CaseResolved(caseId, reviewId, CaseKind.REPORTED, CaseAction.REMOVE, "mod-module",
				"spam", now, now, 1))
			.andWaitForStateChange(() -> outcomes(reviewId), outcomes -> !outcomes.contains("OPEN"))
			.andVerify(outcomes -> assertThat(outcomes).containsExactly("UPHELD", "UPHELD", "UPHELD"));
		scenario.publish(new CaseResolved(UUID.randomUUID(), reviewId, CaseKind.APPEAL, CaseAction.KEEP,
				"mod-module", "restored", now, now, 1))
			.andWaitForStateChange(() -> outcomes(reviewId), outcomes -> !outcomes.contains("UPHELD"))
			.andVerify(outcomes -> assertThat(outcomes).containsExactly("DISMISSED", "DISMISSED", "DISMISSED"));
	}

	@Test
	void aWithdrawnReviewClosesItsOpenReports(Scenario scenario) {
		UUID reviewId = publishedReview();
		reporting.report(reviewId, "reporter-a-" + run, ReportReason.OFF_TOPIC, null);

		scenario.publish(new ReviewWithdrawn(reviewId))
			.andWaitForStateChange(() -> outcomes(reviewId), outcomes -> outcomes.contains("CLOSED"))
			.andVerify(outcomes -> assertThat(outcomes).containsExactly("CLOSED"));
	}
}
