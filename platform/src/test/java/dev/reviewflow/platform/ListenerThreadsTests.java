package dev.reviewflow.platform;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import dev.reviewflow.testsupport.SharedInfrastructure;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.event.EventListener;
import org.springframework.kafka.annotation.EnableKafka;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.event.ConsumerStartingEvent;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * With virtual threads on (every service has them for its requests), the Kafka listeners still run on platform
 * threads: a consumer's loop as a virtual thread queued behind every request's virtual thread each time it parked,
 * and the pipeline fell behind the writes under load. On the shared broker, the consumer reports the thread it starts
 * on (Spring Kafka announces the start on the consumer's own thread).
 */
class ListenerThreadsTests {

	static final CompletableFuture<Thread> CONSUMER_THREAD = new CompletableFuture<>();

	@Configuration(proxyBeanMethods = false)
	@EnableKafka
	static class Listener {

		@Bean
		MeterRegistry meters() {
			return new SimpleMeterRegistry();
		}

		@KafkaListener(id = "platform.listener-threads", topics = "reviews.votes")
		void on(byte[] value) {
		}

		@EventListener
		void starting(ConsumerStartingEvent event) {
			CONSUMER_THREAD.complete(Thread.currentThread());
		}
	}

	@Test
	void listenersRunOnPlatformThreadsWhileRequestsUseVirtualOnes() {
		new ApplicationContextRunner()
			.withConfiguration(
					AutoConfigurations.of(ReviewflowKafkaAutoConfiguration.class, KafkaAutoConfiguration.class))
			.withUserConfiguration(Listener.class)
			.withPropertyValues("spring.threads.virtual.enabled=true", "reviewflow.kafka.consumes=reviews.votes",
					"spring.kafka.bootstrap-servers=" + SharedInfrastructure.kafkaBootstrapServers(),
					// subscribing creates no topic, whatever the broker allows: another test creates this one
					"spring.kafka.consumer.properties.allow.auto.create.topics=false")
			.run(context -> {
				assertThat(context).hasNotFailed();

				Thread thread = CONSUMER_THREAD.get(30, TimeUnit.SECONDS);
				assertThat(thread.isVirtual()).as("the consumer's thread %s is virtual", thread).isFalse();
				assertThat(thread.getName()).startsWith("platform.listener-threads-");
			});
	}
}
