package dev.reviewflow.platform;

import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import dev.reviewflow.events.Topic;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.SmartLifecycle;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.kafka.listener.MessageListenerContainer;

/**
 * What a service reads, checked before its Kafka consumers start: every listener's topic must be listed in
 * {@code reviewflow.kafka.consumes} (else its dead-letter topic would not be declared and a poison record could not
 * be set aside), and a Kafka Streams application, which stops for good when a source topic is missing, waits until
 * the topics it reads and writes exist: the services that publish them declare them as they start, in whatever order
 * the services start. A listener container needs no wait: its consumer picks a topic up once it is created.
 */
final class ConsumedTopics implements SmartLifecycle {

	private static final Logger log = LoggerFactory.getLogger(ConsumedTopics.class);

	private static final Duration POLL = Duration.ofMillis(500);

	private static final Duration REPORT_EVERY = Duration.ofSeconds(30);

	private final ReviewflowKafkaProperties properties;

	private final String service;

	private final @Nullable KafkaListenerEndpointRegistry listeners;

	private final @Nullable KafkaAdmin awaitWith;

	private final int phase;

	private volatile boolean running;

	/**
	 * @param listeners the service's listener containers, if it has any
	 * @param awaitWith where to look for the topics a Kafka Streams application needs, or null when there is none
	 * @param phase the phase to run in: before the first Kafka component starts
	 */
	ConsumedTopics(ReviewflowKafkaProperties properties, String service,
			@Nullable KafkaListenerEndpointRegistry listeners, @Nullable KafkaAdmin awaitWith, int phase) {
		this.properties = properties;
		this.service = service;
		this.listeners = listeners;
		this.awaitWith = awaitWith;
		this.phase = phase;
	}

	@Override
	public void start() {
		checkListeners();
		if (awaitWith != null) {
			awaitTopics(awaitWith);
		}
		running = true;
	}

	/** Fails when a listener reads a topic that is not listed as consumed. */
	void checkListeners() {
		if (listeners == null) {
			return;
		}
		Set<String> consumed = Set.copyOf(properties.consumes());
		for (MessageListenerContainer container : listeners.getListenerContainers()) {
			String[] topics = container.getContainerProperties().getTopics();
			for (String topic : topics == null ? new String[0] : topics) {
				if (!consumed.contains(topic)) {
					throw new IllegalStateException(service + "'s listener " + container.getListenerId() + " reads "
							+ topic + ", which reviewflow.kafka.consumes " + properties.consumes()
							+ " does not list: list it, so its dead-letter topic " + Topic.deadLetterTopicOf(topic)
							+ " is declared");
				}
			}
		}
	}

	/** The topics a Kafka Streams application reads and writes. */
	Set<String> needed() {
		Set<String> needed = new LinkedHashSet<>(properties.consumes());
		needed.addAll(properties.publishes());
		return needed;
	}

	private void awaitTopics(KafkaAdmin kafkaAdmin) {
		Set<String> needed = needed();
		if (needed.isEmpty()) {
			return;
		}
		Map<String, Object> settings = new HashMap<>(kafkaAdmin.getConfigurationProperties());
		settings.putIfAbsent(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 5_000);
		settings.putIfAbsent(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 10_000);
		long started = System.nanoTime();
		long deadline = started + properties.consumedTopicsWait().toNanos();
		long nextReport = started;
		Set<String> missing = new TreeSet<>(needed);
		try (Admin admin = Admin.create(settings)) {
			while (true) {
				try {
					missing = new TreeSet<>(needed);
					missing.removeAll(admin.listTopics().names().get(10, TimeUnit.SECONDS));
				}
				catch (ExecutionException | TimeoutException ex) {
					log.debug("Could not list the topics yet: {}", ex.toString());
				}
				if (missing.isEmpty()) {
					return;
				}
				long now = System.nanoTime();
				if (now - deadline >= 0) {
					throw new IllegalStateException(service + " cannot start its Kafka Streams application: after "
							+ properties.consumedTopicsWait().toSeconds() + " s the topics " + missing
							+ " still do not exist. The services that publish them declare them as they start;"
							+ " reviewflow.kafka.consumed-topics-wait sets how long to wait.");
				}
				if (now - nextReport >= 0) {
					log.info("{} waits for the topics {} (declared by the services that publish them) before its "
							+ "Kafka Streams application starts", service, missing);
					nextReport = now + REPORT_EVERY.toNanos();
				}
				TimeUnit.NANOSECONDS.sleep(POLL.toNanos());
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(service + " was stopped while it waited for the topics " + missing, ex);
		}
	}

	@Override
	public void stop() {
		running = false;
	}

	@Override
	public boolean isRunning() {
		return running;
	}

	@Override
	public int getPhase() {
		return phase;
	}
}
