/** The scores over HTTP. */
@NullMarked
package dev.reviewflow.scoring.web;

import org.jspecify.annotations.NullMarked;
