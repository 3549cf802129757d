package dev.reviewflow.platform;

import org.springframework.security.config.annotation.web.configurers.AuthorizeHttpRequestsConfigurer;

/**
 * A service's authorization rules for its own endpoints. The platform's filter chain applies them after its own
 * (health, metrics and API docs are public) and requires authentication for anything no rule names.
 */
@FunctionalInterface
public interface EndpointRules {

	void configure(AuthorizeHttpRequestsConfigurer<?>.AuthorizationManagerRequestMatcherRegistry registry);
}
