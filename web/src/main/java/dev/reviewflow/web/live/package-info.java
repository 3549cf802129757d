/**
 * Live scores for the pages: one stream from scoring (every title and review), passed on to each browser for the
 * titles and reviews its page shows, so a browser never holds one of scoring's streams itself.
 */
@NullMarked
package dev.reviewflow.web.live;

import org.jspecify.annotations.NullMarked;
