package dev.reviewflow.scoring.dashboard;

import java.net.URI;

import dev.reviewflow.platform.ContentSecurityPolicy;
import org.junit.jupiter.api.Test;

import org.springframework.http.ResponseEntity;

import static org.assertj.core.api.Assertions.assertThat;

/** The page's one variable part goes in HTML-escaped, and the policy follows the configured origin. */
class DashboardControllerTest {

	@Test
	void theReviewIntakeUrlGoesInEscaped() throws Exception {
		DashboardController controller = new DashboardController(
				new DashboardProperties(URI.create("https://intake.example/?a='1'&b=2")));

		ResponseEntity<String> page = controller.dashboard();

		assertThat(page.getBody()).contains("content=\"https://intake.example/?a=&#39;1&#39;&amp;b=2\"")
			.doesNotContain("a='1'&b=2");
		assertThat(page.getHeaders().getFirst(ContentSecurityPolicy.HEADER))
			.contains("connect-src 'self' https://intake.example");
	}
}
