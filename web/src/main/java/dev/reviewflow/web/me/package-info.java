/**
 * {@code /me}: the signed-in user's own reviews with their status, the moderators' reasons and an appeal before the
 * deadline, and their reports with what became of them.
 */
@NullMarked
package dev.reviewflow.web.me;

import org.jspecify.annotations.NullMarked;
