/** The moderation policy and the automatic pre-moderation that applies it. */
@NullMarked
package dev.reviewflow.moderation.policy;

import org.jspecify.annotations.NullMarked;
