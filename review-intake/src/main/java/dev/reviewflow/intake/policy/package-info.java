/**
 * The part of moderation's policy review-intake applies: how often one user may submit, edit and delete reviews and
 * change ratings, received on {@code reviews.moderation-policy}.
 */
@NullMarked
package dev.reviewflow.intake.policy;

import org.jspecify.annotations.NullMarked;
