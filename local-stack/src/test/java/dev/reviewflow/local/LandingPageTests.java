package dev.reviewflow.local;

import java.time.Duration;
import java.util.List;

import dev.reviewflow.platform.ContentSecurityPolicy;
import dev.reviewflow.devtokens.DevelopmentTokens;
import dev.reviewflow.testsupport.Chromium;
import dev.reviewflow.testsupport.Http;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The local stack's landing page: no inline script, a Content-Security-Policy, and its token form still works. */
class LandingPageTests {

	static LandingPage page;

	@BeforeAll
	static void start() throws Exception {
		page = LandingPage.start(0, new DevelopmentTokens(DevelopmentTokens.LOCAL_SECRET));
	}

	@AfterAll
	static void stop() {
		page.close();
	}

	@Test
	void everyAnswerCarriesThePolicyAndThePageHasNoInlineScriptOrStyle() {
		Http.Response index = Http.on(page.port()).raw("GET", "/", null, new byte[0]);
		assertThat(index.status()).isEqualTo(200);
		assertThat(index.header(ContentSecurityPolicy.HEADER)).isEqualTo(ContentSecurityPolicy.PAGES);
		assertThat(index.header("X-Content-Type-Options")).isEqualTo("nosniff");
		assertThat(index.body()).doesNotContainPattern("<script(?![^>]*\\ssrc=)[^>]*>")
			.doesNotContainPattern("\\son[a-z]+\\s*=")
			.doesNotContainPattern("<style|\\sstyle\\s*=")
			.contains("<script src=\"/landing.js\" defer></script>");

		Http.Response script = Http.on(page.port()).raw("GET", "/landing.js", null, new byte[0]);
		assertThat(script.status()).isEqualTo(200);
		assertThat(script.contentType()).startsWith("text/javascript");
		assertThat(script.body()).contains("textContent").doesNotContain("innerHTML");
		assertThat(Http.on(page.port()).raw("GET", "/landing.css", null, new byte[0]).contentType())
			.startsWith("text/css");

		for (String path : List.of("/elsewhere", "/landing.jsx")) {
			Http.Response missing = Http.on(page.port()).raw("GET", path, null, new byte[0]);
			assertThat(missing.status()).as(path).isEqualTo(404);
			assertThat(missing.header(ContentSecurityPolicy.HEADER)).as(path).isEqualTo(ContentSecurityPolicy.PAGES);
		}
	}

	@Test
	void theTokenFormWorksInChromiumUnderThePolicy() {
		try (Chromium chromium = Chromium.start()) {
			chromium.driver().get("http://localhost:" + page.port() + "/");
			WebElement sub = chromium.driver().findElement(By.name("sub"));
			sub.clear();
			sub.sendKeys("<b>carol</b>");
			chromium.driver().findElement(By.cssSelector("#token button")).click();
			await().atMost(Duration.ofSeconds(10))
				.untilAsserted(() -> assertThat(chromium.driver().findElement(By.id("out")).getText())
					.matches("[\\w-]+\\.[\\w-]+\\.[\\w-]+"));
			String token = chromium.driver().findElement(By.id("out")).getText();
			assertThat(NimbusJwtDecoder.withSecretKey(DevelopmentTokens.key(DevelopmentTokens.LOCAL_SECRET))
				.build()
				.decode(token)
				.getSubject())
				.isEqualTo("<b>carol</b>");
			assertThat(chromium.console()).noneMatch(message -> message.contains("Content Security Policy"));
		}
	}
}
