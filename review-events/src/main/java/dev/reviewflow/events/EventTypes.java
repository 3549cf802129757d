package dev.reviewflow.events;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/** Every event type reviewflow publishes. */
public final class EventTypes {

	public static final EventType<ReviewSubmitted> REVIEW_SUBMITTED = type("review-submitted", ReviewSubmitted.class);

	public static final EventType<ReviewEdited> REVIEW_EDITED = type("review-edited", ReviewEdited.class);

	public static final EventType<ReviewDeleted> REVIEW_DELETED = type("review-deleted", ReviewDeleted.class);

	public static final EventType<RatingSet> RATING_SET = type("rating-set", RatingSet.class, "version");

	public static final EventType<HelpfulnessVoteSet> HELPFULNESS_VOTE_SET = type("helpfulness-vote-set",
			HelpfulnessVoteSet.class, "version");

	public static final EventType<ReviewReported> REVIEW_REPORTED = type("review-reported", ReviewReported.class);

	public static final EventType<ModerationDecided> MODERATION_DECIDED = type("moderation-decided",
			ModerationDecided.class, "sequence");

	public static final EventType<ModerationPolicyChanged> MODERATION_POLICY_CHANGED = type(
			"moderation-policy-changed", ModerationPolicyChanged.class);

	public static final EventType<TitleScoreChanged> TITLE_SCORE_CHANGED = type("title-score-changed",
			TitleScoreChanged.class, "version");

	public static final EventType<ReviewScoreChanged> REVIEW_SCORE_CHANGED = type("review-score-changed",
			ReviewScoreChanged.class, "version");

	public static final List<EventType<?>> ALL = List.of(REVIEW_SUBMITTED, REVIEW_EDITED, REVIEW_DELETED, RATING_SET,
			HELPFULNESS_VOTE_SET, REVIEW_REPORTED, MODERATION_DECIDED, MODERATION_POLICY_CHANGED, TITLE_SCORE_CHANGED,
			REVIEW_SCORE_CHANGED);

	private static final Map<String, EventType<?>> BY_NAME = ALL.stream()
		.collect(Collectors.toUnmodifiableMap(EventType::name, Function.identity()));

	private static final Map<Class<?>, EventType<?>> BY_DATA_TYPE = ALL.stream()
		.collect(Collectors.toUnmodifiableMap(EventType::dataType, Function.identity()));

	private EventTypes() {
	}

	public static Optional<EventType<?>> byName(String name) {
		return Optional.ofNullable(BY_NAME.get(name));
	}

	@SuppressWarnings("unchecked")
	public static <T> EventType<T> of(Class<T> dataType) {
		EventType<?> type = BY_DATA_TYPE.get(dataType);
		if (type == null) {
			throw new IllegalArgumentException("Not an event record: " + dataType.getName());
		}
		return (EventType<T>) type;
	}

	private static <T> EventType<T> type(String name, Class<T> dataType, String... addedLater) {
		return new EventType<>("reviewflow." + name + ".v1", dataType, List.of(addedLater));
	}
}
