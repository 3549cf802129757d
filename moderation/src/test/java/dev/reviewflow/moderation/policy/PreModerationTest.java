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
			new ModerationProperties(List.of("buy followers", "scam"), List.of("casino", "free money"),
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

	@Test
	void accentedLettersStillMatch() {
		assertThat(screen("Great", "bûy fóllowers here").reasons()).containsExactly("banned term: buy followers");
		assertThat(screen("Great", "BÛY FØŁŁOWĖRS").reasons()).containsExactly("banned term: buy followers");
		assertThat(screen("Great", "what a s\u0336c\u0336a\u0336m\u0336").reasons()).containsExactly("banned term: scam");
		assertThat(screen("Fun", "a night at the cäsïnô").reasons()).containsExactly("suspect term: casino");
	}

	@Test
	void cyrillicGreekFullwidthAndMathematicalLookAlikesStillMatch() {
		// Cyrillic о (U+043E)
		assertThat(screen("Great", "buy f\u043Ellowers").reasons()).containsExactly("banned term: buy followers");
		// Cyrillic ѕ с а, capital С
		assertThat(screen("Great", "\u0455\u0441\u0430m").reasons()).containsExactly("banned term: scam");
		assertThat(screen("Great", "S\u0421AM").reasons()).containsExactly("banned term: scam");
		// Greek υ γ ο
		assertThat(screen("Great", "b\u03C5\u03B3 f\u03BFll\u03BFwers").reasons())
			.containsExactly("banned term: buy followers");
		// fullwidth and mathematical bold letters
		assertThat(screen("Great", "ｂｕｙ ｆｏｌｌｏｗｅｒｓ").reasons()).containsExactly("banned term: buy followers");
		assertThat(screen("Great", "\uD835\uDC2C\uD835\uDC1C\uD835\uDC1A\uD835\uDC26").reasons())
			.containsExactly("banned term: scam");
	}

	@Test
	void mixedDisguisesSpacedOutStillMatch() {
		// fullwidth B, accented u, Greek γ; Cyrillic о, digit 1 for l, digit 0 for o, Cyrillic е, ѕ
		Screening screening = screen("Great", "Ｂ.ù.γ  f-\u043E-1-l-0-w-\u0435-r-\u0455 now");
		assertThat(screening.outcome()).isEqualTo(ReviewStatus.REJECTED);
		assertThat(screening.reasons()).containsExactly("banned term: buy followers");
	}

	@Test
	void suspectTermsAreFoldedToo() {
		// Greek α ο; Cyrillic е о у
		Screening casino = screen("Fun", "better than a night at the c\u03B1sin\u03BF");
		assertThat(casino.outcome()).isEqualTo(ReviewStatus.HELD);
		assertThat(casino.reasons()).containsExactly("suspect term: casino");
		assertThat(screen("Fun", "fr\u0435\u0435 m\u043En\u0435\u0443 inside").reasons())
			.containsExactly("suspect term: free money");
	}

	@Test
	void termsWithLookAlikesOrAccentsMatchPlainText() {
		// an administrator's term typed with a Cyrillic а and an accent
		Policy typed = Policy.initial(new ModerationProperties(List.of("sc\u0430m"), List.of("cáfe"),
				java.time.Duration.ZERO));
		assertThat(preModeration.screen("Great", "a scam and a cafe", typed, List.of(), List.of()).reasons())
			.containsExactly("banned term: sc\u0430m", "suspect term: cáfe");
	}

	@Test
	void digitsFoldToTheLettersTheyImitateWithoutMovingWordBoundaries() {
		Policy words = Policy.initial(new ModerationProperties(List.of("ass", "scam"), List.of(),
				java.time.Duration.ZERO));
		assertThat(PreModeration.fold("c1ass f0llowers")).isEqualTo("class followers");
		assertThat(preModeration.screen("Fine", "A c1ass act, a cl4ss of its own, a first class film", words, List.of(), List.of())
			.outcome()).isEqualTo(ReviewStatus.PUBLISHED);
		assertThat(preModeration.screen("Fine", "scam1 and 1scam are longer words", words, List.of(), List.of()).outcome())
			.isEqualTo(ReviewStatus.PUBLISHED);
		assertThat(preModeration.screen("Fine", "what an a55 or a-s-s", words, List.of(), List.of()).reasons())
			.containsExactly("banned term: ass");
		assertThat(screen("Great", "buy fo11owers").reasons()).containsExactly("banned term: buy followers");
	}

	@Test
	void lettersWhoseLookAlikeIsASequenceStayThemselves() {
		// UTS #39 skeletons make m look like rn: "com" would otherwise read as "corn"
		Policy corn = Policy.initial(new ModerationProperties(List.of(), List.of("corn"), java.time.Duration.ZERO));
		assertThat(PreModeration.fold("com mœurs")).isEqualTo("com mœurs");
		assertThat(preModeration.screen("Fine", "More at example.com", corn, List.of(), List.of()).outcome())
			.isEqualTo(ReviewStatus.PUBLISHED);
		assertThat(preModeration.screen("Fine", "popcorn and corn", corn, List.of(), List.of()).reasons())
			.containsExactly("suspect term: corn");
	}

	@Test
	void separatorsStaySeparators() {
		assertThat(PreModeration.fold("s|c|a|m")).isEqualTo("s|c|a|m");
		assertThat(screen("Great", "s|c|a|m").reasons()).containsExactly("banned term: scam");
		assertThat(screen("Great", "|scam|").reasons()).containsExactly("banned term: scam");
	}

	@Test
	void termsInTheirOwnScriptMatchThemselvesInAnyCaseAndWithLatinLookAlikes() {
		Policy own = Policy.initial(new ModerationProperties(List.of("казино"), List.of("τζόγος", "ばか"),
				java.time.Duration.ZERO));
		assertThat(preModeration.screen("Фильм", "Лучше, чем КАЗИНО.", own, List.of(), List.of()).reasons())
			.containsExactly("banned term: казино");
		// Latin a and o among the Cyrillic letters
		assertThat(preModeration.screen("Фильм", "как в кaзинo", own, List.of(), List.of()).reasons())
			.containsExactly("banned term: казино");
		assertThat(preModeration.screen("Ταινία", "ΟΠΩΣ Ο ΤΖΟΓΟΣ", own, List.of(), List.of()).reasons())
			.containsExactly("suspect term: τζόγος");
		assertThat(preModeration.screen("Ταινία", "σαν τζογος", own, List.of(), List.of()).reasons())
			.containsExactly("suspect term: τζόγος");
		// a Japanese dakuten is part of the letter, not an accent: ば is not は
		assertThat(preModeration.screen("映画", "ばか!", own, List.of(), List.of()).reasons()).containsExactly("suspect term: ばか");
		assertThat(preModeration.screen("映画", "はか!", own, List.of(), List.of()).outcome()).isEqualTo(ReviewStatus.PUBLISHED);
	}

	@Test
	void ordinaryNonLatinTextIsNotFlagged() {
		Policy own = Policy.initial(new ModerationProperties(List.of("buy followers", "scam", "казино"),
				List.of("casino", "free money", "τζόγος", "ばか"), java.time.Duration.ZERO));
		List<String> texts = List.of("Отличный фильм, смотрели всей семьёй. Актёры играют прекрасно, сюжет держит до конца!",
				"Πολύ καλή ταινία, η σκηνοθεσία είναι εξαιρετική και οι ηθοποιοί υπέροχοι.",
				"این فیلم واقعاً عالی بود و بازیگران فوق\u200Cالعاده بودند. نمره ۱۰ از ۱۰",
				"とても良い映画でした。よく出来ていると思います。ばかばかしい場面もない。",
				"정말 좋은 영화였어요. 배우들의 연기가 훌륭합니다.",
				"बहुत अच्छी फिल्म है, कहानी शानदार है।");
		for (String text : texts) {
			assertThat(preModeration.screen("Review", text, own, List.of(), List.of()).reasons()).as(text).isEmpty();
		}
	}

	@Test
	void nonLatinLettersKeepTheirMarksAndStayLetters() {
		assertThat(PreModeration.fold("よく が 한국 नमस्ते")).isEqualTo("よく が 한국 नमस्ते");
		// Persian ten: the one looks like an l, the zero (whose look-alike is a dot) stays a digit
		assertThat(PreModeration.fold("۱۰")).isEqualTo("l۰");
		assertThat(PreModeration.fold("ΤΖΟΓΟΣ")).isEqualTo(PreModeration.fold("τζόγος"));
		assertThat(PreModeration.fold("Семьёй")).isEqualTo(PreModeration.fold("семьей"));
	}

	@Test
	void everyLetterOrDigitFoldsToOneLetterOrDigitAndNothingElseChanges() {
		for (int codePoint = 0; codePoint <= Character.MAX_CODE_POINT; codePoint++) {
			if (!Character.isDefined(codePoint) || Character.isSurrogate((char) codePoint) && codePoint <= 0xFFFF
					|| Character.getType(codePoint) == Character.NON_SPACING_MARK) {
				continue;
			}
			String character = Character.toString(codePoint);
			String folded = LookAlikes.fold(character);
			if (LookAlikes.isLetterOrNumber(codePoint)) {
				assertThat(folded.codePointCount(0, folded.length())).as("U+%04X", codePoint).isOne();
				assertThat(LookAlikes.isLetterOrNumber(folded.codePointAt(0))).as("U+%04X", codePoint).isTrue();
			}
			else {
				assertThat(folded).as("U+%04X", codePoint).isEqualTo(character);
			}
		}
	}

	@Test
	void aNearDuplicateInLookAlikeLettersHolds() {
		UUID other = UUID.randomUUID();
		List<OtherReview> others = List.of(new OtherReview(other, "Loved it",
				"A moving story about two mothers fighting a failing school, with great performances throughout."));
		// Cyrillic а о е с р in place of the Latin letters
		String disguised = "A m\u043Eving st\u043Ery \u0430b\u043Eut tw\u043E m\u043Ethers fighting \u0430 f\u0430iling "
				+ "s\u0441h\u043E\u043El, with gre\u0430t \u0440erf\u043Erm\u0430n\u0441es thr\u043Eugh\u043Eut.";
		Screening copy = preModeration.screen("Loved it", disguised, policy, others, List.of());
		assertThat(copy.outcome()).isEqualTo(ReviewStatus.HELD);
		assertThat(copy.reasons()).singleElement().asString().startsWith("near-duplicate: 100 % alike to review " + other);
	}
}
