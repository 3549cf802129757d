package dev.reviewflow.moderation.cases;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import dev.reviewflow.events.DecisionActor;
import dev.reviewflow.events.ReviewStatus;
import dev.reviewflow.moderation.review.Decision;
import dev.reviewflow.moderation.review.KnownReview;
import dev.reviewflow.moderation.review.UnknownReview;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A case's life and rules, without Spring, broker or database. */
class ModerationCaseTest {

	static final Instant T0 = Instant.parse("2026-11-20T10:00:00Z");

	static final Duration CLAIM = Duration.ofMinutes(30);

	static final int POLICY = 7;

	static final KnownReview PUBLISHED = review(ReviewStatus.PUBLISHED);

	static KnownReview review(ReviewStatus status) {
		return new KnownReview(UUID.randomUUID(), "dune-2021", "alice", 1, status, 0);
	}

	static ModerationCase held() {
		ModerationCase held = ModerationCase.open(PUBLISHED, CaseKind.HELD, 1.0, List.of("LINKS"),
				List.of("links: 3"), POLICY, T0);
		held.clearEvents();
		return held;
	}

	static ModerationCase claimedBy(String moderator) {
		ModerationCase claimed = held();
		claimed.claim(moderator, T0, CLAIM, POLICY);
		claimed.clearEvents();
		return claimed;
	}

	@Test
	void anOpenedCaseIsOpenUnclaimedAndAnnouncesItself() {
		ModerationCase opened = ModerationCase.open(PUBLISHED, CaseKind.REPORTED, 3.0, List.of("SPAM"),
				List.of("reports weighing 3.00 reached the threshold of 3.00"), POLICY, T0);

		assertThat(opened.state()).isEqualTo(CaseState.OPEN);
		assertThat(opened.status(T0.plusSeconds(60))).isEqualTo(CaseState.OPEN);
		assertThat(opened.claimedBy()).isNull();
		assertThat(opened.reviewAuthorId()).isEqualTo("alice");
		assertThat(opened.events()).containsExactly(new CaseOpened(opened.caseId(), PUBLISHED.reviewId(),
				CaseKind.REPORTED, 3.0, List.of("SPAM"), null,
				List.of("reports weighing 3.00 reached the threshold of 3.00"), POLICY, T0));
	}

	@Test
	void anAppealIsOnlyOpenedByItsAuthor() {
		assertThatThrownBy(() -> ModerationCase.open(PUBLISHED, CaseKind.APPEAL, 1.0, List.of(), List.of(), POLICY, T0))
			.isInstanceOf(IllegalArgumentException.class);
	}

	@Nested
	class ClaimRules {

		@Test
		void aModeratorClaimsAnOpenCaseForTheTimeout() {
			ModerationCase open = held();

			open.claim("mod-a", T0, CLAIM, POLICY);

			assertThat(open.state()).isEqualTo(CaseState.CLAIMED);
			assertThat(open.claimedBy()).isEqualTo("mod-a");
			assertThat(open.claimExpiresAt()).isEqualTo(T0.plus(CLAIM));
			assertThat(open.events())
				.containsExactly(new CaseClaimed(open.caseId(), open.reviewId(), "mod-a", T0.plus(CLAIM), POLICY));
		}

		@Test
		void anotherModeratorCannotClaimItWhileTheClaimLasts() {
			ModerationCase claimed = claimedBy("mod-a");

			assertThatThrownBy(() -> claimed.claim("mod-b", T0.plus(CLAIM).minusMillis(1), CLAIM, POLICY))
				.isInstanceOf(CaseClaimedByAnother.class)
				.hasMessage("Moderator mod-a has claimed this case until " + T0.plus(CLAIM) + ".");
			assertThat(claimed.claimedBy()).isEqualTo("mod-a");
			assertThat(claimed.events()).isEmpty();
		}

		@Test
		void aLapsedClaimShowsAsOpenAndAnotherModeratorTakesTheCase() {
			ModerationCase claimed = claimedBy("mod-a");
			Instant lapsed = T0.plus(CLAIM);

			assertThat(claimed.status(lapsed.minusMillis(1))).isEqualTo(CaseState.CLAIMED);
			assertThat(claimed.status(lapsed)).isEqualTo(CaseState.OPEN);
			claimed.claim("mod-b", lapsed, CLAIM, POLICY);

			assertThat(claimed.claimedBy()).isEqualTo("mod-b");
			assertThat(claimed.claimExpiresAt()).isEqualTo(lapsed.plus(CLAIM));
		}

		@Test
		void theClaimingModeratorRenewsTheirClaim() {
			ModerationCase claimed = claimedBy("mod-a");

			claimed.claim("mod-a", T0.plusSeconds(600), CLAIM, POLICY);

			assertThat(claimed.claimExpiresAt()).isEqualTo(T0.plusSeconds(600).plus(CLAIM));
		}

		@Test
		void aModeratorNeverClaimsACaseAboutTheirOwnReview() {
			ModerationCase open = held();

			assertThatThrownBy(() -> open.claim("alice", T0, CLAIM, POLICY)).isInstanceOf(OwnReviewCase.class)
				.hasMessage("Moderators do not decide cases about their own reviews.");
			assertThat(open.state()).isEqualTo(CaseState.OPEN);
		}

		@Test
		void aResolvedCaseCannotBeClaimedAndSaysWhoDecidedWhat() {
			ModerationCase decided = held();
			decided.decide("mod-a", CaseAction.KEEP, "fine", T0.plusSeconds(5), T0, POLICY);

			assertThatThrownBy(() -> decided.claim("mod-b", T0, CLAIM, POLICY))
				.isInstanceOf(CaseAlreadyResolved.class)
				.hasMessage("This case is resolved already: mod-a decided KEEP at " + T0.plusSeconds(5) + ".");
		}

		@Test
		void theHolderGivesTheClaimBack() {
			ModerationCase claimed = claimedBy("mod-a");

			claimed.release("mod-a", T0.plusSeconds(60), POLICY);

			assertThat(claimed.state()).isEqualTo(CaseState.OPEN);
			assertThat(claimed.claimedBy()).isNull();
			assertThat(claimed.claimExpiresAt()).isNull();
			assertThat(claimed.events()).containsExactly(new CaseReleased(claimed.caseId(), claimed.reviewId(),
					"mod-a", POLICY));
		}

		@Test
		void someoneWhoHoldsNoClaimCannotGiveItBackAndIsToldWhoDoes() {
			ModerationCase claimed = claimedBy("mod-a");

			assertThatThrownBy(() -> claimed.release("mod-b", T0, POLICY)).isInstanceOf(NoClaimHeld.class)
				.hasMessage("You do not hold a claim on this case; it is claimed by mod-a.");
			assertThatThrownBy(() -> held().release("mod-b", T0, POLICY)).isInstanceOf(NoClaimHeld.class)
				.hasMessage("You do not hold a claim on this case; it is open.");
		}

		@Test
		void aLapsedClaimCannotBeGivenBack() {
			ModerationCase claimed = claimedBy("mod-a");

			assertThatThrownBy(() -> claimed.release("mod-a", T0.plus(CLAIM), POLICY)).isInstanceOf(NoClaimHeld.class)
				.hasMessage("You do not hold a claim on this case; it is open.");
		}
	}

	@Nested
	class DecisionRules {

		@Test
		void aDecisionResolvesTheCaseAndAnnouncesIt() {
			ModerationCase open = held();
			Instant at = T0.plusSeconds(90);

			open.decide("mod-a", CaseAction.REMOVE, "link spam", at, T0, POLICY);

			assertThat(open.state()).isEqualTo(CaseState.RESOLVED);
			assertThat(open.action()).isEqualTo(CaseAction.REMOVE);
			assertThat(open.resolvedBy()).isEqualTo("mod-a");
			assertThat(open.resolvedAt()).isEqualTo(at);
			assertThat(open.resolution()).isEqualTo("link spam");
			assertThat(open.policyVersion()).isEqualTo(POLICY);
			assertThat(open.events()).containsExactly(new CaseResolved(open.caseId(), open.reviewId(), CaseKind.HELD,
					CaseAction.REMOVE, "mod-a", "link spam", T0, at, POLICY));
		}

		@Test
		void anotherModeratorsLastingClaimBlocksADecisionUntilItLapses() {
			ModerationCase claimed = claimedBy("mod-a");

			assertThatThrownBy(() -> claimed.decide("mod-b", CaseAction.KEEP, "fine", T0, T0.plusSeconds(1), POLICY))
				.isInstanceOf(CaseClaimedByAnother.class);
			claimed.decide("mod-b", CaseAction.KEEP, "fine", T0, T0.plus(CLAIM), POLICY);

			assertThat(claimed.resolvedBy()).isEqualTo("mod-b");
		}

		@Test
		void theClaimingModeratorDecides() {
			ModerationCase claimed = claimedBy("mod-a");

			claimed.decide("mod-a", CaseAction.KEEP, "fine", T0, T0.plusSeconds(1), POLICY);

			assertThat(claimed.state()).isEqualTo(CaseState.RESOLVED);
		}

		@Test
		void aSecondDecisionIsRefused() {
			ModerationCase decided = held();
			decided.decide("mod-a", CaseAction.KEEP, "fine", T0, T0, POLICY);
			decided.clearEvents();

			assertThatThrownBy(() -> decided.decide("mod-a", CaseAction.REMOVE, "changed my mind", T0, T0, POLICY))
				.isInstanceOf(CaseAlreadyResolved.class);
			assertThat(decided.action()).isEqualTo(CaseAction.KEEP);
			assertThat(decided.events()).isEmpty();
		}

		@Test
		void aModeratorNeverDecidesACaseAboutTheirOwnReviewEvenAResolvedOne() {
			ModerationCase decided = held();
			decided.decide("mod-a", CaseAction.KEEP, "fine", T0, T0, POLICY);

			assertThatThrownBy(() -> decided.decide("alice", CaseAction.KEEP, "mine", T0, T0, POLICY))
				.isInstanceOf(OwnReviewCase.class);
		}

		@Test
		void aClosedCaseIsResolvedWithoutAnActionAndSaysWhy() {
			ModerationCase open = held();

			open.close("review deleted by its author", T0, POLICY);

			assertThat(open.state()).isEqualTo(CaseState.RESOLVED);
			assertThat(open.action()).isNull();
			assertThat(open.events()).containsExactly(new CaseClosed(open.caseId(), open.reviewId(), CaseKind.HELD,
					"review deleted by its author", POLICY));
			assertThatThrownBy(() -> open.decide("mod-a", CaseAction.KEEP, "fine", T0, T0, POLICY))
				.isInstanceOf(CaseAlreadyResolved.class)
				.hasMessage("This case is resolved already (review deleted by its author).");
		}

		@ParameterizedTest
		@CsvSource({ "REPORTED, KEEP, PUBLISHED, HIDDEN", "REPORTED, REMOVE, REMOVED, HIDDEN",
				"HELD, KEEP, PUBLISHED, HELD", "HELD, REMOVE, REMOVED, HELD", "APPEAL, KEEP, PUBLISHED, REJECTED",
				"APPEAL, REMOVE, REJECTED, REJECTED", "APPEAL, REMOVE, REMOVED, REMOVED" })
		void theDecisionSetsTheReviewsStatusAndAnAppealRefusedLeavesItAsItWas(CaseKind kind, CaseAction action,
				ReviewStatus after, ReviewStatus before) {
			ModerationCase decided = new ModerationCase(UUID.randomUUID(), UUID.randomUUID(), "alice", kind,
					CaseState.OPEN, 1.0, List.of(), null, T0, null, null, null, null, null, null, null);
			decided.decide("mod-a", action, "because", T0, T0, POLICY);

			assertThat(decided.reviewStatusAfterDecision(before)).isEqualTo(after);
		}

		@ParameterizedTest
		@CsvSource({ "REPORTED, KEEP, true", "APPEAL, KEEP, true", "HELD, KEEP, false", "REPORTED, REMOVE, false" })
		void onlyAReviewKeptAfterReportsOrAnAppealRaisesItsThreshold(CaseKind kind, CaseAction action,
				boolean raises) {
			ModerationCase decided = new ModerationCase(UUID.randomUUID(), UUID.randomUUID(), "alice", kind,
					CaseState.OPEN, 1.0, List.of(), null, T0, null, null, null, null, null, null, null);
			decided.decide("mod-a", action, "because", T0, T0, POLICY);

			assertThat(decided.keptAfterReports()).isEqualTo(raises);
		}

		@Test
		void anUndecidedCaseHasNoOutcomeForItsReview() {
			assertThatThrownBy(() -> held().reviewStatusAfterDecision(ReviewStatus.HELD))
				.isInstanceOf(IllegalStateException.class);
		}
	}

	@Nested
	class ReportRules {

		@Test
		void anotherReportWeighsInAndAddsItsReasonOnce() {
			ModerationCase reported = ModerationCase.open(PUBLISHED, CaseKind.REPORTED, 3.0, List.of("SPAM"),
					List.of("threshold"), POLICY, T0);

			reported.reportedAgain(0.5, "SPAM");
			reported.reportedAgain(2.0, "SPOILER");

			assertThat(reported.weight()).isEqualTo(5.5);
			assertThat(reported.reasons()).containsExactly("SPAM", "SPOILER");
		}

		@Test
		void aResolvedCaseTakesNoMoreReports() {
			ModerationCase closed = held();
			closed.close("superseded by revision 2", T0, POLICY);

			assertThatThrownBy(() -> closed.reportedAgain(1.0, "SPAM")).isInstanceOf(CaseAlreadyResolved.class);
			assertThat(closed.weight()).isEqualTo(1.0);
		}
	}

	@Nested
	class AppealRules {

		static final int WINDOW = 20;

		final KnownReview removed = review(ReviewStatus.REMOVED);

		final Decision removal = new Decision(UUID.randomUUID(), 1, ReviewStatus.REMOVED, DecisionActor.MODERATOR,
				"mod-a", List.of("reported case REMOVE: spam"), POLICY, T0);

		ModerationCase appeal(KnownReview review, String by, CaseView earlier, Instant at) {
			return ModerationCase.appeal(review, by, "Please look again.", earlier, removal, List.of("SPAM"), WINDOW,
					POLICY, at);
		}

		@Test
		void theAuthorAppealsARemovalWithinTheWindow() {
			ModerationCase appeal = appeal(removed, "alice", null, T0.plus(Duration.ofDays(WINDOW)));

			assertThat(appeal.kind()).isEqualTo(CaseKind.APPEAL);
			assertThat(appeal.state()).isEqualTo(CaseState.OPEN);
			assertThat(appeal.statement()).isEqualTo("Please look again.");
			assertThat(appeal.reasons()).containsExactly("SPAM");
			assertThat(appeal.weight()).isEqualTo(1.0);
			assertThat(appeal.events()).singleElement()
				.isEqualTo(new CaseOpened(appeal.caseId(), removed.reviewId(), CaseKind.APPEAL, 1.0, List.of("SPAM"),
						"alice", List.of("Please look again."), POLICY, T0.plus(Duration.ofDays(WINDOW))));
		}

		@Test
		void theTimeToAppealEndsWithTheWindow() {
			Instant late = T0.plus(Duration.ofDays(WINDOW)).plusMillis(1);

			assertThatThrownBy(() -> appeal(removed, "alice", null, late)).isInstanceOf(AppealWindowClosed.class)
				.hasMessage("Appeals are possible for 20 days after the decision; the time to appeal this one ended at "
						+ T0.plus(Duration.ofDays(WINDOW)) + ".");
		}

		@Test
		void aPublishedReviewHasNothingToAppeal() {
			assertThatThrownBy(() -> appeal(PUBLISHED, "alice", null, T0)).isInstanceOf(NotAppealable.class)
				.hasMessage("Only a removed or rejected review can be appealed; this one is published.");
		}

		@Test
		void onlyTheAuthorAppealsAndToOthersAnUnpublishedReviewDoesNotExist() {
			assertThatThrownBy(() -> appeal(PUBLISHED, "bob", null, T0)).isInstanceOf(NotTheAuthor.class)
				.hasMessage("Only the author of a review can appeal a decision about it.");
			assertThatThrownBy(() -> appeal(removed, "bob", null, T0)).isInstanceOf(UnknownReview.class)
				.hasMessage("There is no review " + removed.reviewId() + ".");
		}

		@Test
		void aDeletedReviewCannotBeAppealed() {
			KnownReview deleted = review(ReviewStatus.DELETED);

			assertThatThrownBy(() -> appeal(deleted, "alice", null, T0)).isInstanceOf(UnknownReview.class);
		}

		@Test
		void aReviewIsAppealedOnce() {
			CaseView earlier = new CaseView(UUID.randomUUID(), removed.reviewId(), "dune-2021", "alice", "Headline",
					CaseKind.APPEAL, CaseState.RESOLVED, 1.0, 1.0, List.of("SPAM"), "first", T0, null, null, T0,
					"mod-b", CaseAction.REMOVE, "still spam", POLICY);

			assertThatThrownBy(() -> appeal(removed, "alice", earlier, T0)).isInstanceOf(AlreadyAppealed.class)
				.hasMessage("A review can be appealed once; your appeal (case " + earlier.caseId() + ") is resolved.");
		}
	}
}
