package dev.reviewflow.intake.review;

/** How a title's reviews are listed. */
public enum ReviewOrder {

	/** Most helpful first (Wilson lower bound of helpful votes), then newest. */
	HELPFUL("wilson_lower_bound desc, created_at desc, review_id"),
	/** Newest first. */
	NEWEST("created_at desc, review_id"),
	/** Highest rating first (critic reviews: FRESH first), then newest. */
	RATING("rating desc nulls last, verdict asc nulls last, created_at desc, review_id");

	private final String sql;

	ReviewOrder(String sql) {
		this.sql = sql;
	}

	String sql() {
		return sql;
	}
}
