@NullMarked
package dev.reviewflow.intake.review.web;

import org.jspecify.annotations.NullMarked;
