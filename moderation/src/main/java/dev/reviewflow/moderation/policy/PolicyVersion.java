package dev.reviewflow.moderation.policy;

import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonUnwrapped;

/** One version of the policy: its number, who set it and when, and its rules (flattened into the same object). */
public record PolicyVersion(int version, String changedBy, Instant changedAt, @JsonUnwrapped Policy policy) {
}
