package dev.reviewflow.platform;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;

/** Problem+json for every error of a service's HTTP API. */
@AutoConfiguration
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
public class ReviewflowWebAutoConfiguration {

	@Bean
	ProblemHandling problemHandling() {
		return new ProblemHandling();
	}
}
