@NullMarked
package dev.reviewflow.moderation.cases.web;

import org.jspecify.annotations.NullMarked;
