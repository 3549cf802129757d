package dev.reviewflow.local;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Executors;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.reviewflow.devtokens.DevelopmentTokens;
import dev.reviewflow.platform.ContentSecurityPolicy;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The local stack's development token minter, {@code POST /dev/tokens {"sub": "...", "roles": ["USER"]}}, on a port of
 * this machine only. The web pages' sign-in ({@code /login} on 8080) and {@code POST localhost:8080/dev/tokens} reach
 * it through the web service, which has no secret of its own: only this class, with the {@code dev-tokens} module,
 * can sign a token.
 */
final class TokenMinter implements AutoCloseable {

	static final Set<String> ROLES = Set.of("USER", "CRITIC", "MODERATOR", "ADMIN");

	private final HttpServer server;

	private final DevelopmentTokens tokens;

	private final JsonMapper json = JsonMapper.builder().build();

	private TokenMinter(HttpServer server, DevelopmentTokens tokens) {
		this.server = server;
		this.tokens = tokens;
	}

	static TokenMinter start(int port, DevelopmentTokens tokens) throws IOException {
		HttpServer server = HttpServer.create(new InetSocketAddress("localhost", port), 0);
		TokenMinter minter = new TokenMinter(server, tokens);
		server.createContext("/dev/tokens", minter::token);
		server.createContext("/", exchange -> minter.problem(exchange, 404,
				"Only POST /dev/tokens here; the pages are at the web service (port 8080 in local mode)."));
		server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
		server.start();
		return minter;
	}

	private void token(HttpExchange exchange) throws IOException {
		if (!exchange.getRequestMethod().equals("POST")) {
			exchange.getResponseHeaders().add("Allow", "POST");
			problem(exchange, 405, "Use POST /dev/tokens with {\"sub\": \"alice\", \"roles\": [\"USER\"]}.");
			return;
		}
		// bound to localhost, but a page elsewhere could reach it through DNS rebinding: only a request that names
		// this machine in Host (and, from a browser, comes from this page's origin) gets a token
		String host = exchange.getRequestHeaders().getFirst("Host");
		String origin = exchange.getRequestHeaders().getFirst("Origin");
		int port = exchange.getLocalAddress().getPort();
		List<String> local = List.of("localhost:" + port, "127.0.0.1:" + port, "[::1]:" + port);
		if (host == null || !local.contains(host)
				|| origin != null && local.stream().noneMatch(name -> origin.equals("http://" + name))) {
			problem(exchange, 403, "Development tokens are only for pages and tools on this machine (Host "
					+ String.join(" or ", local) + ").");
			return;
		}
		JsonNode request;
		try {
			request = json.readTree(exchange.getRequestBody());
		}
		catch (JacksonException ex) {
			problem(exchange, 400, "The body must be JSON: {\"sub\": \"alice\", \"roles\": [\"USER\"]}.");
			return;
		}
		String subject = request.path("sub").asString("");
		List<String> roles = request.path("roles").valueStream().map(JsonNode::asString).toList();
		if (subject.isBlank() || roles.isEmpty() || !ROLES.containsAll(roles)) {
			problem(exchange, 400, "Give a non-empty 'sub' and 'roles' from " + ROLES + ".");
			return;
		}
		String token = tokens.mint(subject, roles, request.path("topCritic").asBoolean(false), Duration.ofHours(12));
		send(exchange, 200, "application/json",
				json.writeValueAsBytes(java.util.Map.of("token", token, "sub", subject, "roles", roles)));
	}

	private void problem(HttpExchange exchange, int status, String detail) throws IOException {
		send(exchange, status, "application/problem+json",
				json.writeValueAsBytes(java.util.Map.of("status", status, "detail", detail)));
	}

	/** Every answer carries the services' Content-Security-Policy, though none is a page. */
	private static void send(HttpExchange exchange, int status, String contentType, byte[] body) throws IOException {
		exchange.getResponseHeaders().add("Content-Type", contentType);
		exchange.getResponseHeaders().add(ContentSecurityPolicy.HEADER, ContentSecurityPolicy.PAGES);
		exchange.getResponseHeaders().add("X-Content-Type-Options", "nosniff");
		exchange.sendResponseHeaders(status, body.length);
		try (var out = exchange.getResponseBody()) {
			out.write(body);
		}
	}

	int port() {
		return server.getAddress().getPort();
	}

	@Override
	public void close() {
		server.stop(0);
	}
}
