package dev.reviewflow.scoring.dashboard;

import dev.reviewflow.platform.EndpointRules;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** {@code GET /}: 302 to the pages' live dashboard. */
@RestController
class DashboardController {

	private final DashboardProperties properties;

	DashboardController(DashboardProperties properties) {
		this.properties = properties;
	}

	@GetMapping(path = { "/", "/index.html" })
	ResponseEntity<Void> dashboard() {
		return ResponseEntity.status(302).location(properties.url()).build();
	}

	@Configuration(proxyBeanMethods = false)
	static class Rules {

		@Bean
		EndpointRules dashboardRules() {
			return registry -> registry.requestMatchers(HttpMethod.GET, "/", "/index.html").permitAll();
		}
	}
}
