/** Helpfulness votes: one current vote per user per review ("46 of 57 people found this review helpful"). */
@NullMarked
package dev.reviewflow.moderation.vote;

import org.jspecify.annotations.NullMarked;
