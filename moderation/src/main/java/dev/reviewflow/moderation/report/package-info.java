/**
 * Reports: one open report per reporter per review, weighted by the reporter's record; enough of them open a case.
 */
@NullMarked
package dev.reviewflow.moderation.report;

import org.jspecify.annotations.NullMarked;
