package dev.reviewflow.intake.review;

import dev.reviewflow.events.Verdict;
import org.jspecify.annotations.Nullable;

/** What an author changes in an edit; {@code null} keeps the current value. */
public record ReviewPatch(@Nullable Integer rating, @Nullable Verdict verdict, @Nullable String publication,
		@Nullable String headline, @Nullable String body, @Nullable Boolean containsSpoilers) {
}
