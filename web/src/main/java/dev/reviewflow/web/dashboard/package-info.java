/**
 * The dashboard: every title's figures a page at a time, updated in place from the live stream; a live plot of the
 * chosen title's average and rating count since the page opened; the rate of score changes arriving; the chosen
 * title's most helpful reviews; and, for moderators, the depth of the moderation queue.
 */
@NullMarked
package dev.reviewflow.web.dashboard;

import org.jspecify.annotations.NullMarked;
