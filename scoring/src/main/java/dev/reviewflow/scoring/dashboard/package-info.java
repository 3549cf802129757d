/**
 * {@code /}: sends a person who opens scoring in a browser to the pages' live dashboard
 * ({@code reviewflow.scoring.dashboard.url}), which reads the scores from here.
 */
@NullMarked
@ApplicationModule(allowedDependencies = {})
package dev.reviewflow.scoring.dashboard;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
