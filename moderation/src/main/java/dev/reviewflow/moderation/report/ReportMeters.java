package dev.reviewflow.moderation.report;

import dev.reviewflow.platform.AfterCommit;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/** Counts reports by reason, once filed for good (after commit). */
@Component
class ReportMeters {

	private final MeterRegistry meters;

	ReportMeters(MeterRegistry meters) {
		this.meters = meters;
	}

	@EventListener
	void on(ReportFiled filed) {
		AfterCommit.run(() -> {
			meters.counter("reviewflow.reports", "reason", filed.reason().name()).increment();
		});
	}
}
