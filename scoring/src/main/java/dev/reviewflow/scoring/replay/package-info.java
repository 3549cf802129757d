/** Rebuilding every score from the event history into a new application id, with progress, before switching over. */
@NullMarked
@ApplicationModule(allowedDependencies = { "topology" })
package dev.reviewflow.scoring.replay;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
