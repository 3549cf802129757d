package dev.reviewflow.moderation.vote;

import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionalEventListener;

/** Counts votes (HELPFUL, NOT_HELPFUL, RETRACTED) once they have committed. */
@Component
class VoteMeters {

	private final MeterRegistry meters;

	VoteMeters(MeterRegistry meters) {
		this.meters = meters;
	}

	@TransactionalEventListener
	void on(VoteChanged changed) {
		meters.counter("reviewflow.votes", "vote", changed.vote() == null ? "RETRACTED" : changed.vote().name())
			.increment();
	}
}
