/** Titles (movies and series) that reviews and ratings belong to. */
@NullMarked
package dev.reviewflow.intake.title;

import org.jspecify.annotations.NullMarked;
