/**
 * The moderators' queue: cases opened by reports (REPORTED), by pre-moderation (HELD) and by authors' appeals
 * (APPEAL); claimed, decided (KEEP or REMOVE) and resolved.
 */
@NullMarked
package dev.reviewflow.moderation.cases;

import org.jspecify.annotations.NullMarked;
