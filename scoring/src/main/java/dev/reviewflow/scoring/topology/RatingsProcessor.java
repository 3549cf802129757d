package dev.reviewflow.scoring.topology;

import java.util.Objects;

import dev.reviewflow.events.CloudEvent;
import dev.reviewflow.events.RatingSet;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Applies each {@link RatingSet} to its title's tally: the user's previous rating (if any) comes out, the new one
 * (if any) goes in. Keyed by user, so a replayed or duplicated event changes nothing, and an event older than the
 * user's latest is ignored. Emits the title's full new score.
 */
final class RatingsProcessor implements Processor<String, CloudEvent<?>, String, CloudEvent<?>> {

	private KeyValueStore<String, UserRating> userRatings;

	private KeyValueStore<String, TitleTally> tallies;

	private ProcessorContext<String, CloudEvent<?>> context;

	private final ScoringSettings settings;

	RatingsProcessor(ScoringSettings settings) {
		this.settings = settings;
	}

	@Override
	public void init(ProcessorContext<String, CloudEvent<?>> context) {
		this.context = context;
		this.userRatings = context.getStateStore(ScoringTopology.USER_RATINGS);
		this.tallies = context.getStateStore(ScoringTopology.TITLE_TALLIES);
	}

	@Override
	public void process(Record<String, CloudEvent<?>> record) {
		if (!(record.value().data() instanceof RatingSet set)) {
			return;
		}
		String userKey = set.titleId() + "|" + set.userId();
		UserRating previous = userRatings.get(userKey);
		if (previous != null && previous.setAt().isAfter(set.setAt())) {
			return;
		}
		Integer before = previous == null ? null : previous.rating();
		userRatings.put(userKey, new UserRating(set.rating(), set.setAt()));
		if (Objects.equals(before, set.rating())) {
			return;
		}
		TitleTally tally = Objects.requireNonNullElse(tallies.get(set.titleId()), TitleTally.EMPTY);
		if (before != null) {
			tally = tally.without(before, set.setAt());
		}
		if (set.rating() != null) {
			tally = tally.with(set.rating(), set.setAt());
		}
		tallies.put(set.titleId(), tally);
		context.forward(record.withKey(set.titleId())
			.withValue(CloudEvent.<Object>of(ScoringTopology.SOURCE, set.titleId(), tally.toScore(set.titleId(), settings, ScoringTopology.overallMean(context))))
			.withHeaders(ScoringTopology.cloudEventHeaders()));
	}
}
