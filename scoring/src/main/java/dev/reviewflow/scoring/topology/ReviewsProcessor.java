package dev.reviewflow.scoring.topology;

import java.time.Duration;
import java.util.Objects;

import dev.reviewflow.events.CloudEvent;
import dev.reviewflow.events.ModerationDecided;
import dev.reviewflow.events.ReviewDeleted;
import dev.reviewflow.events.ReviewEdited;
import dev.reviewflow.events.ReviewSubmitted;
import org.apache.kafka.streams.processor.Cancellable;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Follows each review through submission, edits, moderation decisions and deletion (keyed by reviewId), and
 * forwards, keyed by titleId, how its title's counts change: a review counts while its current revision is
 * PUBLISHED. Replays and duplicates change nothing: the state says what the review already contributes. Keeps the
 * index of each title's published reviews ({@link TitleReview}) in step with the states.
 */
final class ReviewsProcessor implements Processor<String, CloudEvent<?>, String, ReviewContribution.Change> {

	private KeyValueStore<String, ReviewState> states;

	private KeyValueStore<String, TitleReview> titleReviews;

	private ProcessorContext<String, ReviewContribution.Change> context;

	@Override
	public void init(ProcessorContext<String, ReviewContribution.Change> context) {
		this.context = context;
		this.states = context.getStateStore(ScoringTopology.REVIEW_STATES);
		this.titleReviews = context.getStateStore(ScoringTopology.TITLE_REVIEWS);
		// once the task runs (its stores restored): an index kept from before it existed is filled from the states
		Cancellable[] once = new Cancellable[1];
		once[0] = context.schedule(Duration.ofMillis(100), PunctuationType.WALL_CLOCK_TIME, timestamp -> {
			once[0].cancel();
			TitleReview.backfill(states, titleReviews);
		});
	}

	@Override
	public void process(Record<String, CloudEvent<?>> record) {
		CloudEvent<?> event = record.value();
		String reviewId = event.subject();
		ReviewState before = states.get(reviewId);
		ReviewState after = switch (event.data()) {
			case ReviewSubmitted s -> revised(before, s.titleId(), s.type(), s.verdict(), s.topCritic(), s.revision());
			case ReviewEdited e -> revised(before, e.titleId(), e.type(), e.verdict(), e.topCritic(), e.revision());
			case ReviewDeleted d -> new ReviewState(d.titleId(), d.type(), before == null ? null : before.verdict(),
					before != null && before.topCritic(), before == null ? 0 : before.revision(), true,
					before == null ? 0 : before.decidedRevision(), before == null ? null : before.decidedStatus(),
					before == null ? 0 : before.decidedSequence());
			case ModerationDecided m -> decided(before, m);
			default -> before;
		};
		if (after == null || after.equals(before)) {
			return;
		}
		states.put(reviewId, after);
		TitleReview.update(titleReviews, reviewId, before, after);
		ReviewContribution delta = after.contribution()
			.minus(before == null ? ReviewContribution.NONE : before.contribution());
		if (!delta.equals(ReviewContribution.NONE)) {
			context.forward(record.withKey(after.titleId())
				.withValue(new ReviewContribution.Change(delta, event.time())));
		}
	}

	/** A new revision replaces an older one; an older or repeated revision changes nothing. */
	private static ReviewState revised(ReviewState before, String titleId, dev.reviewflow.events.ReviewType type,
			dev.reviewflow.events.Verdict verdict, boolean topCritic, int revision) {
		if (before != null && (before.revision() >= revision || before.deleted())) {
			return before;
		}
		ReviewState known = Objects.requireNonNullElse(before, ReviewState.unknown(titleId));
		return new ReviewState(titleId, type, verdict, topCritic, revision, false, known.decidedRevision(),
				known.decidedStatus(), known.decidedSequence());
	}

	/**
	 * The newest decision by (revision, sequence) wins, whatever the order of arrival; a decision about an older
	 * revision than the review's current one, an older decision arriving late, or a duplicate changes nothing.
	 * Decisions written before sequences existed (sequence 0) keep their old rule among themselves: the later
	 * arrival about the same or a newer revision wins.
	 */
	private static ReviewState decided(ReviewState before, ModerationDecided decision) {
		ReviewState known = Objects.requireNonNullElse(before, ReviewState.unknown(decision.titleId()));
		if (known.revision() > 0 && decision.revision() < known.revision()) {
			return before;
		}
		boolean newer;
		if (decision.revision() != known.decidedRevision()) {
			newer = decision.revision() > known.decidedRevision();
		}
		else if (decision.sequence() > 0 || known.decidedSequence() > 0) {
			newer = decision.sequence() > known.decidedSequence();
		}
		else {
			newer = true;
		}
		if (!newer) {
			return before;
		}
		return new ReviewState(known.titleId(), known.type(), known.verdict(), known.topCritic(), known.revision(),
				known.deleted(), decision.revision(), decision.status(), decision.sequence());
	}
}
