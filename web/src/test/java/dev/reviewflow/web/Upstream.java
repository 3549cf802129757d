package dev.reviewflow.web;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import org.jspecify.annotations.Nullable;

import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * The three services as the pages' tests see them: one HTTP server on this machine that answers each
 * {@code METHOD path?query} with the answer stubbed for it (404 problem+json otherwise) and records every request, in
 * the order they arrived, with its {@code Authorization} header, its other headers and its body. The pages talk to it
 * over real HTTP, as they talk to the services.
 */
public final class Upstream {

	/**
	 * One request as it arrived.
	 * @param headers every header, by name in any case
	 */
	public record Request(String method, String target, @Nullable String authorization, String body,
			Map<String, List<String>> headers) {

		public Request {
			Map<String, List<String>> copy = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
			headers.forEach((name, values) -> copy.put(name, List.copyOf(values)));
			headers = java.util.Collections.unmodifiableMap(copy);
		}

		/** The header's first value, or null when it was not sent. */
		public @Nullable String header(String name) {
			List<String> values = headers.get(name);
			return values == null || values.isEmpty() ? null : values.getFirst();
		}
	}

	/** An answer with headers of its own ({@code Retry-After}, …); a negative status hangs up without answering. */
	record Answer(int status, String contentType, String body, Map<String, String> headers, boolean stalls) {

		Answer(int status, String contentType, String body, Map<String, String> headers) {
			this(status, contentType, body, headers, false);
		}
	}

	private static final Upstream SHARED = start();

	private final HttpServer server;

	private final Map<String, Answer> answers = new ConcurrentHashMap<>();

	private final List<Request> requests = new CopyOnWriteArrayList<>();

	/** Released by {@link #release()}: ends the silence of stalled answers. */
	private final java.util.concurrent.CountDownLatch released = new java.util.concurrent.CountDownLatch(1);

	private Upstream(HttpServer server) {
		this.server = server;
	}

	/** One server for every test class of the JVM; each test {@link #reset() resets} it. */
	public static Upstream shared() {
		return SHARED;
	}

	/** A server of its own, for a test whose stubs must not meet another test's callers. */
	public static Upstream start() {
		try {
			HttpServer server = HttpServer.create(new InetSocketAddress("localhost", 0), 0);
			Upstream upstream = new Upstream(server);
			server.createContext("/", upstream::answer);
			// an answer may hold its connection open (a stalled stream): every exchange on a thread of its own
			server.setExecutor(java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor());
			server.start();
			return upstream;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	public String url() {
		return "http://localhost:" + server.getAddress().getPort();
	}

	/** Points the web's three service addresses at this stub (for a {@code @DynamicPropertySource}). */
	public void standIn(DynamicPropertyRegistry registry) {
		registry.add("reviewflow.web.review-intake", this::url);
		registry.add("reviewflow.web.moderation", this::url);
		registry.add("reviewflow.web.scoring", this::url);
	}

	public void reset() {
		answers.clear();
		requests.clear();
	}

	/** Answers {@code method target} (path and query, as the page sends it) with 200 and this JSON. */
	public Upstream json(String method, String target, String json) {
		return answer(method, target, 200, "application/json", json);
	}

	/** Answers {@code method target} with a problem document, and headers given as name, value, name, value… */
	public Upstream problem(String method, String target, int status, String problemJson,
			String... headerNamesAndValues) {
		return answer(method, target, status, "application/problem+json", problemJson, headerNamesAndValues);
	}

	/**
	 * Closes the connection on {@code method target} without answering, as a service that went away does: the page's
	 * client sees no answer at all (a client may try an idempotent request once more on a fresh connection).
	 */
	public Upstream hangUp(String method, String target) {
		return answer(method, target, -1, "", "");
	}

	/**
	 * Answers {@code method target} with 200, this content type and body, then keeps the connection open and silent
	 * until {@link #release()}, as a peer whose network went away without a word does.
	 */
	public Upstream stall(String method, String target, String contentType, String body) {
		answers.put(method + " " + target, new Answer(200, contentType, body, Map.of(), true));
		return this;
	}

	public Upstream answer(String method, String target, int status, String contentType, String body,
			String... headerNamesAndValues) {
		Map<String, String> headers = new java.util.LinkedHashMap<>();
		for (int i = 0; i + 1 < headerNamesAndValues.length; i += 2) {
			headers.put(headerNamesAndValues[i], headerNamesAndValues[i + 1]);
		}
		answers.put(method + " " + target, new Answer(status, contentType, body, Map.copyOf(headers)));
		return this;
	}

	/** Ends every stalled answer: their connections close. */
	public void release() {
		released.countDown();
	}

	public List<Request> requests() {
		return List.copyOf(requests);
	}

	private void answer(HttpExchange exchange) throws IOException {
		String target = exchange.getRequestURI().getRawPath()
				+ (exchange.getRequestURI().getRawQuery() == null ? "" : "?" + exchange.getRequestURI().getRawQuery());
		String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
		requests.add(new Request(exchange.getRequestMethod(), target,
				exchange.getRequestHeaders().getFirst("Authorization"), body, exchange.getRequestHeaders()));
		Answer answer = answers.getOrDefault(exchange.getRequestMethod() + " " + target, new Answer(404,
				"application/problem+json", "{\"status\":404,\"detail\":\"Nothing stubbed for " + target + ".\"}",
				Map.of()));
		if (answer.status() < 0) {
			// before any response header is sent, closing the exchange closes the connection
			exchange.close();
			return;
		}
		byte[] bytes = answer.body().getBytes(StandardCharsets.UTF_8);
		if (answer.stalls()) {
			exchange.getResponseHeaders().add("Content-Type", answer.contentType());
			exchange.sendResponseHeaders(200, 0);
			exchange.getResponseBody().write(bytes);
			exchange.getResponseBody().flush();
			try {
				// silent until the test releases the stub (at most a minute, should it forget)
				released.await(1, java.util.concurrent.TimeUnit.MINUTES);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
			exchange.close();
			return;
		}
		exchange.getResponseHeaders().add("Content-Type", answer.contentType());
		answer.headers().forEach(exchange.getResponseHeaders()::add);
		exchange.sendResponseHeaders(answer.status(), bytes.length == 0 ? -1 : bytes.length);
		try (var out = exchange.getResponseBody()) {
			out.write(bytes);
		}
	}
}
