package dev.reviewflow.scoring.topology;

import java.util.Objects;

import dev.reviewflow.events.CloudEvent;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;

/** Adds the changes to a title's review counts to its tally and emits the title's full new score. */
final class TitleReviewsProcessor implements Processor<String, ReviewContribution.Change, String, CloudEvent<?>> {

	private final ScoringSettings settings;

	private KeyValueStore<String, TitleTally> tallies;

	private ProcessorContext<String, CloudEvent<?>> context;

	TitleReviewsProcessor(ScoringSettings settings) {
		this.settings = settings;
	}

	@Override
	public void init(ProcessorContext<String, CloudEvent<?>> context) {
		this.context = context;
		this.tallies = context.getStateStore(ScoringTopology.TITLE_TALLIES);
	}

	@Override
	public void process(Record<String, ReviewContribution.Change> record) {
		String titleId = record.key();
		TitleTally tally = Objects.requireNonNullElse(tallies.get(titleId), TitleTally.EMPTY)
			.withReviews(record.value().delta(), record.value().at(), ScoringTopology.overallMean(context));
		tallies.put(titleId, tally);
		context.forward(ScoringTopology.published(record, titleId, tally.toScore(titleId, settings)));
	}
}
