@NullMarked
package dev.reviewflow.moderation.report.web;

import org.jspecify.annotations.NullMarked;
