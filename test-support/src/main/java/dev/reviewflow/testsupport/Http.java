package dev.reviewflow.testsupport;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpMethod;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.test.web.servlet.request.MockMvcRequestBuilders;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A small JSON-over-HTTP client for tests that drive a service as its users do: over a real port
 * ({@link #on(int)}), or, in a web slice ({@code @WebMvcTest}), over {@link MockMvc} ({@link #over(MockMvc)}) with the
 * same filters, security and problem handling, so the same assertions serve both.
 */
public final class Http {

	private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	private static final JsonMapper MAPPER = JsonMapper.builder().build();

	/** How a request travels: over the network, or into a MockMvc. */
	private interface Transport {

		Response exchange(String method, String path, Map<String, String> headers, byte[] body);
	}

	private final Transport transport;

	private final @Nullable String token;

	private final Map<String, String> headers;

	private Http(Transport transport, @Nullable String token, Map<String, String> headers) {
		this.transport = transport;
		this.token = token;
		this.headers = Map.copyOf(headers);
	}

	public static Http on(int port) {
		String baseUrl = "http://localhost:" + port;
		return new Http((method, path, headers, body) -> network(baseUrl, method, path, headers, body), null,
				Map.of());
	}

	/** A client of a web slice: requests go through the MockMvc's filter chain, security included. */
	public static Http over(MockMvc mvc) {
		return new Http((method, path, headers, body) -> mock(mvc, method, path, headers, body), null, Map.of());
	}

	/** The same client, sending {@code Authorization: Bearer <token>}. */
	public Http as(String token) {
		return new Http(transport, token, headers);
	}

	/** The same client, sending one more header with every request. */
	public Http with(String header, String value) {
		Map<String, String> more = new LinkedHashMap<>(headers);
		more.put(header, value);
		return new Http(transport, token, more);
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
		Map<String, String> request = new LinkedHashMap<>();
		if (contentType != null) {
			request.put("Content-Type", contentType);
		}
		return exchange(method, path, request, body);
	}

	public Response send(String method, String path, @Nullable String json) {
		return send(method, path, json, null);
	}

	/** A request with an {@code Idempotency-Key} header (when the key is not null). */
	public Response send(String method, String path, @Nullable String json, @Nullable String idempotencyKey) {
		Map<String, String> request = new LinkedHashMap<>();
		request.put("Accept", "application/json, application/problem+json");
		if (json != null) {
			request.put("Content-Type", "application/json");
		}
		if (idempotencyKey != null) {
			request.put("Idempotency-Key", idempotencyKey);
		}
		return exchange(method, path, request, json == null ? new byte[0] : json.getBytes(StandardCharsets.UTF_8));
	}

	private Response exchange(String method, String path, Map<String, String> request, byte[] body) {
		if (token != null) {
			request.put("Authorization", "Bearer " + token);
		}
		request.putAll(headers);
		return transport.exchange(method, path, request, body);
	}

	private static Response network(String baseUrl, String method, String path, Map<String, String> headers,
			byte[] body) {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + path))
			.timeout(Duration.ofSeconds(30))
			.method(method, body.length == 0 ? HttpRequest.BodyPublishers.noBody()
					: HttpRequest.BodyPublishers.ofByteArray(body));
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

	private static Response mock(MockMvc mvc, String method, String path, Map<String, String> headers, byte[] body) {
		MockHttpServletRequestBuilder request = MockMvcRequestBuilders.request(HttpMethod.valueOf(method),
				URI.create(path));
		headers.forEach(request::header);
		if (body.length > 0) {
			request.content(body);
		}
		try {
			MockHttpServletResponse response = mvc.perform(request).andReturn().getResponse();
			Map<String, List<String>> responseHeaders = new LinkedHashMap<>();
			for (String name : response.getHeaderNames()) {
				responseHeaders.put(name, List.copyOf(response.getHeaders(name)));
			}
			String contentType = response.getContentType();
			return new Response(response.getStatus(), contentType == null ? "" : contentType,
					response.getHeader("Location"), response.getContentAsString(StandardCharsets.UTF_8),
					responseHeaders);
		}
		catch (Exception ex) {
			throw new IllegalStateException(method + " " + path + " failed: " + ex.getMessage(), ex);
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
