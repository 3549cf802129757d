package dev.reviewflow.platform;

import java.time.Duration;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.security.autoconfigure.web.servlet.SecurityFilterProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.jdbc.autoconfigure.DataSourceTransactionManagerAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.JdbcClientAutoConfiguration;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.config.FixedDelayTask;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * {@code Idempotency-Key} support for services that keep the {@code idempotency_key} table and set
 * {@code reviewflow.idempotency.enabled=true}; keys are kept {@code reviewflow.idempotency.retention} (48 h), at most
 * {@code reviewflow.idempotency.max-keys-per-caller} (1,000) per caller within it.
 */
@AutoConfiguration(after = { JdbcClientAutoConfiguration.class, DataSourceTransactionManagerAutoConfiguration.class,
		ReviewflowSchedulingAutoConfiguration.class })
@ConditionalOnClass(JdbcClient.class)
@ConditionalOnBean(JdbcClient.class)
@ConditionalOnProperty(name = "reviewflow.idempotency.enabled", havingValue = "true")
@EnableConfigurationProperties(ReviewflowIdempotencyProperties.class)
public class ReviewflowIdempotencyAutoConfiguration {

	@Bean
	FilterRegistrationBean<IdempotencyKeys> idempotencyKeys(JdbcClient jdbc,
			PlatformTransactionManager transactionManager, ReviewflowIdempotencyProperties properties) {
		FilterRegistrationBean<IdempotencyKeys> registration = new FilterRegistrationBean<>(
				new IdempotencyKeys(jdbc, transactionManager, properties));
		// after Spring Security, which tells whose key it is
		registration.setOrder(SecurityFilterProperties.DEFAULT_FILTER_ORDER + 10);
		return registration;
	}

	/** Hourly, forgets keys older than the retention. */
	@Bean
	SchedulingConfigurer idempotencyKeyExpiry(FilterRegistrationBean<IdempotencyKeys> keys) {
		return registrar -> registrar.addFixedDelayTask(
				new FixedDelayTask(() -> keys.getFilter().expire(), Duration.ofHours(1), Duration.ofMinutes(1)));
	}
}
