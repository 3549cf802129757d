package dev.reviewflow.web;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The whole application as it starts (every bean, the filters in their order, the real server), against the stub
 * services: ready, its pages served with their headers, an oversized body refused by the server it runs on.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class WebApplicationTests {

	@LocalServerPort
	int port;

	@DynamicPropertySource
	static void services(DynamicPropertyRegistry registry) {
		Upstream.shared().standIn(registry);
	}

	HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
		return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
	}

	@Test
	void startsReadyAndServesItsPagesWithTheirHeaders() throws Exception {
		HttpResponse<String> ready = send(HttpRequest.newBuilder(URI.create("http://localhost:" + port
				+ "/actuator/health/readiness")));
		assertThat(ready.statusCode()).isEqualTo(200);
		HttpResponse<String> shell = send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/dashboard")));
		assertThat(shell.statusCode()).isEqualTo(200);
		assertThat(shell.headers().firstValue("Content-Security-Policy")).hasValueSatisfying(policy -> assertThat(policy)
			.contains("script-src 'self';", "style-src 'self';").doesNotContain("unsafe"));
		assertThat(shell.body()).contains("hx-get=\"/dashboard\"");
		HttpResponse<String> script = send(HttpRequest.newBuilder(URI.create("http://localhost:" + port
				+ "/webjars/htmx.org/dist/htmx.min.js")));
		assertThat(script.statusCode()).isEqualTo(200);

		HttpResponse<String> large = send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/dev/tokens"))
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString("{\"sub\":\"" + "a".repeat(100_000) + "\"}")));
		assertThat(large.statusCode()).isEqualTo(413);
	}
}
