package dev.reviewflow.local;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The cluster's front door with two stand-in instances on real sockets: connections are shared among the instances
 * that answer ready, an instance that stops is left out, and with none ready a client gets 503 problem+json.
 */
class FrontDoorTests {

	private final List<Instance> instances = List.of(new Instance("one"), new Instance("two"));

	private final FrontDoor door = FrontDoor.open("test", 0, instances.stream().map(Instance::port).toList());

	FrontDoorTests() throws IOException {
	}

	@AfterEach
	void close() throws IOException {
		door.close();
		instances.forEach(Instance::stop);
	}

	/** A stand-in instance: its readiness as set, and its name on every other path. */
	static final class Instance {

		final HttpServer server;

		volatile int readiness = 200;

		Instance(String name) throws IOException {
			server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
			server.createContext("/actuator/health/readiness", exchange -> {
				exchange.sendResponseHeaders(readiness, -1);
				exchange.close();
			});
			server.createContext("/", exchange -> {
				byte[] body = name.getBytes(StandardCharsets.UTF_8);
				exchange.sendResponseHeaders(200, body.length);
				exchange.getResponseBody().write(body);
				exchange.close();
			});
			server.start();
		}

		int port() {
			return server.getAddress().getPort();
		}

		void stop() {
			server.stop(0);
		}
	}

	/** A request on a new connection each time, as a client after a restart would make it. */
	private HttpResponse<String> get() throws IOException, InterruptedException {
		try (HttpClient http = HttpClient.newHttpClient()) {
			return http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + door.port() + "/api/anything"))
				.timeout(Duration.ofSeconds(5))
				.build(), HttpResponse.BodyHandlers.ofString());
		}
	}

	@Test
	void connectionsAreSharedAmongTheReadyInstances() {
		await().atMost(Duration.ofSeconds(10)).until(() -> door.ready() == 2);
		Set<String> answered = new HashSet<>();
		await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
			answered.add(get().body());
			assertThat(answered).containsExactlyInAnyOrder("one", "two");
		});
	}

	@Test
	void anInstanceThatIsNotReadyGetsNoConnection() throws Exception {
		instances.get(1).readiness = 503;
		await().atMost(Duration.ofSeconds(10)).until(() -> door.ready() == 1);
		for (int i = 0; i < 6; i++) {
			assertThat(get().body()).isEqualTo("one");
		}
	}

	@Test
	void anInstanceThatStoppedIsLeftOutBeforeTheNextReadinessCheck() throws Exception {
		await().atMost(Duration.ofSeconds(10)).until(() -> door.ready() == 2);
		instances.get(0).stop();
		// the first connection to the stopped instance is refused and goes to the other one
		for (int i = 0; i < 6; i++) {
			HttpResponse<String> response = get();
			assertThat(response.statusCode()).isEqualTo(200);
			assertThat(response.body()).isEqualTo("two");
		}
	}

	@Test
	void withNoInstanceReadyTheClientIsToldToComeBack() throws Exception {
		instances.forEach(instance -> instance.readiness = 503);
		await().atMost(Duration.ofSeconds(10)).until(() -> door.ready() == 0);
		HttpResponse<String> response = get();
		assertThat(response.statusCode()).isEqualTo(503);
		assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
		assertThat(response.headers().firstValue("Retry-After")).hasValue("1");
		assertThat(response.body()).contains("\"status\":503").contains("no instance of test is ready");
	}
}
