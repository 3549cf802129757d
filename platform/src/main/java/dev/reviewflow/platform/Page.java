package dev.reviewflow.platform;

import java.util.List;

/** One page of a list: {@code {items, page, size, totalItems}}. */
public record Page<T>(List<T> items, int page, int size, long totalItems) {
}
