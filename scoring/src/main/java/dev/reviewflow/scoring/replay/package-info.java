/** Rebuilding every score from the event history into a new application id, with progress, before switching over. */
@NullMarked
package dev.reviewflow.scoring.replay;

import org.jspecify.annotations.NullMarked;
