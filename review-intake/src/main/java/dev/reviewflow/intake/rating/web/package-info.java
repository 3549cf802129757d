@NullMarked
package dev.reviewflow.intake.rating.web;

import org.jspecify.annotations.NullMarked;
