/** Ratings 1–10 of titles, one per user per title; the latest wins. */
@NullMarked
package dev.reviewflow.intake.rating;

import org.jspecify.annotations.NullMarked;
