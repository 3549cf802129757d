package dev.reviewflow.moderation.cases;

import java.time.Duration;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionalEventListener;

/** Counts opened cases and times decisions, once the change has committed. */
@Component
class CaseMeters {

	private final MeterRegistry meters;

	CaseMeters(MeterRegistry meters) {
		this.meters = meters;
	}

	@TransactionalEventListener
	void on(CaseOpened opened) {
		meters.counter("reviewflow.moderation.cases.opened", "kind", opened.kind().name()).increment();
	}

	@TransactionalEventListener
	void on(CaseResolved resolved) {
		Timer.builder("reviewflow.moderation.case.decision.time")
			.description("From a case opened to a moderator's decision")
			.tags("kind", resolved.kind().name(), "action", resolved.action().name())
			.register(meters)
			.record(Duration.between(resolved.openedAt(), resolved.resolvedAt()));
	}
}
