package dev.reviewflow.scoring.dashboard;

import dev.reviewflow.devtokens.DevelopmentTokens;
import dev.reviewflow.testsupport.Http;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.test.web.servlet.MockMvc;

import static org.assertj.core.api.Assertions.assertThat;

/** scoring's {@code /} in a web slice: anyone who opens it is sent to the configured pages' dashboard. */
@WebMvcTest(controllers = DashboardController.class, properties = { DevelopmentTokens.SERVICE_PROPERTY,
		"reviewflow.scoring.dashboard.url=https://reviews.example/dashboard" })
@EnableConfigurationProperties(DashboardProperties.class)
class DashboardControllerTests {

	@Autowired
	MockMvc mvc;

	@Test
	void aBrowserIsSentToThePagesDashboard() {
		for (String path : new String[] { "/", "/index.html" }) {
			Http.Response answer = Http.over(mvc).raw("GET", path, null, new byte[0]);
			assertThat(answer.status()).as(path).isEqualTo(302);
			assertThat(answer.location()).as(path).isEqualTo("https://reviews.example/dashboard");
		}
	}
}
