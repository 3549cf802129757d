package dev.reviewflow.scoring.dashboard;

import java.net.URI;
import java.util.List;

import dev.reviewflow.devtokens.DevelopmentTokens;
import dev.reviewflow.platform.ContentSecurityPolicy;
import dev.reviewflow.testsupport.Http;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.test.web.servlet.MockMvc;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The dashboard page in a web slice: public, no inline script or style, review-intake's configured origin in the
 * page and in its Content-Security-Policy, the platform's policy on its script and style sheet.
 */
@WebMvcTest(controllers = DashboardController.class, properties = { DevelopmentTokens.SERVICE_PROPERTY,
		"reviewflow.scoring.dashboard.review-intake-url=" + DashboardControllerTests.REVIEW_INTAKE })
@EnableConfigurationProperties(DashboardProperties.class)
class DashboardControllerTests {

	static final String REVIEW_INTAKE = "http://localhost:18081";

	static final DevelopmentTokens TOKENS = DevelopmentTokens.local();

	@Autowired
	MockMvc mvc;

	Http anonymous;

	@BeforeEach
	void client() {
		anonymous = Http.over(mvc);
	}

	Http.Response page(Http client, String path) {
		return client.raw("GET", path, null, new byte[0]);
	}

	@Test
	void thePageConnectsOnlyToItselfAndTheConfiguredReviewIntake() {
		Http.Response page = page(anonymous, "/");

		assertThat(page.status()).isEqualTo(200);
		assertThat(page.contentType()).startsWith("text/html");
		assertThat(page.header(ContentSecurityPolicy.HEADER))
			.isEqualTo(ContentSecurityPolicy.pagesConnectingTo(URI.create(REVIEW_INTAKE)))
			.contains("default-src 'self'", "script-src 'self';", "style-src 'self';", "object-src 'none'",
					"base-uri 'none'", "frame-ancestors 'none'", "connect-src 'self' " + REVIEW_INTAKE + ";")
			.doesNotContain("unsafe-inline", "unsafe-eval");
		assertThat(page.body()).contains("<meta name=\"reviewflow-review-intake\" content=\"" + REVIEW_INTAKE + "\">")
			.doesNotContain(DashboardController.REVIEW_INTAKE_URL);
	}

	@Test
	void thePageHasNoInlineScriptHandlerOrStyle() {
		String body = page(anonymous, "/").body();

		assertThat(body).doesNotContainPattern("<script(?![^>]*\\ssrc=)[^>]*>")
			.doesNotContainPattern("\\son[a-z]+\\s*=")
			.doesNotContainPattern("<style|\\sstyle\\s*=")
			.contains("<script src=\"/dashboard/dashboard.js\" defer></script>")
			.contains("<link rel=\"stylesheet\" href=\"/dashboard/dashboard.css\">");
	}

	@Test
	void theScriptSetsTextOnlyAndItsFilesCarryThePlatformsPolicy() {
		Http.Response script = page(anonymous, "/dashboard/dashboard.js");
		Http.Response style = page(anonymous, "/dashboard/dashboard.css");

		assertThat(script.status()).isEqualTo(200);
		assertThat(script.contentType()).startsWith("text/javascript");
		assertThat(script.body()).contains("new EventSource('/api/stream/scores')").doesNotContain("innerHTML");
		assertThat(script.header(ContentSecurityPolicy.HEADER)).isEqualTo(ContentSecurityPolicy.PAGES);
		assertThat(style.status()).isEqualTo(200);
		assertThat(style.contentType()).startsWith("text/css");
		assertThat(style.header(ContentSecurityPolicy.HEADER)).isEqualTo(ContentSecurityPolicy.PAGES);
	}

	@Test
	void thePageIsPublicUnderBothItsAddressesAndAForgedTokenIsRefused() {
		for (String path : List.of("/", "/index.html")) {
			assertThat(page(anonymous, path).status()).as(path).isEqualTo(200);
			assertThat(page(anonymous.as(TOKENS.mint("alice", "USER")), path).status()).as(path).isEqualTo(200);
			Http.Response forged = page(anonymous.as(TOKENS.mint("alice", "USER") + "x"), path);
			assertThat(forged.status()).as(path).isEqualTo(401);
			assertThat(forged.isProblem()).as(path).isTrue();
		}
		assertThat(page(anonymous, "/index.html").body()).isEqualTo(page(anonymous, "/").body());
	}

	@Test
	void thePageTellsBrowsersNotToGuessItsType() {
		assertThat(page(anonymous, "/").header("X-Content-Type-Options")).isEqualTo("nosniff");
	}
}
