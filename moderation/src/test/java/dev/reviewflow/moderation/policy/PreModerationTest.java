package dev.reviewflow.moderation.policy;

import java.util.List;
import java.util.UUID;

import dev.reviewflow.events.ReviewStatus;
import dev.reviewflow.moderation.policy.PreModeration.EarlierReview;
import dev.reviewflow.moderation.policy.PreModeration.OtherReview;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class PreModerationTest {

	final PreModeration preModeration = new PreModeration();

	final Policy policy = Policy.initial(
			new ModerationProperties(List.of("buy followers", "scam"), List.of("casino", "free money"), 100,
					java.time.Duration.ZERO));

	Screening screen(String headline, String body) {
		return preModeration.screen(headline, body, policy, List.of(), List.of());
	}

	@Test
	void cleanTextIsPublished() {
		Screening screening = screen("Moving", "Maggie Gyllenhaal is great® 🎬 See https://example.org for more.");
		assertThat(screening.outcome()).isEqualTo(ReviewStatus.PUBLISHED);
		assertThat(screening.reasons()).isEmpty();
	}

	@Test
	void aBannedTermRejectsWhateverItsCaseWidthOrSpacing() {
		assertThat(screen("Great", "BUY   Followers here").outcome()).isEqualTo(ReviewStatus.REJECTED);
		assertThat(screen("Ｓｃａｍ!", "fullwidth letters").reasons()).containsExactly("banned term: scam");
		assertThat(screen("Great", "buy\nfollowers").outcome()).isEqualTo(ReviewStatus.REJECTED);
	}

	@Test
	void termsPaddedWithPunctuationOrSpacedOutStillMatch() {
		assertThat(screen("Great", "b.u.y f-o-l-l-o-w-e-r-s today").reasons()).containsExactly("banned term: buy followers");
		assertThat(screen("Great", "what a s c a m").reasons()).containsExactly("banned term: scam");
		assertThat(screen("Great", "**scam**").outcome()).isEqualTo(ReviewStatus.REJECTED);
		assertThat(screen("Great", "s\u200Bcam hidden by a zero-width space").outcome()).isEqualTo(ReviewStatus.REJECTED);
	}

	@Test
	void termsMatchWholeWordsOnly() {
		assertThat(screen("Scampi", "The scampering kids, a casinos-free zone").outcome())
			.isEqualTo(ReviewStatus.PUBLISHED);
	}

	@Test
	void aSuspectTermHoldsTheReviewWithItsReason() {
		Screening screening = screen("Fun", "Better than a night at the Casino.");
		assertThat(screening.outcome()).isEqualTo(ReviewStatus.HELD);
		assertThat(screening.reasons()).containsExactly("suspect term: casino");
		assertThat(screening.kinds()).containsExactly("SUSPECT_TERM");
	}

	@Test
	void aBannedTermWinsOverReasonsToHold() {
		Screening screening = screen("Fun", "free money and a scam");
		assertThat(screening.outcome()).isEqualTo(ReviewStatus.REJECTED);
		assertThat(screening.reasons()).containsExactly("banned term: scam", "suspect term: free money");
	}

	@Test
	void moreThanTwoLinksHold() {
		assertThat(screen("Links", "https://a.example http://b.example").outcome()).isEqualTo(ReviewStatus.PUBLISHED);
		Screening three = screen("Links", "https://a.example http://b.example www.c.example");
		assertThat(three.outcome()).isEqualTo(ReviewStatus.HELD);
		assertThat(three.reasons()).containsExactly("links: 3 links, more than 2");
	}

	@Test
	void shoutingHoldsButShortCapitalsDoNot() {
		assertThat(screen("WOW", "OK!").outcome()).isEqualTo(ReviewStatus.PUBLISHED);
		Screening shouting = screen("WORST FILM EVER", "I HATED EVERY SINGLE MINUTE OF IT");
		assertThat(shouting.outcome()).isEqualTo(ReviewStatus.HELD);
		assertThat(shouting.reasons()).containsExactly("shouting: 100 % capitals");
		assertThat(PreModeration.capitalsPercent("Mostly calm text with a LOUD WORD", 20)).isLessThan(70);
	}

	@Test
	void aNearDuplicateOfTheSameAuthorsOtherReviewHolds() {
		UUID other = UUID.randomUUID();
		List<OtherReview> others = List.of(new OtherReview(other, "Loved it",
				"A moving story about two mothers fighting a failing school, with great performances throughout."));
		Screening copy = preModeration.screen("Loved it!",
				"A moving story about two mothers fighting a failing school, with great performances throughout!!",
				policy, others, List.of());
		assertThat(copy.outcome()).isEqualTo(ReviewStatus.HELD);
		assertThat(copy.reasons()).singleElement().asString().startsWith("near-duplicate: 100 % alike to review " + other);
		Screening different = preModeration.screen("Meh", "Slow, predictable and far too long for what it says.",
				policy, others, List.of());
		assertThat(different.outcome()).isEqualTo(ReviewStatus.PUBLISHED);
	}

	@Test
	void anEarlierReviewOfTheTitleThatWasHiddenRemovedOrRejectedHoldsARepostWhateverItsText() {
		for (ReviewStatus status : List.of(ReviewStatus.HIDDEN, ReviewStatus.REMOVED, ReviewStatus.REJECTED)) {
			UUID earlier = UUID.randomUUID();
			Screening repost = preModeration.screen("Fine", "A calm and different text.", policy, List.of(),
					List.of(new EarlierReview(earlier, status, true, List.of("reported case REMOVE: spam"))));
			assertThat(repost.outcome()).as("earlier review %s", status).isEqualTo(ReviewStatus.HELD);
			assertThat(repost.kinds()).containsExactly("REPOST");
			assertThat(repost.reasons()).containsExactly("repost: review " + earlier + " of this title by the same author was "
					+ status + " when its author deleted it (reported case REMOVE: spam)");
		}
	}

	@Test
	void anEarlierReviewWhoseDeletionIsNotKnownYetCountsAsWell() {
		UUID earlier = UUID.randomUUID();
		Screening repost = preModeration.screen("Fine", "A calm text.", policy, List.of(),
				List.of(new EarlierReview(earlier, ReviewStatus.REMOVED, false, List.of())));
		assertThat(repost.outcome()).isEqualTo(ReviewStatus.HELD);
		assertThat(repost.reasons()).containsExactly("repost: review " + earlier + " of this title by the same author was REMOVED");
	}

	@Test
	void anEarlierReviewThatStoodPublishedOrHeldChangesNothing() {
		for (ReviewStatus status : List.of(ReviewStatus.PUBLISHED, ReviewStatus.HELD, ReviewStatus.PENDING)) {
			Screening screening = preModeration.screen("Fine", "A calm text.", policy, List.of(),
					List.of(new EarlierReview(UUID.randomUUID(), status, true, List.of("some reason"))));
			assertThat(screening.outcome()).as("earlier review %s", status).isEqualTo(ReviewStatus.PUBLISHED);
			assertThat(screening.findings()).isEmpty();
		}
	}

	@Test
	void aRepostWithABannedTermIsRejectedAndNamesBoth() {
		UUID first = UUID.randomUUID();
		UUID second = UUID.randomUUID();
		Screening screening = preModeration.screen("Deal", "buy followers here", policy, List.of(),
				List.of(new EarlierReview(first, ReviewStatus.REJECTED, true, List.of("banned term: buy followers")),
						new EarlierReview(second, ReviewStatus.PUBLISHED, true, List.of())));
		assertThat(screening.outcome()).isEqualTo(ReviewStatus.REJECTED);
		assertThat(screening.kinds()).containsExactly("BANNED_TERM", "REPOST");
		assertThat(screening.reasons()).hasSize(2).last().asString().contains(first.toString())
			.doesNotContain(second.toString());
	}

	@Test
	void jaccardOfWordTrigrams() {
		assertThat(PreModeration.jaccard(PreModeration.shingles("a b c d"), PreModeration.shingles("a b c e")))
			.isEqualTo(1.0 / 3);
		assertThat(PreModeration.jaccard(PreModeration.shingles(""), PreModeration.shingles("a b c"))).isZero();
	}

	@Test
	void normalizationFoldsCompatibilityCharactersAndWhitespace() {
		assertThat(PreModeration.normalize("  Ｆｉｌｍ\t\tIS  ﬁne ")).isEqualTo("film is fine");
	}
}
