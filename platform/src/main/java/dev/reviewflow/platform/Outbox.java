package dev.reviewflow.platform;

import dev.reviewflow.events.CloudEvent;

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

	Outbox(ApplicationEventPublisher publisher, String service) {
		this.publisher = publisher;
		this.service = service;
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
		CloudEvent<T> event = CloudEvent.of(service, subject, data);
		publisher.publishEvent(event);
		return event;
	}
}
