package dev.reviewflow.web.api;

import java.util.List;

/** One page of a list, as every service answers it: {@code {items, page, size, totalItems}}. */
public record Page<T>(List<T> items, int page, int size, long totalItems) {

	public Page {
		items = List.copyOf(items);
	}

	public boolean empty() {
		return items.isEmpty();
	}

	public boolean hasPrevious() {
		return page > 0;
	}

	public boolean hasNext() {
		return (long) (page + 1) * size < totalItems;
	}

	/** How many pages there are, at least one. */
	public long pages() {
		return Math.max(1, (totalItems + size - 1) / size);
	}
}
