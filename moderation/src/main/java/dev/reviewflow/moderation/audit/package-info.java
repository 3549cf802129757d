/** The audit log: every automatic and human decision, claim, appeal and policy change; who, when, what and why. */
@NullMarked
package dev.reviewflow.moderation.audit;

import org.jspecify.annotations.NullMarked;
