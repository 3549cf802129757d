package dev.reviewflow.moderation.policy;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import dev.reviewflow.events.ReviewStatus;

import org.springframework.stereotype.Service;

/**
 * Checks every submitted and edited review before anyone sees it. The text is normalized (Unicode NFKC, case-folded,
 * whitespace collapsed) and a banned term, matched as a whole word, rejects the review; otherwise it is published.
 */
@Service
public class PreModeration {

	private final List<Term> banned;

	PreModeration(ModerationProperties properties) {
		this.banned = properties.bannedTerms().stream().filter(term -> !term.isBlank()).map(Term::new).toList();
	}

	public Screening screen(String headline, String body) {
		String text = normalize(headline + "\n" + body);
		List<String> reasons = new ArrayList<>();
		for (Term term : banned) {
			if (term.pattern().matcher(text).find()) {
				reasons.add("banned term: " + term.text());
			}
		}
		return reasons.isEmpty() ? new Screening(ReviewStatus.PUBLISHED, List.of())
				: new Screening(ReviewStatus.REJECTED, reasons);
	}

	/** NFKC, case-folded, runs of whitespace as one space. */
	static String normalize(String text) {
		String folded = Normalizer.normalize(text, Normalizer.Form.NFKC).toLowerCase(Locale.ROOT);
		return folded.replaceAll("\\s+", " ").strip();
	}

	private record Term(String text, Pattern pattern) {

		Term(String text) {
			this(text, wholeWords(text));
		}

		/** The term's words in order, separated by any whitespace, not inside a longer word. */
		private static Pattern wholeWords(String term) {
			String words = Arrays.stream(normalize(term).split(" ")).map(Pattern::quote)
				.collect(Collectors.joining("\\s+"));
			return Pattern.compile("(?<![\\p{L}\\p{N}])" + words + "(?![\\p{L}\\p{N}])");
		}
	}
}
