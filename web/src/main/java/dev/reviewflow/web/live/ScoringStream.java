package dev.reviewflow.web.live;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.stream.Stream;

import dev.reviewflow.web.WebProperties;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Follows scoring's {@code /api/stream/scores} for every title: one connection, read line by line as Server-Sent
 * Events, each event handed to the listeners; when the stream ends (scoring closes streams after a while) or fails,
 * it connects again after {@code reviewflow.web.live.reconnect}; so it does when the stream has said nothing, not even
 * its heartbeat, for {@code reviewflow.web.live.silence} (a connection whose peer went away without a word). What
 * arrives while it is disconnected is not replayed;
 * a page shows current figures when it loads, and the next change brings it up to date.
 */
@Component
class ScoringStream implements SmartLifecycle {

	private static final Logger log = LoggerFactory.getLogger(ScoringStream.class);

	private final HttpClient http;

	private final URI stream;

	private final WebProperties.Live properties;

	private final List<Consumer<ScoreEvent>> listeners = new CopyOnWriteArrayList<>();

	private volatile boolean running;

	private volatile @Nullable Thread reader;

	private volatile @Nullable Stream<String> lines;

	/** When the stream last said anything (a line, a heartbeat comment included), by {@link System#nanoTime()}. */
	private volatile long heard;

	ScoringStream(WebProperties properties) {
		this.http = HttpClient.newBuilder().connectTimeout(properties.connectTimeout()).build();
		this.stream = properties.scoring().resolve("/api/stream/scores");
		this.properties = properties.live();
	}

	void listen(Consumer<ScoreEvent> listener) {
		listeners.add(listener);
	}

	@Override
	public void start() {
		running = true;
		reader = Thread.ofVirtual().name("scoring-stream").start(this::follow);
	}

	@Override
	public void stop() {
		running = false;
		Stream<String> current = lines;
		if (current != null) {
			current.close();
		}
		Thread thread = reader;
		if (thread != null) {
			thread.interrupt();
		}
	}

	@Override
	public boolean isRunning() {
		return running;
	}

	private void follow() {
		while (running) {
			try {
				HttpResponse<Stream<String>> response = http.send(
						HttpRequest.newBuilder(stream).header("Accept", "text/event-stream").GET().build(),
						HttpResponse.BodyHandlers.ofLines());
				if (response.statusCode() != 200) {
					response.body().close();
					log.info("scoring's live stream answered {}; trying again in {}", response.statusCode(),
							properties.reconnect());
				}
				else {
					try (Stream<String> body = response.body()) {
						lines = body;
						heard = System.nanoTime();
						Thread watchdog = Thread.ofVirtual().name("scoring-stream-watchdog").start(() -> watch(body));
						try {
							read(body);
						}
						finally {
							watchdog.interrupt();
						}
					}
				}
			}
			catch (IOException | UncheckedIOException ex) {
				if (running) {
					log.debug("scoring's live stream broke off ({}); connecting again in {}", ex.toString(),
							properties.reconnect());
				}
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				return;
			}
			catch (RuntimeException ex) {
				// whatever it was, the pages must not lose their live figures until restarted
				log.warn("scoring's live stream failed; connecting again in {}", properties.reconnect(), ex);
			}
			if (!pause()) {
				return;
			}
		}
	}

	/** Closes the stream once it has been silent too long; the reader then connects again. */
	private void watch(Stream<String> body) {
		Duration silence = properties.silence();
		try {
			while (running) {
				Thread.sleep(silence.dividedBy(4));
				if (System.nanoTime() - heard > silence.toNanos()) {
					log.info("scoring's live stream said nothing for {}; connecting again", silence);
					body.close();
					return;
				}
			}
		}
		catch (InterruptedException ex) {
			// the stream ended by itself
		}
	}

	private boolean pause() {
		try {
			Thread.sleep(properties.reconnect());
			return true;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return false;
		}
	}

	/** Server-Sent Events: {@code event:}, {@code id:} and {@code data:} lines, each event ended by a blank line. */
	private void read(Stream<String> body) {
		String[] event = { null, null };
		StringBuilder data = new StringBuilder();
		body.forEach(line -> {
			heard = System.nanoTime();
			if (line.isEmpty()) {
				if (event[0] != null && event[1] != null && !data.isEmpty()) {
					ScoreEvent received = new ScoreEvent(event[0], event[1], data.toString());
					listeners.forEach(listener -> listener.accept(received));
				}
				event[0] = null;
				event[1] = null;
				data.setLength(0);
			}
			else if (line.startsWith("event:")) {
				event[0] = line.substring(6).strip();
			}
			else if (line.startsWith("id:")) {
				event[1] = line.substring(3).strip();
			}
			else if (line.startsWith("data:")) {
				if (!data.isEmpty()) {
					data.append('\n');
				}
				data.append(line.substring(5).stripLeading());
			}
		});
	}
}
