@NullMarked
package dev.reviewflow.web;

import org.jspecify.annotations.NullMarked;
