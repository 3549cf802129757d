@NullMarked
package dev.reviewflow.moderation.audit.web;

import org.jspecify.annotations.NullMarked;
