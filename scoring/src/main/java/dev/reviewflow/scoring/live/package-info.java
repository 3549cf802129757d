/** Scores pushed to dashboards as they change: Server-Sent Events fed from the published score topics. */
@NullMarked
package dev.reviewflow.scoring.live;

import org.jspecify.annotations.NullMarked;
