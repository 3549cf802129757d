package dev.reviewflow.local;

import java.net.Socket;
import java.nio.charset.StandardCharsets;
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
		page = LandingPage.start(0, DevelopmentTokens.local());
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

	/** A page on another site that reaches the helper (DNS rebinding, a form post) gets no token. */
	@Test
	void onlyThisMachineGetsTokens() throws Exception {
		String body = "{\"sub\":\"mallory\",\"roles\":[\"ADMIN\"]}";
		assertThat(rawPost("evil.example:" + page.port(), body)).startsWith("HTTP/1.1 403");
		assertThat(rawPost("localhost:" + page.port(), body)).startsWith("HTTP/1.1 200");
		Http.Response fromElsewhere = Http.on(page.port()).with("Origin", "http://evil.example")
			.post("/dev/tokens", body);
		assertThat(fromElsewhere.status()).isEqualTo(403);
		assertThat(fromElsewhere.isProblem()).isTrue();
		assertThat(Http.on(page.port()).with("Origin", "http://localhost:" + page.port()).post("/dev/tokens", body)
			.status()).isEqualTo(200);
	}

	/** A POST with a Host header of our choosing (Java's HTTP client does not let a caller set it). */
	static String rawPost(String host, String json) throws Exception {
		try (Socket socket = new Socket("localhost", page.port())) {
			byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
			socket.getOutputStream().write(("POST /dev/tokens HTTP/1.1\r\nHost: " + host
					+ "\r\nContent-Type: application/json\r\nContent-Length: " + bytes.length
					+ "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
			socket.getOutputStream().write(bytes);
			return new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
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
