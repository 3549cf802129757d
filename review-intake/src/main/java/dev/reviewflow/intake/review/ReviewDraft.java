package dev.reviewflow.intake.review;

import dev.reviewflow.events.ReviewType;
import dev.reviewflow.events.Verdict;
import org.jspecify.annotations.Nullable;

/** What an author submits: a rating for user reviews, a verdict and publication for critic reviews. */
public record ReviewDraft(ReviewType type, @Nullable Integer rating, @Nullable Verdict verdict,
		@Nullable String publication, String headline, String body, boolean containsSpoilers) {
}
