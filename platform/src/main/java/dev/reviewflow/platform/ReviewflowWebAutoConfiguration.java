package dev.reviewflow.platform;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.core.Ordered;
import org.springframework.core.env.Environment;
import org.springframework.util.unit.DataSize;

/** Problem+json for every error of a service's HTTP API. */
@AutoConfiguration
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
public class ReviewflowWebAutoConfiguration {

	@Bean
	ProblemHandling problemHandling() {
		return new ProblemHandling();
	}

	/** Request bodies over {@code reviewflow.web.max-request-body} (64 KiB) are refused with 413. */
	@Bean
	FilterRegistrationBean<RequestSizeLimit> requestSizeLimit(Environment environment) {
		DataSize limit = environment.getProperty("reviewflow.web.max-request-body", DataSize.class,
				DataSize.ofKilobytes(64));
		FilterRegistrationBean<RequestSizeLimit> registration = new FilterRegistrationBean<>(
				new RequestSizeLimit(limit.toBytes()));
		registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 10);
		return registration;
	}
}
