package dev.reviewflow.intake.title;

/** There is no title with this id: nothing can be reviewed or rated there. */
public class TitleNotFound extends RuntimeException {

	private final String titleId;

	public TitleNotFound(String titleId) {
		super("There is no title '" + titleId + "'.");
		this.titleId = titleId;
	}

	public String titleId() {
		return titleId;
	}
}
