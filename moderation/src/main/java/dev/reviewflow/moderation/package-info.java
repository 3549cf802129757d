/** moderation: pre-moderation of every submitted and edited review, and the decisions taken about reviews. */
@NullMarked
package dev.reviewflow.moderation;

import org.jspecify.annotations.NullMarked;
