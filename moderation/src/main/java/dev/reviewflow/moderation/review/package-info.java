/** The reviews moderation knows of (from {@code reviews.review-events}) and the decisions taken about them. */
@NullMarked
package dev.reviewflow.moderation.review;

import org.jspecify.annotations.NullMarked;
