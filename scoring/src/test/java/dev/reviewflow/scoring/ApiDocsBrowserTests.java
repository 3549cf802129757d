package dev.reviewflow.scoring;

import java.time.Duration;
import java.util.List;

import dev.reviewflow.platform.ContentSecurityPolicy;
import dev.reviewflow.testsupport.Chromium;
import dev.reviewflow.testsupport.Http;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * scoring's API documentation in a real Chromium, on the shared integration context: every answer carries a
 * Content-Security-Policy without inline scripts, and Swagger UI works under its policy. The live dashboard is the
 * pages' (the web module), tested in Chromium on the whole stack (local-stack's {@code PagesBrowserTests}).
 */
@ScoringIntegrationTest
class ApiDocsBrowserTests {

	static Chromium chromium;

	@LocalServerPort
	int port;

	@BeforeAll
	static void startBrowser() {
		chromium = Chromium.start();
	}

	@AfterAll
	static void stop() {
		if (chromium != null) {
			chromium.close();
		}
	}

	@Test
	void theApiAndItsDocumentationCarryThePlatformsPolicy() {
		for (String path : List.of("/api/titles/never-rated/score", "/v3/api-docs")) {
			assertThat(Http.on(port).get(path).header(ContentSecurityPolicy.HEADER)).as(path)
				.isEqualTo(ContentSecurityPolicy.PAGES);
		}
		assertThat(Http.on(port).get("/swagger-ui/index.html").header(ContentSecurityPolicy.HEADER))
			.contains("script-src 'self';", "object-src 'none'", "frame-ancestors 'none'")
			.doesNotContain("unsafe-eval");
	}

	/** Swagger UI works under its policy: its scripts are files, and it shows every operation without a violation. */
	@Test
	void swaggerUiWorksUnderItsPolicy() {
		chromium.console();
		chromium.driver().get("http://localhost:" + port + "/swagger-ui/index.html");
		await().atMost(Duration.ofSeconds(30))
			.untilAsserted(() -> assertThat(chromium.driver().findElements(By.cssSelector(".opblock-summary-path"))
				.stream()
				.map(WebElement::getText)).contains("/api/titles/{titleId}/score", "/api/stream/scores"));
		assertThat(chromium.console()).noneMatch(message -> message.contains("Content Security Policy"));
	}
}
