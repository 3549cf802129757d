/** scoring: title and review scores recalculated from the event history with Kafka Streams, and served. */
@NullMarked
package dev.reviewflow.scoring;

import org.jspecify.annotations.NullMarked;
