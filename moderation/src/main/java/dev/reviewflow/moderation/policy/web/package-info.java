@NullMarked
package dev.reviewflow.moderation.policy.web;

import org.jspecify.annotations.NullMarked;
