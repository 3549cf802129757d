package dev.reviewflow.moderation.cases;

import java.time.Duration;

import dev.reviewflow.platform.AfterCommit;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/** Counts opened cases and times decisions, once the change has committed. */
@Component
class CaseMeters {

	private final MeterRegistry meters;

	CaseMeters(MeterRegistry meters) {
		this.meters = meters;
	}

	@EventListener
	void on(CaseOpened opened) {
		AfterCommit.run(() -> {
			meters.counter("reviewflow.moderation.cases.opened", "kind", opened.kind().name()).increment();
		});
	}

	@EventListener
	void on(CaseResolved resolved) {
		AfterCommit.run(() -> {
			Timer.builder("reviewflow.moderation.case.decision.time")
				.description("From a case opened to a moderator's decision")
				.tags("kind", resolved.kind().name(), "action", resolved.action().name())
				.register(meters)
				.record(Duration.between(resolved.openedAt(), resolved.resolvedAt()));
		});
	}
}
