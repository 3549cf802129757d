package dev.reviewflow.scoring.live;

import org.jspecify.annotations.Nullable;

/**
 * One score to push: the SSE event name ({@code title-score} or {@code review-score}), the id of what it scores, the
 * title it belongs to (for filtering; unknown for a review scoring has not seen) and the JSON payload.
 */
record ScoreUpdate(String event, String id, @Nullable String titleId, Object data) {

	String key() {
		return event + ":" + id;
	}
}
