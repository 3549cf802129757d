/** Reviews: submitted by users and critics, moderated, then published (or not). */
@NullMarked
package dev.reviewflow.intake.review;

import org.jspecify.annotations.NullMarked;
