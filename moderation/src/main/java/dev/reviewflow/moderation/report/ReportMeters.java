package dev.reviewflow.moderation.report;

import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionalEventListener;

/** Counts reports by reason, once filed for good (after commit). */
@Component
class ReportMeters {

	private final MeterRegistry meters;

	ReportMeters(MeterRegistry meters) {
		this.meters = meters;
	}

	@TransactionalEventListener
	void on(ReportFiled filed) {
		meters.counter("reviewflow.reports", "reason", filed.reason().name()).increment();
	}
}
