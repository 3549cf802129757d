package dev.reviewflow.platform;

import java.util.function.Supplier;

import dev.reviewflow.events.CloudEvent;
import org.jspecify.annotations.Nullable;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Publishes an event through the transactional outbox: the event is stored in Spring Modulith's event publication
 * registry in the caller's database transaction and sent to its topic after commit (and again after a crash, until
 * Kafka has acknowledged it). A rollback publishes nothing.
 */
public final class Outbox {

	private final ApplicationEventPublisher publisher;

	private final String service;

	private final Supplier<@Nullable String> currentTrace;

	/** @param currentTrace the W3C {@code traceparent} of the current span, null outside any */
	Outbox(ApplicationEventPublisher publisher, String service, Supplier<@Nullable String> currentTrace) {
		this.publisher = publisher;
		this.service = service;
		this.currentTrace = currentTrace;
	}

	/**
	 * Wraps {@code data} in a new CloudEvent and records it for publication.
	 * @param subject the aggregate id; also the record key, so it decides the partition and ordering
	 * @return the event as it will be published
	 */
	public <T> CloudEvent<T> publish(String subject, T data) {
		if (!TransactionSynchronizationManager.isActualTransactionActive()) {
			throw new IllegalStateException("Events must be published inside the transaction that changes state");
		}
		CloudEvent<T> event = CloudEvent.of(service, subject, data).inTrace(currentTrace.get());
		publisher.publishEvent(event);
		return event;
	}
}
