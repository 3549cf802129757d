@NullMarked
package dev.reviewflow.intake.title.web;

import org.jspecify.annotations.NullMarked;
