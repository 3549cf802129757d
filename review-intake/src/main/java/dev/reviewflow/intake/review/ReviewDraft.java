package dev.reviewflow.intake.review;

import java.util.ArrayList;
import java.util.List;

import dev.reviewflow.events.ReviewType;
import dev.reviewflow.events.Verdict;
import org.jspecify.annotations.Nullable;

/** What an author submits: a rating for user reviews, a verdict and publication for critic reviews. */
public record ReviewDraft(ReviewType type, @Nullable Integer rating, @Nullable Verdict verdict,
		@Nullable String publication, String headline, String body, boolean containsSpoilers) {

	/**
	 * The draft of the author's type of review (a critic writes critic reviews, everyone else user reviews), or
	 * {@link InvalidReviewFields} listing every field it lacks or must not have.
	 */
	public static ReviewDraft by(Author author, @Nullable Integer rating, @Nullable Verdict verdict,
			@Nullable String publication, String headline, String body, @Nullable Boolean containsSpoilers) {
		List<InvalidReviewFields.Field> invalid = new ArrayList<>();
		ReviewType type = author.isCritic() ? ReviewType.CRITIC : ReviewType.USER;
		if (type == ReviewType.USER) {
			require(rating != null, "rating", "is required for a user review (1 to 10)", invalid);
			require(verdict == null, "verdict", "is only for critic reviews", invalid);
			require(publication == null, "publication", "is only for critic reviews", invalid);
		}
		else {
			require(verdict != null, "verdict", "is required for a critic review (FRESH or ROTTEN)", invalid);
			require(publication != null, "publication", "is required for a critic review", invalid);
			require(rating == null, "rating", "is only for user reviews", invalid);
		}
		if (!invalid.isEmpty()) {
			throw new InvalidReviewFields(type, invalid, false);
		}
		return new ReviewDraft(type, rating, verdict, publication, headline, body,
				Boolean.TRUE.equals(containsSpoilers));
	}

	private static void require(boolean condition, String field, String message,
			List<InvalidReviewFields.Field> invalid) {
		if (!condition) {
			invalid.add(new InvalidReviewFields.Field(field, message));
		}
	}
}
