package dev.reviewflow.scoring.dashboard;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

import dev.reviewflow.platform.ContentSecurityPolicy;
import dev.reviewflow.platform.EndpointRules;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.io.ClassPathResource;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.util.HtmlUtils;

/**
 * {@code GET /}: the dashboard page. Its one variable part, review-intake's URL, goes in HTML-escaped; the page has
 * no inline script or style ({@code /dashboard/dashboard.js}, {@code /dashboard/dashboard.css}), and its
 * Content-Security-Policy is the platform's for pages, connecting to review-intake as well.
 */
@RestController
class DashboardController {

	static final String REVIEW_INTAKE_URL = "{{reviewIntakeUrl}}";

	private final String page;

	private final String policy;

	DashboardController(DashboardProperties properties) throws IOException {
		String template = new ClassPathResource("dashboard/index.html").getContentAsString(StandardCharsets.UTF_8);
		if (!template.contains(REVIEW_INTAKE_URL)) {
			throw new IllegalStateException("dashboard/index.html lacks " + REVIEW_INTAKE_URL);
		}
		this.policy = ContentSecurityPolicy.pagesConnectingTo(properties.reviewIntakeUrl());
		this.page = template.replace(REVIEW_INTAKE_URL, HtmlUtils.htmlEscape(properties.reviewIntakeUrl().toString()));
	}

	@GetMapping(path = { "/", "/index.html" }, produces = MediaType.TEXT_HTML_VALUE)
	ResponseEntity<String> dashboard() {
		return ResponseEntity.ok()
			.header(ContentSecurityPolicy.HEADER, policy)
			.contentType(new MediaType(MediaType.TEXT_HTML, StandardCharsets.UTF_8))
			.body(page);
	}

	@Configuration(proxyBeanMethods = false)
	static class Rules {

		@Bean
		EndpointRules dashboardRules() {
			return registry -> registry
				.requestMatchers(HttpMethod.GET, "/", "/index.html", "/dashboard/**", "/favicon.ico")
				.permitAll();
		}
	}
}
