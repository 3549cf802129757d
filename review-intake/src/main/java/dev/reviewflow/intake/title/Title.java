package dev.reviewflow.intake.title;

import java.time.Instant;

/** A movie or series that can be reviewed and rated. */
public record Title(String titleId, String name, int year, TitleKind kind, Instant createdAt, Instant updatedAt) {
}
