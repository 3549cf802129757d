package dev.reviewflow.moderation.vote;

import dev.reviewflow.platform.AfterCommit;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/** Counts votes (HELPFUL, NOT_HELPFUL, RETRACTED) once they have committed. */
@Component
class VoteMeters {

	private final MeterRegistry meters;

	VoteMeters(MeterRegistry meters) {
		this.meters = meters;
	}

	@EventListener
	void on(VoteChanged changed) {
		AfterCommit.run(() -> {
			meters.counter("reviewflow.votes", "vote", changed.vote() == null ? "RETRACTED" : changed.vote().name())
				.increment();
		});
	}
}
