/** The Kafka Streams topology that turns events into scores, and the state stores it keeps them in. */
@NullMarked
package dev.reviewflow.scoring.topology;

import org.jspecify.annotations.NullMarked;
