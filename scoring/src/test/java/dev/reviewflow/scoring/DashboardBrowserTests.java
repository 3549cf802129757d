package dev.reviewflow.scoring;

import java.net.URI;
import java.time.Duration;
import java.util.List;

import dev.reviewflow.devtokens.DevelopmentTokens;
import dev.reviewflow.platform.ContentSecurityPolicy;
import dev.reviewflow.testsupport.Chromium;
import dev.reviewflow.testsupport.Http;
import dev.reviewflow.testsupport.RealInfrastructure;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.test.annotation.DirtiesContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * scoring's pages in a real Chromium: every answer carries a Content-Security-Policy without inline scripts (the
 * dashboard's adds review-intake's origin, where its script reads headlines), and Swagger UI works under its policy.
 * That the dashboard shows a stored headline as text and runs nothing is tested end to end, on all three services
 * (local-stack's {@code EndToEndTests}).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "spring.kafka.streams.application-id=scoring-browser-${random.uuid}",
				"spring.kafka.streams.state-dir=${java.io.tmpdir}/scoring-browser-${random.uuid}",
				"reviewflow.scoring.dashboard.review-intake-url=" + DashboardBrowserTests.REVIEW_INTAKE,
				DevelopmentTokens.SERVICE_PROPERTY })
@Import(RealInfrastructure.class)
@DirtiesContext
class DashboardBrowserTests {

	static final String REVIEW_INTAKE = "http://localhost:18081";

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

	static String reviewIntakeUrl() {
		return REVIEW_INTAKE;
	}

	@Test
	void everyResponseCarriesAContentSecurityPolicyWithoutInlineScripts() {
		Http.Response page = Http.on(port).raw("GET", "/", null, new byte[0]);
		assertThat(page.status()).isEqualTo(200);
		String policy = page.header(ContentSecurityPolicy.HEADER);
		assertThat(policy).isEqualTo(ContentSecurityPolicy.pagesConnectingTo(URI.create(reviewIntakeUrl())))
			.contains("default-src 'self'", "script-src 'self';", "style-src 'self';", "object-src 'none'",
					"base-uri 'none'", "frame-ancestors 'none'", "connect-src 'self' " + reviewIntakeUrl() + ";")
			.doesNotContain("unsafe-inline", "unsafe-eval");
		assertThat(page.header("X-Content-Type-Options")).isEqualTo("nosniff");
		// no inline script, handler or style in the page itself; review-intake's URL is the one configured
		assertThat(page.body()).doesNotContainPattern("<script(?![^>]*\\ssrc=)[^>]*>")
			.doesNotContainPattern("\\son[a-z]+\\s*=")
			.doesNotContainPattern("<style|\\sstyle\\s*=")
			.contains("<script src=\"/dashboard/dashboard.js\" defer></script>")
			.contains("<meta name=\"reviewflow-review-intake\" content=\"" + reviewIntakeUrl() + "\">");

		Http.Response script = Http.on(port).raw("GET", "/dashboard/dashboard.js", null, new byte[0]);
		assertThat(script.status()).isEqualTo(200);
		assertThat(script.contentType()).startsWith("text/javascript");
		assertThat(script.body()).contains("new EventSource('/api/stream/scores')").doesNotContain("innerHTML");
		assertThat(script.header(ContentSecurityPolicy.HEADER)).isEqualTo(ContentSecurityPolicy.PAGES);
		for (String path : List.of("/api/titles/never-rated/score", "/dashboard/dashboard.css", "/v3/api-docs")) {
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
