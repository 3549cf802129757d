/**
 * Runs the {@link dev.reviewflow.scoring.topology.ScoringTopology} in the application's Kafka Streams instance:
 * Spring Kafka's factory bean, the dead-letter handlers, the readiness indicator, state-store metrics and the
 * interactive-query service the {@code query} module reads through.
 */
@NullMarked
@ApplicationModule(allowedDependencies = { "topology" })
package dev.reviewflow.scoring.streams;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
