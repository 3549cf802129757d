package dev.reviewflow.scoring.topology;

import java.util.Objects;

import dev.reviewflow.events.CloudEvent;
import dev.reviewflow.events.HelpfulnessVoteSet;
import dev.reviewflow.events.Vote;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Applies each {@link HelpfulnessVoteSet} to its review's tally: the voter's previous vote comes out, the new one goes
 * in. Keyed by voter and ordered by the vote's version, so replayed or duplicated events count once and an older
 * vote never replaces a newer one. Emits the review's full new score, whose version grows with every change.
 */
final class VotesProcessor implements Processor<String, CloudEvent<?>, String, CloudEvent<?>> {

	private KeyValueStore<String, VoterVote> voterVotes;

	private KeyValueStore<String, ReviewTally> tallies;

	private ProcessorContext<String, CloudEvent<?>> context;

	@Override
	public void init(ProcessorContext<String, CloudEvent<?>> context) {
		this.context = context;
		this.voterVotes = context.getStateStore(ScoringTopology.VOTER_VOTES);
		this.tallies = context.getStateStore(ScoringTopology.REVIEW_TALLIES);
	}

	@Override
	public void process(Record<String, CloudEvent<?>> record) {
		if (!(record.value().data() instanceof HelpfulnessVoteSet set)) {
			return;
		}
		String reviewKey = set.reviewId().toString();
		String voterKey = reviewKey + "|" + set.voterId();
		VoterVote previous = voterVotes.get(voterKey);
		if (previous != null && !Versions.newer(set.version(), set.votedAt(), previous.version(), previous.votedAt())) {
			return;
		}
		Vote before = previous == null ? null : previous.vote();
		voterVotes.put(voterKey, new VoterVote(set.vote(), set.votedAt(), set.version()));
		if (Objects.equals(before, set.vote())) {
			return;
		}
		ReviewTally tally = Objects.requireNonNullElse(tallies.get(reviewKey), ReviewTally.EMPTY)
			.changed(before, set.vote(), set.votedAt());
		tallies.put(reviewKey, tally);
		context.forward(ScoringTopology.published(record, reviewKey, tally.toScore(set.reviewId())));
	}
}
