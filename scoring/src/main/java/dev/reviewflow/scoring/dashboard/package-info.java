/**
 * The live dashboard at {@code /}: a page, its script and its style sheet, under a Content-Security-Policy that lets
 * it reach only this service and review-intake (for headlines).
 */
@NullMarked
@ApplicationModule(allowedDependencies = {})
package dev.reviewflow.scoring.dashboard;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
