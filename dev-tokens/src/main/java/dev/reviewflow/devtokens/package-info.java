/**
 * Development tokens for local mode ({@code ./reviewflow up}, {@code ./reviewflow token}) and tests. Production code
 * never depends on this package.
 */
@NullMarked
package dev.reviewflow.devtokens;

import org.jspecify.annotations.NullMarked;
