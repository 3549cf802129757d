package dev.reviewflow.platform;

import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;

import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.task.TaskSchedulingAutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.modulith.events.CompletedEventPublications;
import org.springframework.modulith.events.EventPublication;
import org.springframework.modulith.events.IncompleteEventPublications;
import org.springframework.modulith.events.ResubmissionOptions;
import org.springframework.scheduling.TaskScheduler;
import org.springframework.scheduling.concurrent.SimpleAsyncTaskScheduler;
import org.springframework.scheduling.concurrent.ThreadPoolTaskScheduler;
import org.springframework.scheduling.config.FixedDelayTask;
import org.springframework.scheduling.config.ScheduledTask;
import org.springframework.scheduling.config.ScheduledTaskHolder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The platform's periodic work runs on Spring Boot's task scheduler, started and stopped with the context. */
class ReviewflowSchedulingTests {

	final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(ReviewflowSchedulingAutoConfiguration.class,
				TaskSchedulingAutoConfiguration.class))
		.withUserConfiguration(Resubmission.class);

	@Test
	void bootsSchedulerRunsOnVirtualThreadsWhereTheyAreOn() {
		ApplicationContextRunner runner = this.runner.withBean(Publications.class, Publications::new);
		runner.withPropertyValues("spring.threads.virtual.enabled=true")
			.run(context -> assertThat(context.getBean(TaskScheduler.class)).isInstanceOf(SimpleAsyncTaskScheduler.class));
		runner.run(context -> assertThat(context.getBean(TaskScheduler.class)).isInstanceOf(ThreadPoolTaskScheduler.class));
	}

	@Test
	void theOutboxIsResubmittedEveryCheckAndNoMoreOnceTheContextIsClosed() {
		Publications publications = new Publications();
		runner.withBean(Publications.class, () -> publications)
			.withPropertyValues("spring.threads.virtual.enabled=true", "reviewflow.outbox.check-every=50ms",
					"reviewflow.outbox.resubmit-after=7s", "reviewflow.outbox.keep-completed=3h")
			.run(context -> {
				FixedDelayTask task = (FixedDelayTask) context.getBean(ScheduledTaskHolder.class)
					.getScheduledTasks()
					.stream()
					.map(ScheduledTask::getTask)
					.filter(FixedDelayTask.class::isInstance)
					.findFirst()
					.orElseThrow();
				assertThat(task.getIntervalDuration()).isEqualTo(Duration.ofMillis(50));
				assertThat(task.getInitialDelayDuration()).isEqualTo(Duration.ofMillis(50));
				await().atMost(Duration.ofSeconds(5)).until(() -> publications.resubmitted.size() >= 3);
				assertThat(publications.resubmitted).allMatch(Duration.ofSeconds(7)::equals);
				assertThat(publications.deleted).allMatch(Duration.ofHours(3)::equals).isNotEmpty();
			});
		int afterClose = publications.resubmitted.size();
		await().during(Duration.ofMillis(300))
			.atMost(Duration.ofSeconds(2))
			.until(() -> publications.resubmitted.size() <= afterClose + 1);
	}

	/** A failing round is logged; the next one still comes. */
	@Test
	void aFailedResubmissionDoesNotStopTheNextOnes() {
		Publications publications = new Publications();
		publications.failFirst = true;
		runner.withBean(Publications.class, () -> publications)
			.withPropertyValues("reviewflow.outbox.check-every=50ms")
			.run(context -> await().atMost(Duration.ofSeconds(5)).until(() -> publications.resubmitted.size() >= 3));
	}

	@Test
	void theHourlyExpiriesAreRegisteredWithTheScheduler() {
		runner.withBean("expiry", org.springframework.scheduling.annotation.SchedulingConfigurer.class,
				() -> new ReviewflowOutboxAutoConfiguration().rateLimitExpiry(new RateLimits(null)))
			.withBean(Publications.class, Publications::new)
			.run(context -> {
				List<FixedDelayTask> tasks = context.getBean(ScheduledTaskHolder.class)
					.getScheduledTasks()
					.stream()
					.map(ScheduledTask::getTask)
					.map(FixedDelayTask.class::cast)
					.toList();
				assertThat(tasks).extracting(FixedDelayTask::getIntervalDuration)
					.containsExactlyInAnyOrder(Duration.ofHours(1), Duration.ofSeconds(15));
				assertThat(tasks).extracting(FixedDelayTask::getInitialDelayDuration)
					.containsExactlyInAnyOrder(Duration.ofMinutes(1), Duration.ofSeconds(15));
			});
	}

	@Configuration(proxyBeanMethods = false)
	@EnableConfigurationProperties(ReviewflowOutboxProperties.class)
	static class Resubmission {

		@Bean
		ReviewflowOutboxAutoConfiguration.OutboxResubmission outboxResubmission(Publications publications,
				ReviewflowOutboxProperties properties) {
			return new ReviewflowOutboxAutoConfiguration().outboxResubmission(publications, publications, properties);
		}
	}

	/** Records what the resubmission asks of Spring Modulith's registry. */
	static final class Publications implements IncompleteEventPublications, CompletedEventPublications {

		final List<Duration> resubmitted = new CopyOnWriteArrayList<>();

		final List<Duration> deleted = new CopyOnWriteArrayList<>();

		volatile boolean failFirst;

		@Override
		public void resubmitIncompletePublicationsOlderThan(Duration duration) {
			resubmitted.add(duration);
			if (failFirst) {
				failFirst = false;
				throw new IllegalStateException("registry unavailable");
			}
		}

		@Override
		public void deletePublicationsOlderThan(Duration duration) {
			deleted.add(duration);
		}

		@Override
		public void resubmitIncompletePublications(Predicate<EventPublication> filter) {
			throw new UnsupportedOperationException();
		}

		@Override
		public void resubmitIncompletePublications(ResubmissionOptions options) {
			throw new UnsupportedOperationException();
		}

		@Override
		public Collection<? extends EventPublication> findAll() {
			return List.of();
		}

		@Override
		public void deletePublications(Predicate<EventPublication> filter) {
			throw new UnsupportedOperationException();
		}
	}
}
