/** Calling the three services on the browser's behalf, with its token, and their refusals in words. */
@NullMarked
package dev.reviewflow.web.api;

import org.jspecify.annotations.NullMarked;
