package dev.reviewflow.scoring.topology;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import dev.reviewflow.events.CloudEvent;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.jspecify.annotations.Nullable;

/**
 * Keeps every title's weighted rating on the current C, quiet titles included: scheduled in each task that keeps
 * title tallies, it checks C every {@link ScoringSettings#reweighEvery()} and publishes anew each of the task's
 * titles whose weighted rating the current C changes (a new version of its score) once C has moved by more than
 * {@link #C_TOLERANCE} since the task last looked, or has moved at all and then held still for one check, so that
 * after the last rating every title's weighted rating is exactly that of the final C. The first check after a task
 * starts looks at every title once, and so does every {@link #FULL_CHECK_EVERY}th: a title written with a C that
 * was gone again by the next check (a rating set and withdrawn within one interval) is caught within a minute.
 */
final class StaleWeighted {

	/** How far C may move before quiet titles are published again. */
	static final double C_TOLERANCE = 0.001;

	/** Every this many checks, every title is looked at, whether C moved or not. */
	static final int FULL_CHECK_EVERY = 60;

	private int sinceFullCheck;

	private final ProcessorContext<String, CloudEvent<?>> context;

	private final KeyValueStore<String, TitleTally> tallies;

	private final ScoringSettings settings;

	/** C when the task last looked at its titles. */
	private @Nullable Double checkedWith;

	private boolean checked;

	/** C at the previous check. */
	private @Nullable Double previous;

	private StaleWeighted(ProcessorContext<String, CloudEvent<?>> context, KeyValueStore<String, TitleTally> tallies,
			ScoringSettings settings) {
		this.context = context;
		this.tallies = tallies;
		this.settings = settings;
	}

	static void schedule(ProcessorContext<String, CloudEvent<?>> context, KeyValueStore<String, TitleTally> tallies,
			ScoringSettings settings) {
		StaleWeighted check = new StaleWeighted(context, tallies, settings);
		context.schedule(settings.reweighEvery(), PunctuationType.WALL_CLOCK_TIME, timestamp -> check.run());
	}

	private void run() {
		Double c = ScoringTopology.overallMean(context);
		boolean settled = Objects.equals(c, previous);
		previous = c;
		boolean full = ++sinceFullCheck >= FULL_CHECK_EVERY;
		if (checked && !full && !moved(checkedWith, c) && !(settled && !Objects.equals(c, checkedWith))) {
			return;
		}
		sinceFullCheck = 0;
		List<KeyValue<String, TitleTally>> stale = new ArrayList<>();
		try (KeyValueIterator<String, TitleTally> all = tallies.all()) {
			all.forEachRemaining(entry -> {
				if (entry.value.weightedStale(settings, c)) {
					stale.add(KeyValue.pair(entry.key, entry.value.reweighted(c)));
				}
			});
		}
		for (KeyValue<String, TitleTally> title : stale) {
			tallies.put(title.key, title.value);
			context.forward(new Record<String, CloudEvent<?>>(title.key,
					CloudEvent.of(ScoringTopology.SOURCE, title.key, title.value.toScore(title.key, settings)),
					context.currentSystemTimeMs(), ScoringTopology.cloudEventHeaders()));
		}
		checkedWith = c;
		checked = true;
	}

	private static boolean moved(@Nullable Double before, @Nullable Double now) {
		if (before == null || now == null) {
			return before != now;
		}
		return Math.abs(now - before) > C_TOLERANCE;
	}
}
