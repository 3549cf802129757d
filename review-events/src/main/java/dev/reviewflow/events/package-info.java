/**
 * The contract between reviewflow's services: immutable event records named in the past tense, the topics they
 * travel on, the CloudEvents 1.0 structured-mode envelope and its JSON codec.
 */
@NullMarked
package dev.reviewflow.events;

import org.jspecify.annotations.NullMarked;
