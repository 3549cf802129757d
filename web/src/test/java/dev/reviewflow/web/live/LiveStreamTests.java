package dev.reviewflow.web.live;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import dev.reviewflow.web.Upstream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The browsers' live streams on the running application, fed by a stub of scoring's stream: each browser gets the
 * changes of what its page shows and nothing else, and one address holds only so many streams.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "reviewflow.web.live.max-streams-per-address=2", "reviewflow.web.live.reconnect=200ms" })
class LiveStreamTests {

	static final Upstream upstream = Upstream.shared();

	static final String REVIEW = "0614db2f-e3fe-43eb-9ef4-3c7013149556";

	/** scoring's stream as it sends it: a title nobody here follows, then the followed title and review. */
	static final String SCORING_STREAM = """
			event:title-score
			id:elsewhere-1999
			data:{"titleId":"elsewhere-1999","version":3}

			:heartbeat

			event:title-score
			id:heat-1995
			data:{"titleId":"heat-1995","version":7}

			event:review-score
			id:%s
			data:{"reviewId":"%s","helpful":3,"total":4,"version":2}

			""".formatted(REVIEW, REVIEW);

	@LocalServerPort
	int port;

	@DynamicPropertySource
	static void services(DynamicPropertyRegistry registry) {
		upstream.standIn(registry);
	}

	@BeforeEach
	void scoringStreams() {
		// the stub ends its stream after these events; the web reads it again after reviewflow.web.live.reconnect
		upstream.answer("GET", "/api/stream/scores", 200, "text/event-stream", SCORING_STREAM);
	}

	@Test
	void aBrowserGetsTheChangesOfWhatItsPageShowsAndNothingElse() throws Exception {
		HttpResponse<java.io.InputStream> stream = open("?titleId=heat-1995&reviewId=" + REVIEW);
		assertThat(stream.statusCode()).isEqualTo(200);
		assertThat(stream.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type)
			.startsWith("text/event-stream"));
		List<String> lines = CompletableFuture.supplyAsync(() -> linesUntil(stream, "\"helpful\":3"))
			.get(30, TimeUnit.SECONDS);
		assertThat(lines).contains("event:title-score", "id:heat-1995",
				"data:{\"titleId\":\"heat-1995\",\"version\":7}", "event:review-score", "id:" + REVIEW)
			.noneMatch(line -> line.contains("elsewhere-1999"));
		stream.body().close();
	}

	@Test
	void oneAddressHoldsOnlySoManyStreamsAndIsToldWhenToTryAgain() throws Exception {
		// a stream closed by another test is let go at its next heartbeat: count until the refusal comes
		List<HttpResponse<java.io.InputStream>> held = new ArrayList<>();
		HttpResponse<java.io.InputStream> answer = open("?titleId=heat-1995");
		while (answer.statusCode() == 200 && held.size() < 3) {
			held.add(answer);
			answer = open("?titleId=heat-1995");
		}
		assertThat(held).as("streams held before the refusal").hasSizeBetween(1, 2);
		assertThat(answer.statusCode()).isEqualTo(429);
		assertThat(answer.headers().firstValue("Retry-After")).hasValue("5");
		assertThat(new String(answer.body().readAllBytes(), StandardCharsets.UTF_8)).contains("holds 2 live streams");
		for (HttpResponse<java.io.InputStream> stream : held) {
			stream.body().close();
		}

		HttpResponse<String> tooMany = HttpClient.newHttpClient()
			.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/live/scores?titleId=Not%20A%20Title"))
				.timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
		assertThat(tooMany.statusCode()).isEqualTo(400);
	}

	HttpResponse<java.io.InputStream> open(String query) throws Exception {
		return HttpClient.newHttpClient()
			.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/live/scores" + query))
				.header("Accept", "text/event-stream")
				.build(), HttpResponse.BodyHandlers.ofInputStream());
	}

	static List<String> linesUntil(HttpResponse<java.io.InputStream> stream, String last) {
		List<String> lines = new ArrayList<>();
		try (BufferedReader reader = new BufferedReader(
				new InputStreamReader(stream.body(), StandardCharsets.UTF_8))) {
			String line;
			while ((line = reader.readLine()) != null) {
				lines.add(line);
				if (line.contains(last)) {
					return lines;
				}
			}
			return lines;
		}
		catch (java.io.IOException ex) {
			throw new java.io.UncheckedIOException(ex);
		}
	}
}
