package dev.reviewflow.web.live;

/**
 * One event of scoring's stream: its name ({@code title-score} or {@code review-score}), the id of what it scores (a
 * title id or a review id) and its JSON data, passed on as it came.
 */
record ScoreEvent(String name, String id, String data) {

	String key() {
		return name + ":" + id;
	}
}
