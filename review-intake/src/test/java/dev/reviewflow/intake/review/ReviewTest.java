package dev.reviewflow.intake.review;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import dev.reviewflow.events.DecisionActor;
import dev.reviewflow.events.ModerationDecided;
import dev.reviewflow.events.ReviewDeleted;
import dev.reviewflow.events.ReviewEdited;
import dev.reviewflow.events.ReviewStatus;
import dev.reviewflow.events.ReviewSubmitted;
import dev.reviewflow.events.ReviewType;
import dev.reviewflow.events.Verdict;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The review's rules and transitions, on the aggregate alone: no Spring, no database. */
class ReviewTest {

	static final Instant SUBMITTED = Instant.parse("2026-11-01T10:00:00Z");

	static final Instant LATER = SUBMITTED.plus(Duration.ofHours(1));

	static final Author ALICE = new Author("alice", Set.of("USER"), false);

	static final Author BOB = new Author("bob", Set.of("USER"), false);

	static final Author MODERATOR = new Author("mod", Set.of("MODERATOR"), false);

	static final Author CRITIC = new Author("roger", Set.of("CRITIC"), true);

	static final UUID ID = UUID.fromString("7d7e3d1c-6b1f-4c1e-9a55-000000000001");

	static Review userReview(int rating) {
		Review review = Review.submit(ID, "heat-1995", ALICE,
				ReviewDraft.by(ALICE, rating, null, null, "Tense", "A long night.", null), SUBMITTED);
		review.releaseEvents();
		return review;
	}

	static Review criticReview() {
		Review review = Review.submit(ID, "heat-1995", CRITIC,
				ReviewDraft.by(CRITIC, null, Verdict.FRESH, "Gazette", "Tense", "A long night.", true), SUBMITTED);
		review.releaseEvents();
		return review;
	}

	static ModerationDecided decision(int revision, ReviewStatus status, long sequence, Instant decidedAt) {
		return new ModerationDecided(UUID.randomUUID(), ID, "heat-1995", "alice", revision, status,
				DecisionActor.AUTOMATIC, null, List.of(), decidedAt, sequence);
	}

	static Review inState(ReviewStatus status) {
		Review review = userReview(7);
		if (status == ReviewStatus.DELETED) {
			review.delete(ALICE, LATER);
		}
		else if (status != ReviewStatus.PENDING) {
			assertThat(review.apply(decision(1, status, 1, LATER))).isTrue();
		}
		review.releaseEvents();
		assertThat(review.status()).isEqualTo(status);
		return review;
	}

	@Test
	void aSubmittedUserReviewIsPendingAtRevisionOneAndGivesItsRatingToTheAuthor() {
		Review review = Review.submit(ID, "heat-1995", ALICE,
				ReviewDraft.by(ALICE, 8, null, null, "Tense", "A long night.", null), SUBMITTED);

		assertThat(review.status()).isEqualTo(ReviewStatus.PENDING);
		assertThat(review.revision()).isEqualTo(1);
		assertThat(review.containsSpoilers()).isFalse();
		List<Object> events = review.releaseEvents();
		assertThat(events).hasSize(2);
		assertThat(events.get(0)).isInstanceOfSatisfying(ReviewSubmitted.class, submitted -> {
			assertThat(submitted.reviewId()).isEqualTo(ID);
			assertThat(submitted.type()).isEqualTo(ReviewType.USER);
			assertThat(submitted.revision()).isEqualTo(1);
			assertThat(submitted.rating()).isEqualTo(8);
			assertThat(submitted.submittedAt()).isEqualTo(SUBMITTED);
		});
		assertThat(events.get(1)).isEqualTo(new ReviewRated(ID, "heat-1995", "alice", 8));
		assertThat(review.releaseEvents()).as("released once").isEmpty();
	}

	@Test
	void aCriticReviewCarriesNoRatingAndMarksOnlyACriticATopCritic() {
		Review critic = Review.submit(ID, "heat-1995", CRITIC,
				ReviewDraft.by(CRITIC, null, Verdict.ROTTEN, "Gazette", "h", "b", null), SUBMITTED);
		Author topUser = new Author("tina", Set.of("USER"), true);
		Review user = Review.submit(ID, "heat-1995", topUser, ReviewDraft.by(topUser, 5, null, null, "h", "b", null),
				SUBMITTED);

		assertThat(critic.topCritic()).isTrue();
		assertThat(critic.releaseEvents()).singleElement().isInstanceOf(ReviewSubmitted.class);
		assertThat(critic.carriesRating()).isFalse();
		assertThat(user.topCritic()).isFalse();
	}

	@Test
	void aUserDraftNeedsARatingAndNoCriticsFields() {
		assertThatThrownBy(() -> ReviewDraft.by(ALICE, null, Verdict.FRESH, "Gazette", "h", "b", null))
			.isInstanceOfSatisfying(InvalidReviewFields.class, invalid -> {
				assertThat(invalid.type()).isEqualTo(ReviewType.USER);
				assertThat(invalid.edit()).isFalse();
				assertThat(invalid.fields()).containsExactly(
						new InvalidReviewFields.Field("rating", "is required for a user review (1 to 10)"),
						new InvalidReviewFields.Field("verdict", "is only for critic reviews"),
						new InvalidReviewFields.Field("publication", "is only for critic reviews"));
			});
	}

	@Test
	void aCriticDraftNeedsAVerdictAndPublicationAndNoRating() {
		assertThatThrownBy(() -> ReviewDraft.by(CRITIC, 5, null, null, "h", "b", null))
			.isInstanceOfSatisfying(InvalidReviewFields.class, invalid -> {
				assertThat(invalid.type()).isEqualTo(ReviewType.CRITIC);
				assertThat(invalid.fields()).extracting(InvalidReviewFields.Field::field)
					.containsExactly("verdict", "publication", "rating");
			});
	}

	@Test
	void anEditMakesANewPendingRevisionKeepingWhatThePatchDoesNotSend() {
		Review review = inState(ReviewStatus.PUBLISHED);

		review.edit(ALICE, new ReviewPatch(null, null, null, null, "On reflection, better.", true), LATER);

		assertThat(review.revision()).isEqualTo(2);
		assertThat(review.status()).isEqualTo(ReviewStatus.PENDING);
		assertThat(review.headline()).isEqualTo("Tense");
		assertThat(review.body()).isEqualTo("On reflection, better.");
		assertThat(review.containsSpoilers()).isTrue();
		assertThat(review.editedAt()).isEqualTo(LATER);
		assertThat(review.releaseEvents()).singleElement().isInstanceOfSatisfying(ReviewEdited.class, edited -> {
			assertThat(edited.revision()).isEqualTo(2);
			assertThat(edited.rating()).isEqualTo(7);
			assertThat(edited.body()).isEqualTo("On reflection, better.");
			assertThat(edited.editedAt()).isEqualTo(LATER);
		});
	}

	@Test
	void anEditThatChangesTheRatingRatesTheTitleAgainAndOneThatKeepsItDoesNot() {
		Review review = userReview(7);

		review.edit(ALICE, new ReviewPatch(9, null, null, null, null, null), LATER);
		List<Object> changed = review.releaseEvents();
		review.edit(ALICE, new ReviewPatch(9, null, null, "Same rating", null, null), LATER);
		List<Object> kept = review.releaseEvents();

		assertThat(changed).hasSize(2).last().isEqualTo(new ReviewRated(ID, "heat-1995", "alice", 9));
		assertThat(kept).singleElement().isInstanceOf(ReviewEdited.class);
		assertThat(review.revision()).isEqualTo(3);
	}

	@ParameterizedTest
	@EnumSource(value = ReviewStatus.class, names = { "DELETED", "REMOVED", "HIDDEN" })
	void aReviewDeletedRemovedOrHiddenCannotBeEdited(ReviewStatus status) {
		Review review = inState(status);

		assertThatThrownBy(() -> review.edit(ALICE, new ReviewPatch(null, null, null, "x", null, null), LATER))
			.isInstanceOfSatisfying(ReviewNotEditable.class, refused -> assertThat(refused.status()).isEqualTo(status));
		assertThat(review.revision()).isEqualTo(1);
		assertThat(review.releaseEvents()).isEmpty();
	}

	@ParameterizedTest
	@EnumSource(value = ReviewStatus.class, names = { "PENDING", "PUBLISHED", "HELD", "REJECTED" })
	void aReviewPendingPublishedHeldOrRejectedCanBeEdited(ReviewStatus status) {
		Review review = inState(status);

		review.edit(ALICE, new ReviewPatch(null, null, null, "x", null, null), LATER);

		assertThat(review.status()).isEqualTo(ReviewStatus.PENDING);
		assertThat(review.revision()).isEqualTo(2);
	}

	@Test
	void aUserReviewsEditCannotSetCriticsFieldsNorACriticsARating() {
		Review user = userReview(7);
		Review critic = criticReview();

		assertThatThrownBy(() -> user.edit(ALICE, new ReviewPatch(null, null, "Gazette", null, null, null), LATER))
			.isInstanceOfSatisfying(InvalidReviewFields.class, invalid -> {
				assertThat(invalid.edit()).isTrue();
				assertThat(invalid.fields()).extracting(InvalidReviewFields.Field::field).containsExactly("publication");
			});
		assertThatThrownBy(() -> critic.edit(CRITIC, new ReviewPatch(3, null, null, null, null, null), LATER))
			.isInstanceOfSatisfying(InvalidReviewFields.class, invalid -> assertThat(invalid.fields())
				.containsExactly(new InvalidReviewFields.Field("rating", "is only for user reviews")));
		assertThat(List.of(user.revision(), critic.revision())).containsExactly(1, 1);
	}

	@Test
	void someoneElseWhoMaySeeTheReviewIsForbiddenAndSomeoneWhoMayNotLearnsNothing() {
		Review published = inState(ReviewStatus.PUBLISHED);
		Review pending = userReview(7);

		assertThatThrownBy(() -> published.edit(BOB, new ReviewPatch(null, null, null, "x", null, null), LATER))
			.isInstanceOfSatisfying(NotReviewAuthor.class, refused -> assertThat(refused.action()).isEqualTo("edit"));
		assertThatThrownBy(() -> pending.delete(BOB, LATER)).isInstanceOf(ReviewNotFound.class);
		assertThatThrownBy(() -> pending.delete(MODERATOR, LATER))
			.isInstanceOfSatisfying(NotReviewAuthor.class, refused -> assertThat(refused.action()).isEqualTo("delete"));
		assertThat(pending.status()).isEqualTo(ReviewStatus.PENDING);
	}

	@Test
	void deletingMarksTheReviewDeletedOnceAndAgainChangesNothing() {
		Review review = inState(ReviewStatus.PUBLISHED);

		assertThat(review.delete(ALICE, LATER)).isTrue();
		assertThat(review.releaseEvents()).singleElement()
			.isEqualTo(new ReviewDeleted(ID, "heat-1995", "alice", ReviewType.USER, LATER));
		assertThat(review.delete(ALICE, LATER.plusSeconds(1))).isFalse();
		assertThat(review.releaseEvents()).isEmpty();
		assertThat(review.status()).isEqualTo(ReviewStatus.DELETED);
		assertThat(review.statusChangedAt()).isEqualTo(LATER);
	}

	@Test
	void aDecisionAboutTheCurrentRevisionIsAppliedWithItsRevisionAndSequence() {
		Review review = userReview(7);

		assertThat(review.apply(decision(1, ReviewStatus.PUBLISHED, 4, LATER))).isTrue();

		assertThat(review.status()).isEqualTo(ReviewStatus.PUBLISHED);
		assertThat(review.statusChangedAt()).isEqualTo(LATER);
		assertThat(review.decisionRevision()).isEqualTo(1);
		assertThat(review.decisionSequence()).isEqualTo(4);
		assertThat(review.releaseEvents()).as("publishing a pending review touches no rating").isEmpty();
	}

	@Test
	void aDecisionAboutAnOlderRevisionChangesNothing() {
		Review review = userReview(7);
		review.edit(ALICE, new ReviewPatch(null, null, null, "x", null, null), LATER);
		review.releaseEvents();

		assertThat(review.apply(decision(1, ReviewStatus.PUBLISHED, 1, LATER))).isFalse();
		assertThat(review.status()).isEqualTo(ReviewStatus.PENDING);
		assertThat(review.apply(decision(2, ReviewStatus.PUBLISHED, 2, LATER))).isTrue();
	}

	/** Moderation's sequence orders its decisions whatever their times say and whatever order they arrive in. */
	@Test
	void anOlderDecisionArrivingLateChangesNothingWhateverItsClockSays() {
		Review review = userReview(7);

		assertThat(review.apply(decision(1, ReviewStatus.REMOVED, 3, LATER.minus(Duration.ofHours(2))))).isTrue();
		assertThat(review.apply(decision(1, ReviewStatus.PUBLISHED, 2, LATER.plus(Duration.ofHours(2))))).isFalse();
		assertThat(review.apply(decision(1, ReviewStatus.REMOVED, 3, LATER))).as("the same decision again").isFalse();

		assertThat(review.status()).isEqualTo(ReviewStatus.REMOVED);
		assertThat(review.decisionSequence()).isEqualTo(3);
	}

	@Test
	void aDecisionAboutADeletedReviewChangesNothing() {
		Review review = inState(ReviewStatus.DELETED);

		assertThat(review.apply(decision(1, ReviewStatus.PUBLISHED, 9, LATER))).isFalse();
		assertThat(review.status()).isEqualTo(ReviewStatus.DELETED);
	}

	/** Decisions written before sequences existed (sequence 0) are ordered by their time among themselves. */
	@Test
	void decisionsWithoutASequenceFallBackToTheirTime() {
		Review review = userReview(7);

		assertThat(review.apply(decision(1, ReviewStatus.HELD, 0, LATER))).as("the first decision about revision 1")
			.isTrue();
		assertThat(review.apply(decision(1, ReviewStatus.PUBLISHED, 0, LATER.minusSeconds(1)))).isFalse();
		assertThat(review.status()).isEqualTo(ReviewStatus.HELD);
		assertThat(review.apply(decision(1, ReviewStatus.PUBLISHED, 0, LATER))).as("same time: the later arrival")
			.isTrue();
		assertThat(review.status()).isEqualTo(ReviewStatus.PUBLISHED);
	}

	@ParameterizedTest
	@EnumSource(value = ReviewStatus.class, names = { "REJECTED", "REMOVED" })
	void aUserReviewRejectedOrRemovedTakesItsRatingDown(ReviewStatus status) {
		Review review = inState(ReviewStatus.PUBLISHED);

		review.apply(decision(1, status, 2, LATER));

		assertThat(review.releaseEvents()).containsExactly(new ReviewTakenDown(ID, "heat-1995", "alice", status));
		assertThat(review.carriesRating()).isFalse();
	}

	@Test
	void aCriticReviewRemovedTakesNoRatingDown() {
		Review review = criticReview();

		assertThat(review.apply(decision(1, ReviewStatus.REMOVED, 1, LATER))).isTrue();
		assertThat(review.releaseEvents()).isEmpty();
	}

	@Test
	void aUserReviewPublishedAgainAfterRemovalGivesItsRatingBack() {
		Review review = inState(ReviewStatus.REMOVED);

		review.apply(decision(1, ReviewStatus.PUBLISHED, 2, LATER));

		assertThat(review.releaseEvents()).containsExactly(new ReviewReinstated(ID, "heat-1995", "alice", 7));
		assertThat(review.carriesRating()).isTrue();
	}

	@Test
	void hidingAReviewLeavesItsRatingStanding() {
		Review review = inState(ReviewStatus.PUBLISHED);

		assertThat(review.apply(decision(1, ReviewStatus.HIDDEN, 2, LATER))).isTrue();
		assertThat(review.status()).isEqualTo(ReviewStatus.HIDDEN);
		assertThat(review.carriesRating()).as("hidden, its rating still stands").isTrue();
		assertThat(review.apply(decision(1, ReviewStatus.PUBLISHED, 3, LATER))).isTrue();
		assertThat(review.status()).isEqualTo(ReviewStatus.PUBLISHED);

		assertThat(review.releaseEvents()).isEmpty();
		assertThat(review.carriesRating()).isTrue();
	}

	@Test
	void onlyAStandingUserReviewTakesItsAuthorsNewRating() {
		Review standing = inState(ReviewStatus.HELD);
		Review removed = inState(ReviewStatus.REMOVED);

		standing.takeAuthorsRating(2);
		removed.takeAuthorsRating(2);

		assertThat(standing.rating()).isEqualTo(2);
		assertThat(standing.revision()).as("no new revision").isEqualTo(1);
		assertThat(removed.rating()).isEqualTo(7);
		assertThat(standing.releaseEvents()).isEmpty();
	}

	@Test
	void anyoneSeesAPublishedReviewItsAuthorAndModeratorsSeeEveryState() {
		assertThat(Review.visibleTo(ReviewStatus.PUBLISHED, "alice", null)).isTrue();
		assertThat(Review.visibleTo(ReviewStatus.PENDING, "alice", null)).isFalse();
		assertThat(Review.visibleTo(ReviewStatus.REJECTED, "alice", BOB)).isFalse();
		assertThat(Review.visibleTo(ReviewStatus.REJECTED, "alice", ALICE)).isTrue();
		assertThat(Review.visibleTo(ReviewStatus.DELETED, "alice", MODERATOR)).isTrue();
		assertThat(Review.visibleTo(ReviewStatus.HIDDEN, "alice", new Author("root", Set.of("ADMIN"), false)))
			.isTrue();
	}

	/** Times are compared as PostgreSQL stores them, to the microsecond, rounded as the driver rounds. */
	@Test
	void decisionTimesAreRoundedToTheMicrosecond() {
		assertThat(Review.toMicros(Instant.parse("2026-11-01T10:00:00.000000499Z")))
			.isEqualTo(Instant.parse("2026-11-01T10:00:00Z"));
		assertThat(Review.toMicros(Instant.parse("2026-11-01T10:00:00.000000500Z")))
			.isEqualTo(Instant.parse("2026-11-01T10:00:00.000001Z"));
		assertThat(Review.toMicros(Instant.parse("2026-11-01T10:00:00.999999700Z")))
			.isEqualTo(Instant.parse("2026-11-01T10:00:01Z"));
	}
}
