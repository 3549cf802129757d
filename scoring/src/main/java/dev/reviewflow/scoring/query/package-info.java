/**
 * Reading the current scores: from this instance's state stores (interactive queries), and from the instance that
 * keeps a key when it is another one, over the same HTTP API through Boot's {@code RestClient.Builder} with the
 * timeouts of {@code reviewflow.scoring.queries.forwarding}. Stores that cannot answer yet, and an owner that does
 * not answer in time, are a {@link dev.reviewflow.scoring.query.ScoresUnavailable}.
 */
@NullMarked
@ApplicationModule(allowedDependencies = { "topology" })
package dev.reviewflow.scoring.query;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
