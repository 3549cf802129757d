package dev.reviewflow.web.dashboard;

import dev.reviewflow.events.TitleScoreChanged;
import org.jspecify.annotations.Nullable;

/**
 * One title's row on the dashboard: its name from review-intake and its figures from scoring.
 * @param score null while the title has no score yet (nobody has rated or reviewed it), or when it could not be read
 * @param problem why the figures (or the name) could not be read, in words; null when they were
 */
record TitleRow(String titleId, String name, @Nullable TitleScoreChanged score, @Nullable String problem) {
}
