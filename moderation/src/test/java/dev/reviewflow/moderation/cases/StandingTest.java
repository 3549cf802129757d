package dev.reviewflow.moderation.cases;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import dev.reviewflow.events.DecisionActor;
import dev.reviewflow.events.ReviewStatus;
import dev.reviewflow.moderation.cases.Standing.AppealStatus;
import dev.reviewflow.moderation.review.Decision;
import dev.reviewflow.moderation.review.KnownReview;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** What an author is told about their review's moderation and their appeal. */
class StandingTest {

	static final Instant DECIDED = Instant.parse("2026-11-01T12:00:00Z");

	static final UUID REVIEW = UUID.randomUUID();

	static final List<Decision> HELD_THEN_REMOVED = List.of(
			new Decision(UUID.randomUUID(), 1, ReviewStatus.HELD, DecisionActor.AUTOMATIC, null, List.of("links: 3"), 1,
					DECIDED.minusSeconds(3600)),
			new Decision(UUID.randomUUID(), 1, ReviewStatus.REMOVED, DecisionActor.MODERATOR, "mod-a",
					List.of("held case REMOVE: link spam"), 1, DECIDED));

	static KnownReview review(ReviewStatus status) {
		return new KnownReview(REVIEW, "dune-2021", "alice", 1, status, 0);
	}

	@Test
	void aRemovedReviewMayBeAppealedUntilTheWindowAfterItsLastDecisionEnds() {
		Standing standing = Standing.of(review(ReviewStatus.REMOVED), HELD_THEN_REMOVED, null, 20,
				DECIDED.plus(Duration.ofDays(3)));

		assertThat(standing.appeal())
			.isEqualTo(new Standing.Appeal(AppealStatus.AVAILABLE, DECIDED.plus(Duration.ofDays(20)), null, null));
		assertThat(standing.decisions()).hasSize(2);
	}

	@Test
	void afterTheWindowTheAppealHasExpired() {
		Standing standing = Standing.of(review(ReviewStatus.REJECTED), HELD_THEN_REMOVED, null, 20,
				DECIDED.plus(Duration.ofDays(20)).plusSeconds(1));

		assertThat(standing.appeal().status()).isEqualTo(AppealStatus.EXPIRED);
		assertThat(standing.appeal().until()).isEqualTo(DECIDED.plus(Duration.ofDays(20)));
	}

	@Test
	void aPublishedOrHeldReviewHasNothingToAppeal() {
		assertThat(Standing.of(review(ReviewStatus.PUBLISHED), HELD_THEN_REMOVED, null, 20, DECIDED).appeal())
			.isEqualTo(new Standing.Appeal(AppealStatus.NOT_APPLICABLE, null, null, null));
		assertThat(Standing.of(review(ReviewStatus.REMOVED), List.of(), null, 20, DECIDED).appeal().status())
			.isEqualTo(AppealStatus.NOT_APPLICABLE);
	}

	@Test
	void anAppealMadeShowsItsCaseAndHowItWasDecided() {
		CaseView appeal = new CaseView(UUID.randomUUID(), REVIEW, "dune-2021", "alice", "Headline", CaseKind.APPEAL,
				CaseState.RESOLVED, 1.0, 1.0, List.of("LINKS"), "official sites", DECIDED, null, null, DECIDED,
				"mod-b", CaseAction.KEEP, "official links", 1);

		Standing standing = Standing.of(review(ReviewStatus.PUBLISHED), HELD_THEN_REMOVED, appeal, 20, DECIDED);

		assertThat(standing.appeal())
			.isEqualTo(new Standing.Appeal(AppealStatus.RESOLVED, null, appeal.caseId(), CaseAction.KEEP));
	}

	@Test
	void authorsDoNotSeeWhichModeratorDecided() {
		Standing standing = Standing.of(review(ReviewStatus.REMOVED), HELD_THEN_REMOVED, null, 20, DECIDED);

		assertThat(standing.decisions()).extracting(Decision::moderatorId).containsExactly(null, "mod-a");
		assertThat(standing.withoutModerators().decisions()).extracting(Decision::moderatorId)
			.containsExactly(null, null);
		assertThat(standing.withoutModerators().decisions()).extracting(Decision::reasons)
			.containsExactlyElementsOf(standing.decisions().stream().map(Decision::reasons).toList());
	}
}
