/**
 * The Kafka Streams topology that turns events into scores, as a plain function of a {@code StreamsBuilder}
 * ({@link dev.reviewflow.scoring.topology.ScoringTopology#build}): its processors, the state records and serdes of its
 * stores, and {@link dev.reviewflow.scoring.topology.StoredScores}, which reads those stores into the published score
 * shapes. No Spring wiring here (that is the {@code streams} module's); the formulas are the {@code formula} module's.
 */
@NullMarked
@ApplicationModule(allowedDependencies = { "formula" })
package dev.reviewflow.scoring.topology;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
