/** Kafka serdes of the reviewflow event envelope. */
@NullMarked
package dev.reviewflow.events.kafka;

import org.jspecify.annotations.NullMarked;
