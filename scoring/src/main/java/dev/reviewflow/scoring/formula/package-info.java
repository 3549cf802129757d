/**
 * The score formulas as pure functions of counts: the Wilson lower bound of a review's helpfulness, IMDb's weighted
 * (Bayesian) rating, the audience score and Tomatometer percentages, averages and the ratings histogram. No state,
 * no Kafka, no Spring: the topology calls them with its tallies, and each has its own unit tests.
 */
@NullMarked
@ApplicationModule(allowedDependencies = {})
package dev.reviewflow.scoring.formula;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
