package dev.reviewflow.testsupport;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** A small JSON-over-HTTP client for tests that drive a service as its users do. */
public final class Http {

	private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	private static final JsonMapper MAPPER = JsonMapper.builder().build();

	private final String baseUrl;

	private final @Nullable String token;

	private final Map<String, String> headers;

	private Http(String baseUrl, @Nullable String token, Map<String, String> headers) {
		this.baseUrl = baseUrl;
		this.token = token;
		this.headers = Map.copyOf(headers);
	}

	public static Http on(int port) {
		return new Http("http://localhost:" + port, null, Map.of());
	}

	/** The same client, sending {@code Authorization: Bearer <token>}. */
	public Http as(String token) {
		return new Http(baseUrl, token, headers);
	}

	/** The same client, sending one more header with every request. */
	public Http with(String header, String value) {
		Map<String, String> more = new LinkedHashMap<>(headers);
		more.put(header, value);
		return new Http(baseUrl, token, more);
	}

	public Response get(String path) {
		return send("GET", path, null);
	}

	public Response delete(String path) {
		return send("DELETE", path, null);
	}

	public Response post(String path, String json) {
		return send("POST", path, json);
	}

	public Response put(String path, String json) {
		return send("PUT", path, json);
	}

	public Response patch(String path, String json) {
		return send("PATCH", path, json);
	}

	/** Any bytes with any content type, for tests that send what a careless or hostile client would. */
	public Response raw(String method, String path, @Nullable String contentType, byte[] body) {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + path))
			.timeout(Duration.ofSeconds(30))
			.method(method, HttpRequest.BodyPublishers.ofByteArray(body));
		if (contentType != null) {
			request.header("Content-Type", contentType);
		}
		if (token != null) {
			request.header("Authorization", "Bearer " + token);
		}
		return exchange(method, path, request);
	}

	public Response send(String method, String path, @Nullable String json) {
		return send(method, path, json, null);
	}

	/** A request with an {@code Idempotency-Key} header (when the key is not null). */
	public Response send(String method, String path, @Nullable String json, @Nullable String idempotencyKey) {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + path))
			.timeout(Duration.ofSeconds(30))
			.header("Accept", "application/json, application/problem+json")
			.method(method, json == null ? HttpRequest.BodyPublishers.noBody()
					: HttpRequest.BodyPublishers.ofString(json));
		if (json != null) {
			request.header("Content-Type", "application/json");
		}
		if (token != null) {
			request.header("Authorization", "Bearer " + token);
		}
		if (idempotencyKey != null) {
			request.header("Idempotency-Key", idempotencyKey);
		}
		return exchange(method, path, request);
	}

	private Response exchange(String method, String path, HttpRequest.Builder request) {
		headers.forEach(request::header);
		try {
			HttpResponse<String> response = CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofString());
			return new Response(response.statusCode(), response.headers().firstValue("Content-Type").orElse(""),
					response.headers().firstValue("Location").orElse(null), response.body(),
					response.headers().map());
		}
		catch (IOException ex) {
			throw new IllegalStateException(method + " " + path + " failed: " + ex.getMessage(), ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	/** What came back. */
	public record Response(int status, String contentType, @Nullable String location, String body,
			Map<String, List<String>> headers) {

		/** The first value of a response header (names are case-insensitive), if it was sent. */
		public @Nullable String header(String name) {
			return headers.entrySet().stream().filter(header -> header.getKey().equalsIgnoreCase(name))
				.flatMap(header -> header.getValue().stream()).findFirst().orElse(null);
		}

		public JsonNode json() {
			return MAPPER.readTree(body);
		}

		public boolean isProblem() {
			return contentType.startsWith("application/problem+json");
		}

		@Override
		public String toString() {
			return status + " " + contentType + " " + body;
		}
	}
}
