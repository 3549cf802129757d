package dev.reviewflow.intake.review;

import java.util.List;

import dev.reviewflow.events.ReviewType;

/**
 * Fields that do not belong to this type of review, or that it lacks: a user review has a rating and no verdict or
 * publication, a critic review the opposite. {@code edit} tells an edit from a submission.
 */
public class InvalidReviewFields extends RuntimeException {

	/** One offending field and what is wrong with it. */
	public record Field(String field, String message) {
	}

	private final ReviewType type;

	private final List<Field> fields;

	private final boolean edit;

	public InvalidReviewFields(ReviewType type, List<Field> fields, boolean edit) {
		super(fields.size() + " invalid field(s) for a " + type + " review: " + fields);
		this.type = type;
		this.fields = List.copyOf(fields);
		this.edit = edit;
	}

	public ReviewType type() {
		return type;
	}

	public List<Field> fields() {
		return fields;
	}

	public boolean edit() {
		return edit;
	}
}
