package dev.reviewflow.moderation.policy;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import com.ibm.icu.lang.UCharacter;
import com.ibm.icu.lang.UCharacterCategory;
import com.ibm.icu.lang.UScript;
import com.ibm.icu.text.Normalizer2;
import com.ibm.icu.text.SpoofChecker;

/**
 * Folds accents and look-alike letters, so that a term matches however its letters are disguised: {@code "bûy"},
 * {@code "fоllowers"} with a Cyrillic {@code о}, Greek {@code "cαsinο"} all fold to the Latin letters they imitate.
 * <p>
 * Every letter or digit becomes exactly one letter or digit: its confusable skeleton (Unicode Technical Standard #39,
 * computed by ICU's {@link SpoofChecker}) after case folding, without its nonspacing marks when the letter is Latin,
 * Greek, Cyrillic or Common or its skeleton is Latin (accents: {@code é → e}, {@code ø → o}, {@code ά → a}), and
 * case-folded again ({@code 0 → O → o}, {@code 1 → l}). Where the skeleton is more than one character
 * ({@code m → rn}, {@code æ → ae}, a Hangul syllable → its jamo, {@code が → か + ﾞ}) or no letter or digit
 * ({@code く → ❬}, {@code ٠ → .}), the letter stays itself, only without accents. So a letter never
 * turns into a separator, a separator never turns into a letter ({@code |} stays a separator), and word boundaries
 * stay where they were; and ordinary words do not turn into others ({@code com} does not become {@code corn}).
 * Nonspacing marks that follow a Latin, Greek or Cyrillic letter are dropped; in other scripts (a Japanese dakuten,
 * Devanagari vowel signs) marks are part of the letter and stay.
 * <p>
 * The same fold is applied to the terms and to the text, so a term in any script still matches itself. Folding is
 * per code point and the result of each letter is cached (at most one entry per letter or digit Unicode has); the
 * {@link SpoofChecker} is immutable and thread safe (its javadoc), as is the NFD {@link Normalizer2}.
 */
final class LookAlikes {

	private static final SpoofChecker SPOOF_CHECKER = new SpoofChecker.Builder().setChecks(SpoofChecker.CONFUSABLE)
		.build();

	private static final Normalizer2 NFD = Normalizer2.getNFDInstance();

	/** Scripts whose nonspacing marks are accents, to be removed. */
	private static final Set<Integer> ACCENTED_SCRIPTS = Set.of(UScript.LATIN, UScript.GREEK, UScript.CYRILLIC,
			UScript.COMMON);

	private static final Map<Integer, Letter> LETTERS = new ConcurrentHashMap<>();

	private LookAlikes() {
	}

	/**
	 * The text with each letter and digit replaced by its fold, accents after Latin, Greek or Cyrillic letters
	 * dropped, everything else as it was. Expects text already {@link PreModeration#normalize normalized}.
	 */
	static String fold(String normalized) {
		StringBuilder folded = new StringBuilder(normalized.length());
		boolean dropMarks = false;
		for (int i = 0; i < normalized.length();) {
			int codePoint = normalized.codePointAt(i);
			i += Character.charCount(codePoint);
			if (isLetterOrNumber(codePoint)) {
				Letter letter = LETTERS.computeIfAbsent(codePoint, LookAlikes::foldLetter);
				folded.appendCodePoint(letter.codePoint());
				dropMarks = letter.accented();
			}
			else if (isNonspacingMark(codePoint)) {
				if (!dropMarks) {
					folded.appendCodePoint(codePoint);
				}
			}
			else {
				folded.appendCodePoint(codePoint);
				dropMarks = false;
			}
		}
		return folded.toString();
	}

	/** What a regular expression's {@code [\p{L}\p{N}]} matches: a letter or a number. */
	static boolean isLetterOrNumber(int codePoint) {
		return Character.isLetter(codePoint) || switch (Character.getType(codePoint)) {
			case Character.DECIMAL_DIGIT_NUMBER, Character.LETTER_NUMBER, Character.OTHER_NUMBER -> true;
			default -> false;
		};
	}

	private static Letter foldLetter(int codePoint) {
		int caseFolded = UCharacter.foldCase(codePoint, UCharacter.FOLD_CASE_DEFAULT);
		String skeleton = SPOOF_CHECKER.getSkeleton(Character.toString(caseFolded));
		boolean accented = ACCENTED_SCRIPTS.contains(UScript.getScript(caseFolded))
				|| (!skeleton.isEmpty() && UScript.getScript(skeleton.codePointAt(0)) == UScript.LATIN);
		int[] lookAlike = skeleton.codePoints().filter(c -> !(accented && isNonspacingMark(c)))
			.map(c -> UCharacter.foldCase(c, UCharacter.FOLD_CASE_DEFAULT)).toArray();
		if (lookAlike.length == 1 && isLetterOrNumber(lookAlike[0])) {
			return new Letter(lookAlike[0], accented);
		}
		int[] unaccented = NFD.normalize(Character.toString(caseFolded)).codePoints()
			.filter(c -> !(accented && isNonspacingMark(c))).toArray();
		if (unaccented.length == 1 && isLetterOrNumber(unaccented[0])) {
			return new Letter(unaccented[0], accented);
		}
		return new Letter(caseFolded, accented);
	}

	private static boolean isNonspacingMark(int codePoint) {
		return UCharacter.getType(codePoint) == UCharacterCategory.NON_SPACING_MARK;
	}

	/** A letter's fold, and whether marks after it are accents. */
	private record Letter(int codePoint, boolean accented) {
	}
}
