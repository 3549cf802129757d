package dev.reviewflow.moderation.policy;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import dev.reviewflow.events.ReviewStatus;
import dev.reviewflow.moderation.policy.Screening.Finding;
import dev.reviewflow.moderation.policy.Screening.Kind;

import org.springframework.stereotype.Service;

/**
 * Checks every submitted and edited review before anyone sees it. The text is normalized (Unicode NFKC, case-folded,
 * invisible format characters dropped, whitespace collapsed) and, for terms and near-duplicates, its accents and
 * look-alike letters are folded ({@link LookAlikes}: {@code "bûy fоllowers"} with a Cyrillic {@code о} reads as
 * {@code "buy followers"}); then a banned term rejects the review (REJECTED), and a suspect term, more than
 * {@link Policy#maxLinks()} links, shouting, a near-duplicate of the author's review of another title (deleted ones
 * included), or an earlier review of the same title by the same author that moderation hid, removed or rejected (a
 * repost, see {@link #MODERATED_AGAINST}) holds it for a moderator (HELD); otherwise it is published.
 * <p>
 * Terms are folded the same way and match whole words, also when their letters are padded or spaced out with
 * punctuation or blanks ({@code "b.u.y  f-o-l-l-o-w-e-r-s"}), but not inside longer words ({@code "class"} does not
 * contain {@code "ass"}, nor does {@code "c1ass"}, whose {@code 1} folds to {@code l}). A finding names the term as
 * the policy spells it.
 */
@Service
public class PreModeration {

	private static final Pattern LINK = Pattern.compile("(?:https?://|www\\.)[^\\s]+");

	private static final String SEPARATORS = "[^\\p{L}\\p{N}]*";

	private static final Pattern FORMAT_CHARACTERS = Pattern.compile("\\p{Cf}+");

	private static final Pattern WHITESPACE = Pattern.compile("\\s+");

	private final AtomicReference<CompiledTerms> compiled = new AtomicReference<>();

	/**
	 * Where an earlier review of the same title by the same author stood that makes a new one a repost to hold: a
	 * deleted review keeps this standing against its author, so deleting and posting again does not undo moderation.
	 */
	public static final Set<ReviewStatus> MODERATED_AGAINST = Set.copyOf(
			EnumSet.of(ReviewStatus.HIDDEN, ReviewStatus.REMOVED, ReviewStatus.REJECTED));

	public PreModeration() {
		// loads ICU's confusables data (~0.2 s) when the service starts rather than on the first review
		LookAlikes.fold("a");
	}

	/** Another review by the same author, to compare with. */
	public record OtherReview(UUID reviewId, String headline, String body) {
	}

	/**
	 * An earlier review of the same title by the same author: where it stood (when it was deleted, where it stood
	 * then) and the reasons of the last decision about it.
	 */
	public record EarlierReview(UUID reviewId, ReviewStatus status, boolean deleted, List<String> reasons) {

		public EarlierReview {
			reasons = List.copyOf(reasons);
		}
	}

	/**
	 * Screens a new revision.
	 * @param othersByAuthor the author's reviews of other titles, to find near-duplicates
	 * @param earlierOfTitle the author's earlier reviews of this title (deleted, or their deletion not yet known);
	 * those {@link #MODERATED_AGAINST} make this one a repost
	 */
	public Screening screen(String headline, String body, Policy policy, List<OtherReview> othersByAuthor,
			List<EarlierReview> earlierOfTitle) {
		String original = headline + "\n" + body;
		String text = normalize(original);
		String folded = LookAlikes.fold(text);
		CompiledTerms terms = terms(policy);
		List<Finding> findings = new ArrayList<>();
		terms.banned().stream().filter(term -> term.pattern().matcher(folded).find())
			.forEach(term -> findings.add(new Finding(Kind.BANNED_TERM, term.text())));
		terms.suspect().stream().filter(term -> term.pattern().matcher(folded).find())
			.forEach(term -> findings.add(new Finding(Kind.SUSPECT_TERM, term.text())));
		long links = LINK.matcher(text).results().count();
		if (links > policy.maxLinks()) {
			findings.add(new Finding(Kind.LINKS, links + " links, more than " + policy.maxLinks()));
		}
		int capitals = capitalsPercent(original, policy.shouting().minLetters());
		if (capitals >= policy.shouting().capitalsPercent()) {
			findings.add(new Finding(Kind.SHOUTING, capitals + " % capitals"));
		}
		Set<String> shingles = shingles(folded);
		for (OtherReview other : othersByAuthor) {
			double similarity = jaccard(shingles, shingles(fold(other.headline() + "\n" + other.body())));
			if (similarity >= policy.nearDuplicateSimilarity()) {
				findings.add(new Finding(Kind.NEAR_DUPLICATE,
						String.format(Locale.ROOT, "%.0f %% alike to review %s", similarity * 100, other.reviewId())));
				break;
			}
		}
		earlierOfTitle.stream().filter(earlier -> MODERATED_AGAINST.contains(earlier.status()))
			.forEach(earlier -> findings.add(new Finding(Kind.REPOST, repost(earlier))));
		if (findings.stream().anyMatch(finding -> finding.kind() == Kind.BANNED_TERM)) {
			return new Screening(ReviewStatus.REJECTED, findings);
		}
		return new Screening(findings.isEmpty() ? ReviewStatus.PUBLISHED : ReviewStatus.HELD, findings);
	}

	private static String repost(EarlierReview earlier) {
		return "review " + earlier.reviewId() + " of this title by the same author was " + earlier.status().name()
				+ (earlier.deleted() ? " when its author deleted it" : "")
				+ (earlier.reasons().isEmpty() ? "" : " (" + String.join("; ", earlier.reasons()) + ")");
	}

	/** NFKC, case-folded, without invisible format characters, runs of whitespace as one space. */
	static String normalize(String text) {
		String folded = Normalizer.normalize(text, Normalizer.Form.NFKC).toLowerCase(Locale.ROOT);
		String visible = FORMAT_CHARACTERS.matcher(folded).replaceAll("");
		return WHITESPACE.matcher(visible).replaceAll(" ").strip();
	}

	/** {@link #normalize Normalized}, then accents and look-alike letters folded ({@link LookAlikes}). */
	static String fold(String text) {
		return LookAlikes.fold(normalize(text));
	}

	/**
	 * The share of capitals among the cased letters, in percent; 0 when there are fewer than {@code minLetters} of
	 * them (a short "OK" or "WOW" is not shouting).
	 */
	static int capitalsPercent(String text, int minLetters) {
		String composed = Normalizer.normalize(text, Normalizer.Form.NFKC);
		long upper = composed.codePoints().filter(Character::isUpperCase).count();
		long cased = upper + composed.codePoints().filter(Character::isLowerCase).count();
		return cased < minLetters ? 0 : (int) (100 * upper / cased);
	}

	/** Word trigrams (single words for texts shorter than three words). */
	static Set<String> shingles(String normalized) {
		String[] words = Arrays.stream(normalized.split("[^\\p{L}\\p{N}]+")).filter(word -> !word.isEmpty())
			.toArray(String[]::new);
		if (words.length < 3) {
			return new HashSet<>(Arrays.asList(words));
		}
		Set<String> shingles = new HashSet<>();
		for (int i = 0; i + 3 <= words.length; i++) {
			shingles.add(words[i] + " " + words[i + 1] + " " + words[i + 2]);
		}
		return shingles;
	}

	static double jaccard(Set<String> a, Set<String> b) {
		if (a.isEmpty() || b.isEmpty()) {
			return 0;
		}
		long common = a.stream().filter(b::contains).count();
		return (double) common / (a.size() + b.size() - common);
	}

	private CompiledTerms terms(Policy policy) {
		CompiledTerms known = compiled.get();
		if (known != null && known.source().equals(List.of(policy.bannedTerms(), policy.suspectTerms()))) {
			return known;
		}
		CompiledTerms fresh = new CompiledTerms(List.of(policy.bannedTerms(), policy.suspectTerms()),
				compile(policy.bannedTerms()), compile(policy.suspectTerms()));
		compiled.set(fresh);
		return fresh;
	}

	private static List<Term> compile(List<String> terms) {
		return terms.stream().map(Term::of).flatMap(Optional::stream).toList();
	}

	private record CompiledTerms(List<List<String>> source, List<Term> banned, List<Term> suspect) {
	}

	/** A term as the policy spells it, and the pattern that finds it in folded text. */
	record Term(String text, Pattern pattern) {

		/** The term, or none when it has no letter or digit to look for. */
		static Optional<Term> of(String text) {
			List<String> letters = fold(text).codePoints().filter(LookAlikes::isLetterOrNumber)
				.mapToObj(Character::toString).toList();
			return letters.isEmpty() ? Optional.empty() : Optional.of(new Term(text, spacedWholeWords(letters)));
		}

		/**
		 * The term's folded letters in order, each may be followed by separators (punctuation, blanks), neither
		 * preceded nor followed by a letter or digit.
		 */
		private static Pattern spacedWholeWords(List<String> letters) {
			String spaced = letters.stream().map(Pattern::quote).collect(Collectors.joining(SEPARATORS));
			return Pattern.compile("(?<![\\p{L}\\p{N}])" + spaced + "(?![\\p{L}\\p{N}])");
		}
	}
}
