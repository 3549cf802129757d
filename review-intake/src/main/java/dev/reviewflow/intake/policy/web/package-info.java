/** How the policy's refusals read over HTTP. */
@NullMarked
package dev.reviewflow.intake.policy.web;

import org.jspecify.annotations.NullMarked;
