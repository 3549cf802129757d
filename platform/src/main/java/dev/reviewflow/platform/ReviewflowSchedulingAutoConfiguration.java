package dev.reviewflow.platform;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.task.TaskSchedulingAutoConfiguration;
import org.springframework.scheduling.annotation.EnableScheduling;

/**
 * The platform's periodic work (outbox resubmission, forgetting old rate-limit hits and idempotency keys) runs on
 * Spring Boot's auto-configured {@code TaskScheduler}, which scheduling switches on: a
 * {@code SimpleAsyncTaskScheduler} on virtual threads where they are enabled, else a {@code ThreadPoolTaskScheduler}
 * ({@code spring.task.scheduling.*}). Each task is registered by a {@code SchedulingConfigurer}; Spring starts them once
 * the context is refreshed and cancels them when it closes.
 */
@AutoConfiguration(before = TaskSchedulingAutoConfiguration.class)
@EnableScheduling
public class ReviewflowSchedulingAutoConfiguration {
}
