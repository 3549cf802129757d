package dev.reviewflow.web.titles;

import dev.reviewflow.web.api.Page;
import org.springframework.core.ParameterizedTypeReference;

/** A title as review-intake serves it. */
public record Title(String titleId, String name, int year, String kind) {

	/** A page of titles, as review-intake lists them. */
	public static final ParameterizedTypeReference<Page<Title>> PAGE = new ParameterizedTypeReference<>() {
	};
}
