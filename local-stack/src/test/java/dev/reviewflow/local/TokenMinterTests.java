package dev.reviewflow.local;

import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;

import dev.reviewflow.platform.ContentSecurityPolicy;
import dev.reviewflow.devtokens.DevelopmentTokens;
import dev.reviewflow.testsupport.Http;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;

import static org.assertj.core.api.Assertions.assertThat;

/** The local stack's token minter: tokens for this machine only, answers that are problem documents. */
class TokenMinterTests {

	static TokenMinter minter;

	@BeforeAll
	static void start() throws Exception {
		minter = TokenMinter.start(0, DevelopmentTokens.local());
	}

	@AfterAll
	static void stop() {
		minter.close();
	}

	@Test
	void mintsATokenTheServicesAcceptAndNothingElse() {
		Http.Response minted = Http.on(minter.port()).post("/dev/tokens", "{\"sub\":\"carol\",\"roles\":[\"USER\"]}");
		assertThat(minted.status()).isEqualTo(200);
		org.springframework.security.oauth2.jwt.Jwt jwt = NimbusJwtDecoder
			.withSecretKey(DevelopmentTokens.key(DevelopmentTokens.LOCAL_SECRET))
			.build()
			.decode(minted.json().get("token").asString());
		// what the services require of a token besides the signature
		assertThat(jwt.getSubject()).isEqualTo("carol");
		assertThat(jwt.getClaimAsString("iss")).isEqualTo("reviewflow-local");
		assertThat(jwt.getAudience()).contains("reviewflow");
		assertThat(jwt.getClaimAsStringList("roles")).containsExactly("USER");
		assertThat(jwt.getExpiresAt()).isAfter(java.time.Instant.now().plus(java.time.Duration.ofHours(11)));
		assertThat(minted.header(ContentSecurityPolicy.HEADER)).isEqualTo(ContentSecurityPolicy.PAGES);

		Http.Response badRole = Http.on(minter.port()).post("/dev/tokens", "{\"sub\":\"carol\",\"roles\":[\"ROOT\"]}");
		assertThat(badRole.status()).isEqualTo(400);
		assertThat(badRole.isProblem()).isTrue();
		for (String path : List.of("/", "/landing.html")) {
			Http.Response missing = Http.on(minter.port()).raw("GET", path, null, new byte[0]);
			assertThat(missing.status()).as(path).isEqualTo(404);
			assertThat(missing.isProblem()).as(path).isTrue();
		}
	}

	/** A page on another site that reaches the minter (DNS rebinding, a form post) gets no token. */
	@Test
	void onlyThisMachineGetsTokens() throws Exception {
		String body = "{\"sub\":\"mallory\",\"roles\":[\"ADMIN\"]}";
		assertThat(rawPost("evil.example:" + minter.port(), body)).startsWith("HTTP/1.1 403");
		assertThat(rawPost("localhost:" + minter.port(), body)).startsWith("HTTP/1.1 200");
		Http.Response fromElsewhere = Http.on(minter.port()).with("Origin", "http://evil.example")
			.post("/dev/tokens", body);
		assertThat(fromElsewhere.status()).isEqualTo(403);
		assertThat(fromElsewhere.isProblem()).isTrue();
		assertThat(Http.on(minter.port()).with("Origin", "http://localhost:" + minter.port()).post("/dev/tokens", body)
			.status()).isEqualTo(200);
	}

	/** A POST with a Host header of our choosing (Java's HTTP client does not let a caller set it). */
	static String rawPost(String host, String json) throws Exception {
		try (Socket socket = new Socket("localhost", minter.port())) {
			byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
			socket.getOutputStream().write(("POST /dev/tokens HTTP/1.1\r\nHost: " + host
					+ "\r\nContent-Type: application/json\r\nContent-Length: " + bytes.length
					+ "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
			socket.getOutputStream().write(bytes);
			return new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		}
	}
}
