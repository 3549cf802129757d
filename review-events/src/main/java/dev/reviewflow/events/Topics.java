package dev.reviewflow.events;

import java.util.List;

import static dev.reviewflow.events.EventTypes.*;

/** The topics of reviewflow, their keys and the events on each. */
public final class Topics {

	/** Default partition count of every topic. */
	public static final int PARTITIONS = 6;

	public static final Topic REVIEW_EVENTS = new Topic("reviews.review-events", "reviewId",
			List.of(REVIEW_SUBMITTED, REVIEW_EDITED, REVIEW_DELETED), Topic.Cleanup.DELETE);

	public static final Topic RATINGS = new Topic("reviews.ratings", "titleId", List.of(RATING_SET),
			Topic.Cleanup.DELETE);

	public static final Topic VOTES = new Topic("reviews.votes", "reviewId", List.of(HELPFULNESS_VOTE_SET),
			Topic.Cleanup.DELETE);

	public static final Topic REPORTS = new Topic("reviews.reports", "reviewId", List.of(REVIEW_REPORTED),
			Topic.Cleanup.DELETE);

	public static final Topic MODERATION_DECISIONS = new Topic("reviews.moderation-decisions", "reviewId",
			List.of(MODERATION_DECIDED), Topic.Cleanup.DELETE);

	/** One key ({@link ModerationPolicyChanged#KEY}), compacted: the latest policy version, for services to apply. */
	public static final Topic MODERATION_POLICY = new Topic("reviews.moderation-policy", "policy",
			List.of(MODERATION_POLICY_CHANGED), Topic.Cleanup.COMPACT);

	public static final Topic TITLE_SCORES = new Topic("reviews.title-scores", "titleId",
			List.of(TITLE_SCORE_CHANGED), Topic.Cleanup.COMPACT);

	public static final Topic REVIEW_SCORES = new Topic("reviews.review-scores", "reviewId",
			List.of(REVIEW_SCORE_CHANGED), Topic.Cleanup.COMPACT);

	public static final List<Topic> ALL = List.of(REVIEW_EVENTS, RATINGS, VOTES, REPORTS, MODERATION_DECISIONS,
			MODERATION_POLICY, TITLE_SCORES, REVIEW_SCORES);

	private Topics() {
	}

	/** The topic an event type is published to. */
	public static Topic of(EventType<?> type) {
		return ALL.stream()
			.filter(topic -> topic.carries(type))
			.findFirst()
			.orElseThrow(() -> new IllegalArgumentException("No topic carries " + type.name()));
	}
}
