/**
 * Scores pushed to dashboards as they change: the Server-Sent Events stream fed from the published score topics,
 * with its snapshot on connect, per-client buffers and stream caps ({@link dev.reviewflow.scoring.live.StreamRefused}).
 * Its endpoint is in the {@code web} module.
 */
@NullMarked
@ApplicationModule(allowedDependencies = { "query" })
package dev.reviewflow.scoring.live;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
