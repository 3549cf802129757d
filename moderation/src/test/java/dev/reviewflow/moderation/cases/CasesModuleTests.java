package dev.reviewflow.moderation.cases;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import dev.reviewflow.devtokens.DevelopmentTokens;
import dev.reviewflow.events.CloudEvent;
import dev.reviewflow.events.DecisionActor;
import dev.reviewflow.events.ModerationDecided;
import dev.reviewflow.events.ReviewStatus;
import dev.reviewflow.moderation.policy.Screening;
import dev.reviewflow.moderation.review.ReviewScreened;
import dev.reviewflow.moderation.review.ReviewWithdrawn;
import dev.reviewflow.testsupport.RealInfrastructure;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.modulith.test.ApplicationModuleTest;
import org.springframework.modulith.test.Scenario;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.transaction.support.TransactionOperations;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The case feature as a module, with the features it depends on (review, policy) and the real database: what it
 * reacts to ({@link ReviewScreened}, {@link ReviewWithdrawn}) and what it publishes ({@link CaseOpened},
 * {@link CaseClaimed}, {@link CaseResolved}, {@link CaseClosed}, and through review's decisions the outbox's
 * {@code ModerationDecided}). The report feature is not started; the reports a case shows are replaced.
 */
@ApplicationModuleTest(mode = ApplicationModuleTest.BootstrapMode.DIRECT_DEPENDENCIES)
@Import(RealInfrastructure.class)
// the integration tests' first policy: whichever context meets the shared database first writes version 1
@TestPropertySource(properties = { "reviewflow.moderation.banned-terms=buy followers",
		DevelopmentTokens.SERVICE_PROPERTY })
class CasesModuleTests {

	@MockitoBean
	CaseReports reports;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	TransactionOperations transactions;

	@Autowired
	ApplicationEventPublisher events;

	@Autowired
	Claims claims;

	@Autowired
	CaseDecisions decisions;

	/** A review moderation knows, as review-events would have brought it. */
	UUID review(ReviewStatus status) {
		UUID reviewId = UUID.randomUUID();
		Timestamp now = Timestamp.from(Instant.now());
		jdbc.sql("""
				insert into review (review_id, title_id, author_id, type, revision, status, headline, body,
				  submitted_at, updated_at)
				values (?, 'module-test', ?, 'USER', 1, ?, 'Headline', 'Visit www.a.example', ?, ?)""")
			.params(reviewId, "author-" + reviewId, status.name(), now, now)
			.update();
		return reviewId;
	}

	static ReviewScreened held(UUID reviewId) {
		return new ReviewScreened(reviewId, 1,
				new Screening(ReviewStatus.HELD, List.of(new Screening.Finding(Screening.Kind.LINKS, "4 links"))), 1);
	}

	/** A held review with its open case. */
	UUID heldCase(UUID reviewId) {
		transactions.executeWithoutResult(status -> events.publishEvent(held(reviewId)));
		return jdbc.sql("select case_id from moderation_case where review_id = ? and state = 'OPEN'")
			.param(reviewId)
			.query(UUID.class)
			.single();
	}

	@Test
	void aHeldRevisionOpensACaseWithItsFindings(Scenario scenario) {
		UUID reviewId = review(ReviewStatus.HELD);

		scenario.publish(held(reviewId))
			.andWaitForEventOfType(CaseOpened.class)
			.matching(opened -> opened.reviewId().equals(reviewId))
			.toArriveAndVerify(opened -> {
				assertThat(opened.kind()).isEqualTo(CaseKind.HELD);
				assertThat(opened.reasons()).containsExactly("LINKS");
				assertThat(opened.why()).containsExactly("links: 4 links");
				assertThat(opened.appellant()).isNull();
			});
	}

	@Test
	void aWithdrawnReviewClosesItsCaseWithoutADecision(Scenario scenario) {
		UUID reviewId = review(ReviewStatus.HELD);
		UUID caseId = heldCase(reviewId);

		scenario.publish(new ReviewWithdrawn(reviewId))
			.andWaitForEventOfType(CaseClosed.class)
			.matching(closed -> closed.caseId().equals(caseId))
			.toArriveAndVerify(closed -> assertThat(closed.why()).isEqualTo("review deleted by its author"));
		assertThat(jdbc.sql("select state from moderation_case where case_id = ?").param(caseId).query(String.class)
			.single()).isEqualTo("RESOLVED");
	}

	@Test
	void aClaimIsAnnouncedWithItsDeadlineOnTheDatabasesClock(Scenario scenario) {
		UUID caseId = heldCase(review(ReviewStatus.HELD));
		Instant before = jdbc.sql("select now()").query(Timestamp.class).single().toInstant();

		scenario.stimulate(() -> claims.claim(caseId, "mod-module"))
			.andWaitForEventOfType(CaseClaimed.class)
			.matching(claimed -> claimed.caseId().equals(caseId))
			.toArriveAndVerify((claimed, view) -> {
				assertThat(claimed.moderatorId()).isEqualTo("mod-module");
				assertThat(claimed.until()).isBetween(before.plus(Duration.ofMinutes(30)),
						before.plus(Duration.ofMinutes(31)));
				assertThat(view.claimExpiresAt()).isEqualTo(claimed.until());
			});
	}

	@Test
	@SuppressWarnings({ "rawtypes", "unchecked" })
	void aDecisionResolvesTheCaseAndPublishesModerationDecided(Scenario scenario) {
		UUID reviewId = review(ReviewStatus.HELD);
		UUID caseId = heldCase(reviewId);

		scenario.stimulate(() -> decisions.decide(caseId, "mod-module", CaseAction.REMOVE, "link spam"))
			.andWaitForStateChange(() -> status(reviewId), ReviewStatus.REMOVED.name()::equals)
			.andVerifyEvents(events -> {
				assertThat(events).contains(CaseResolved.class)
					.matching(resolved -> resolved.caseId().equals(caseId) && resolved.kind() == CaseKind.HELD
							&& resolved.action() == CaseAction.REMOVE && resolved.moderatorId().equals("mod-module"));
				assertThat(events).contains(CloudEvent.class)
					.matching(event -> event.subject().equals(reviewId.toString())
							&& event.data() instanceof ModerationDecided decided
							&& decided.status() == ReviewStatus.REMOVED && decided.actor() == DecisionActor.MODERATOR
							&& "mod-module".equals(decided.moderatorId())
							&& decided.reasons().equals(List.of("held case REMOVE: link spam")));
			});
	}

	String status(UUID reviewId) {
		return jdbc.sql("select status from review where review_id = ?").param(reviewId).query(String.class).single();
	}
}
