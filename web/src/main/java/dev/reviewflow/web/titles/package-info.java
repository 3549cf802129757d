/**
 * A title's page, as on IMDb and Rotten Tomatoes: its figures (live), its critic and user reviews with their
 * helpfulness, votes and reports, and the signed-in user's own review and rating.
 */
@NullMarked
package dev.reviewflow.web.titles;

import org.jspecify.annotations.NullMarked;
