package dev.reviewflow.local;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

/**
 * The one address of a service in {@code ./reviewflow up --cluster} (8081, 8082, 8083), in front of its instances: a
 * connection goes to the next instance that reports itself ready, and stays with it (as a Kubernetes Service does).
 * An instance that stops answering is out at once, one that reports ready again is back within half a second; with
 * no instance ready, a request is answered 503 problem+json with {@code Retry-After}. It forwards bytes, so request
 * bodies and the live score stream pass as they are.
 */
final class FrontDoor implements AutoCloseable {

	/** How often each instance's readiness is asked. */
	static final Duration HEALTH_INTERVAL = Duration.ofMillis(500);

	private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(1);

	private final String name;

	private final ServerSocket server;

	private final List<Backend> backends;

	private final AtomicInteger next = new AtomicInteger();

	private final ExecutorService connections = Executors.newVirtualThreadPerTaskExecutor();

	private final ScheduledExecutorService health = Executors.newSingleThreadScheduledExecutor(
			Thread.ofPlatform().daemon().name("front-door-health").factory());

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(CONNECT_TIMEOUT).build();

	/** An instance behind the door, and whether it took the last readiness check. */
	static final class Backend {

		final int port;

		volatile boolean ready;

		Backend(int port) {
			this.port = port;
		}
	}

	private FrontDoor(String name, ServerSocket server, List<Backend> backends) {
		this.name = name;
		this.server = server;
		this.backends = backends;
	}

	/** Listens on {@code port} (localhost; 0 for any free one) in front of the instances on {@code instancePorts}. */
	static FrontDoor open(String name, int port, List<Integer> instancePorts) throws IOException {
		ServerSocket server = new ServerSocket();
		server.setReuseAddress(true);
		server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 512);
		FrontDoor door = new FrontDoor(name, server, instancePorts.stream().map(Backend::new).toList());
		door.health.scheduleWithFixedDelay(door::checkHealth, 0, HEALTH_INTERVAL.toMillis(), TimeUnit.MILLISECONDS);
		Thread.ofPlatform().daemon().name("front-door-" + name).start(door::accept);
		return door;
	}

	/** The port it listens on. */
	int port() {
		return server.getLocalPort();
	}

	/** How many instances took their last readiness check. */
	int ready() {
		return (int) backends.stream().filter(backend -> backend.ready).count();
	}

	private void checkHealth() {
		for (Backend backend : backends) {
			try {
				HttpResponse<Void> response = http.send(HttpRequest
					.newBuilder(URI.create("http://localhost:" + backend.port + "/actuator/health/readiness"))
					.timeout(Duration.ofSeconds(2))
					.build(), HttpResponse.BodyHandlers.discarding());
				backend.ready = response.statusCode() == 200;
			}
			catch (IOException | RuntimeException ex) {
				// no answer, or none that makes sense: not ready (and the checks go on)
				backend.ready = false;
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				return;
			}
		}
	}

	private void accept() {
		while (!server.isClosed()) {
			try {
				Socket client = server.accept();
				connections.execute(() -> serve(client));
			}
			catch (IOException ex) {
				if (!server.isClosed()) {
					// e.g. out of file descriptors: wait a moment rather than spin
					LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(50));
				}
			}
		}
	}

	private void serve(Socket client) {
		try (client) {
			client.setTcpNoDelay(true);
			Socket instance = connect();
			if (instance == null) {
				unavailable(client);
				return;
			}
			try (instance) {
				instance.setTcpNoDelay(true);
				Thread upstream = Thread.ofVirtual()
					.start(() -> copy(client, instance));
				copy(instance, client);
				upstream.join();
			}
		}
		catch (IOException | InterruptedException ex) {
			// the client or the instance went away; the other side sees its connection close
		}
	}

	/** A connection to the next ready instance, round robin; an instance that refuses is out until it is ready again. */
	private Socket connect() {
		int start = Math.floorMod(next.getAndIncrement(), backends.size());
		for (int i = 0; i < backends.size(); i++) {
			Backend backend = backends.get((start + i) % backends.size());
			if (!backend.ready) {
				continue;
			}
			Socket socket = new Socket();
			try {
				socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), backend.port),
						(int) CONNECT_TIMEOUT.toMillis());
				return socket;
			}
			catch (IOException ex) {
				backend.ready = false;
				closeQuietly(socket);
			}
		}
		return null;
	}

	/** Copies until {@code from} ends, then ends what {@code to} is sent, so the other direction can finish. */
	private static void copy(Socket from, Socket to) {
		byte[] buffer = new byte[16 * 1024];
		try {
			InputStream in = from.getInputStream();
			OutputStream out = to.getOutputStream();
			int read;
			while ((read = in.read(buffer)) >= 0) {
				out.write(buffer, 0, read);
			}
			to.shutdownOutput();
		}
		catch (IOException ex) {
			// one side is gone: close both, so neither waits for the other
			closeQuietly(from);
			closeQuietly(to);
		}
	}

	private void unavailable(Socket client) throws IOException {
		byte[] body = ("{\"type\":\"about:blank\",\"title\":\"Service Unavailable\",\"status\":503,\"detail\":\"no instance of "
				+ name + " is ready; try again shortly\"}").getBytes(StandardCharsets.UTF_8);
		String head = "HTTP/1.1 503 Service Unavailable\r\nContent-Type: application/problem+json\r\nRetry-After: 1\r\n"
				+ "Content-Length: " + body.length + "\r\nConnection: close\r\n\r\n";
		OutputStream out = client.getOutputStream();
		out.write(head.getBytes(StandardCharsets.US_ASCII));
		out.write(body);
		client.shutdownOutput();
		// read what the client sent, so closing does not reset the connection before it has read the answer
		client.setSoTimeout(1000);
		try {
			client.getInputStream().skip(Long.MAX_VALUE);
		}
		catch (IOException ex) {
			// it stopped sending, or took too long: either way it has the answer
		}
	}

	private static void closeQuietly(Socket socket) {
		try {
			socket.close();
		}
		catch (IOException ex) {
			// already closed
		}
	}

	@Override
	public void close() throws IOException {
		health.shutdownNow();
		server.close();
		connections.shutdownNow();
		http.close();
	}

	@Override
	public String toString() {
		return "the front door of " + name;
	}
}
