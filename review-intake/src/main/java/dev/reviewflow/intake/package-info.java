/** review-intake: submitting, editing and reading reviews and ratings. Owns titles, reviews and ratings. */
@NullMarked
package dev.reviewflow.intake;

import org.jspecify.annotations.NullMarked;
