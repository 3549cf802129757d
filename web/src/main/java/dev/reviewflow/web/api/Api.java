package dev.reviewflow.web.api;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.client.ClientHttpResponse;
import org.springframework.web.client.ResourceAccessException;
import org.springframework.web.client.RestClient;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * One service's API, called with the browser's {@code Authorization} header (or none): a refusal becomes an
 * {@link ApiRefusal} carrying the service's problem document, and a service that cannot be reached one with 503.
 */
public final class Api {

	private final String service;

	private final RestClient client;

	private final JsonMapper json;

	Api(String service, RestClient client, JsonMapper json) {
		this.service = service;
		this.client = client;
		this.json = json;
	}

	public String service() {
		return service;
	}

	public <T> T get(@Nullable String authorization, Class<T> type, String uri, Object... variables) {
		return call(() -> {
			T body = request(HttpMethod.GET, authorization, uri, variables).retrieve().body(type);
			if (body == null) {
				throw new ApiRefusal(service, 502, service + " answered without a body.", Map.of(), null);
			}
			return body;
		});
	}

	public <T> T get(@Nullable String authorization, ParameterizedTypeReference<T> type, String uri,
			Object... variables) {
		return call(() -> {
			T body = request(HttpMethod.GET, authorization, uri, variables).retrieve().body(type);
			if (body == null) {
				throw new ApiRefusal(service, 502, service + " answered without a body.", Map.of(), null);
			}
			return body;
		});
	}

	/** A write; the answer's body, if any, as JSON. */
	public @Nullable JsonNode send(HttpMethod method, @Nullable String authorization, @Nullable Object body,
			String uri, Object... variables) {
		return call(() -> {
			RestClient.RequestBodySpec request = request(method, authorization, uri, variables);
			if (body != null) {
				request.contentType(MediaType.APPLICATION_JSON).body(body);
			}
			return request.retrieve().body(JsonNode.class);
		});
	}

	/** A write with request headers of its own ({@code If-Match}, …); the answer's body, if any, as JSON. */
	public @Nullable JsonNode sendWith(HttpHeaders headers, HttpMethod method, @Nullable String authorization,
			@Nullable Object body, String uri, Object... variables) {
		return call(() -> {
			RestClient.RequestBodySpec request = request(method, authorization, uri, variables)
				.headers(all -> all.addAll(headers));
			if (body != null) {
				request.contentType(MediaType.APPLICATION_JSON).body(body);
			}
			return request.retrieve().body(JsonNode.class);
		});
	}

	private RestClient.RequestBodySpec request(HttpMethod method, @Nullable String authorization, String uri,
			Object... variables) {
		RestClient.RequestBodySpec request = client.method(method)
			.uri(uri, variables)
			.accept(MediaType.APPLICATION_JSON, MediaType.APPLICATION_PROBLEM_JSON);
		if (authorization != null) {
			request.header(HttpHeaders.AUTHORIZATION, authorization);
		}
		return request;
	}

	private <T> T call(Call<T> call) {
		try {
			return call.run();
		}
		catch (ResourceAccessException ex) {
			throw ApiRefusal.unavailable(service);
		}
	}

	private interface Call<T> {

		T run();
	}

	/** Reads the problem document of a refusal; a service's 5xx is shown as its own, never as the page's fault. */
	void refuse(ClientHttpResponse response) throws IOException {
		int status = response.getStatusCode().value();
		String detail = service + " answered " + status + ".";
		Map<String, String> fields = new LinkedHashMap<>();
		try {
			JsonNode problem = json.readTree(response.getBody());
			detail = problem.path("detail").asString(problem.path("title").asString(detail));
			for (JsonNode error : problem.path("errors")) {
				fields.putIfAbsent(error.path("field").asString(""), error.path("message").asString("is invalid"));
			}
		}
		catch (JacksonException ex) {
			// not a problem document: the status says enough
		}
		throw new ApiRefusal(service, status, detail, fields, response.getHeaders().getFirst(HttpHeaders.RETRY_AFTER));
	}

	static boolean isError(HttpStatusCode status) {
		return status.isError();
	}
}
