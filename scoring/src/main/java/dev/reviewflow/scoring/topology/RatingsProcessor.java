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
 * (if any) goes in. Keyed by user and ordered by the rating's version, so a replayed or duplicated event changes
 * nothing, and a version older than the user's latest, arriving late, is ignored. Emits the title's full new score.
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
		StaleWeighted.schedule(context, tallies, settings);
	}

	@Override
	public void process(Record<String, CloudEvent<?>> record) {
		if (!(record.value().data() instanceof RatingSet set)) {
			return;
		}
		String userKey = set.titleId() + "|" + set.userId();
		UserRating previous = userRatings.get(userKey);
		if (previous != null && !Versions.newer(set.version(), set.setAt(), previous.version(), previous.setAt())) {
			return;
		}
		Integer before = previous == null ? null : previous.rating();
		userRatings.put(userKey, new UserRating(set.rating(), set.setAt(), set.version()));
		if (Objects.equals(before, set.rating())) {
			return;
		}
		TitleTally tally = Objects.requireNonNullElse(tallies.get(set.titleId()), TitleTally.EMPTY)
			.rated(before, set.rating(), set.setAt(), ScoringTopology.overallMean(context));
		tallies.put(set.titleId(), tally);
		context.forward(ScoringTopology.published(record, set.titleId(), tally.toScore(set.titleId(), settings)));
	}
}
