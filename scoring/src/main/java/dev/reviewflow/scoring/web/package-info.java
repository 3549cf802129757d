/**
 * The HTTP API: current scores ({@code ScoreController}), the live stream's endpoint ({@code LiveController}), and the
 * mapping of the {@code query} and {@code live} modules' failures to problem+json ({@code ScoringProblems}).
 */
@NullMarked
@ApplicationModule(allowedDependencies = { "query", "live" })
package dev.reviewflow.scoring.web;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
