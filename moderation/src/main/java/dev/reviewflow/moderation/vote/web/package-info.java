@NullMarked
package dev.reviewflow.moderation.vote.web;

import org.jspecify.annotations.NullMarked;
