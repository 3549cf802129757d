package dev.reviewflow.scoring.query;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

import com.sun.net.httpserver.HttpServer;
import dev.reviewflow.events.TitleScoreChanged;
import dev.reviewflow.platform.Page;
import org.apache.kafka.streams.state.HostInfo;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.http.client.autoconfigure.HttpClientAutoConfiguration;
import org.springframework.boot.http.client.autoconfigure.imperative.ImperativeHttpClientAutoConfiguration;
import org.springframework.boot.http.converter.autoconfigure.HttpMessageConvertersAutoConfiguration;
import org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration;
import org.springframework.boot.restclient.autoconfigure.RestClientAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.core.ParameterizedTypeReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Asking another instance, over real HTTP (a small server in the test), with the {@link RemoteScores} Boot builds:
 * its auto-configured {@code RestClient.Builder}, message converters and {@code JsonMapper}, and the timeouts of
 * {@code reviewflow.scoring.queries.forwarding}. No broker: what owns a key is the multi-instance test's business.
 */
class RemoteScoresTest {

	static final ParameterizedTypeReference<TitleScoreChanged> TITLE_SCORE = new ParameterizedTypeReference<>() {
	};

	static final String SCORE = """
			{"titleId":"heat-1995","userRating":{"average":6.5,"count":2,"weighted":5.0297,
			 "histogram":[0,0,0,0,1,0,0,1,0,0]},"audienceScore":{"percent":50,"count":2},
			 "criticScore":{"percent":null,"fresh":0,"rotten":0,"count":0,
			  "topCritics":{"percent":null,"fresh":0,"rotten":0,"count":0}},
			 "reviewCounts":{"user":1,"critic":0},"updatedAt":"2026-11-23T12:00:00Z","version":3}""";

	@Configuration(proxyBeanMethods = false)
	@EnableConfigurationProperties(QueryProperties.class)
	@Import(RemoteScores.class)
	static class Remote {
	}

	final ApplicationContextRunner boot = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(JacksonAutoConfiguration.class,
				HttpMessageConvertersAutoConfiguration.class, HttpClientAutoConfiguration.class,
				ImperativeHttpClientAutoConfiguration.class, RestClientAutoConfiguration.class))
		.withUserConfiguration(Remote.class)
		.withPropertyValues("reviewflow.scoring.queries.forwarding.connect-timeout=300ms",
				"reviewflow.scoring.queries.forwarding.read-timeout=300ms");

	HttpServer owner;

	/** What the owner was asked: raw path and query, and whether the request was marked forwarded. */
	final List<String> asked = new CopyOnWriteArrayList<>();

	int status = 200;

	String body = SCORE;

	@BeforeEach
	void startOwner() throws IOException {
		owner = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
		owner.createContext("/", exchange -> {
			asked.add(exchange.getRequestURI().getRawPath()
					+ (exchange.getRequestURI().getRawQuery() == null ? "" : "?" + exchange.getRequestURI().getRawQuery())
					+ " forwarded=" + exchange.getRequestHeaders().getFirst(RemoteScores.FORWARDED));
			byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
			exchange.getResponseHeaders().add("Content-Type", "application/json");
			exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
			if (bytes.length > 0) {
				exchange.getResponseBody().write(bytes);
			}
			exchange.close();
		});
		owner.start();
	}

	@AfterEach
	void stopOwner() {
		owner.stop(0);
	}

	HostInfo ownerAddress() {
		return new HostInfo("localhost", owner.getAddress().getPort());
	}

	void withRemote(Consumer<RemoteScores> test) {
		boot.run(context -> test.accept(context.getBean(RemoteScores.class)));
	}

	@Test
	void theOwnersScoreIsReadWithBootsJsonMapperFromAForwardedRequest() {
		withRemote(remote -> {
			Optional<TitleScoreChanged> score = remote.get(ownerAddress(), TITLE_SCORE, "/api/titles/{titleId}/score",
					"heat-1995");

			assertThat(score).get().satisfies(found -> {
				assertThat(found.titleId()).isEqualTo("heat-1995");
				assertThat(found.userRating().histogram()).containsExactly(0L, 0L, 0L, 0L, 1L, 0L, 0L, 1L, 0L, 0L);
				assertThat(found.updatedAt()).isEqualTo(Instant.parse("2026-11-23T12:00:00Z"));
				assertThat(found.version()).isEqualTo(3);
			});
			assertThat(asked).containsExactly("/api/titles/heat-1995/score forwarded=true");
		});
	}

	@Test
	void aPageOfTheOwnersTitlesIsReadWithItsTotal() {
		body = "{\"items\":[" + SCORE + "],\"page\":1,\"size\":5,\"totalItems\":6}";
		withRemote(remote -> {
			Page<TitleScoreChanged> page = remote.get(ownerAddress(),
					new ParameterizedTypeReference<Page<TitleScoreChanged>>() {
					}, "/api/titles/scores?page={page}&size={size}", 1, 5).orElseThrow();

			assertThat(page.items()).extracting(TitleScoreChanged::titleId).containsExactly("heat-1995");
			assertThat(page.totalItems()).isEqualTo(6);
			assertThat(asked).containsExactly("/api/titles/scores?page=1&size=5 forwarded=true");
		});
	}

	@Test
	void notFoundAtTheOwnerIsNoScore() {
		status = 404;
		body = "{\"title\":\"Not found\"}";
		withRemote(remote -> assertThat(remote.get(ownerAddress(), TITLE_SCORE, "/api/titles/{titleId}/score",
				"never-rated")).isEmpty());
	}

	@Test
	void aTitleIdCannotChangeWhereTheQueryGoes() {
		status = 404;
		body = "";
		withRemote(remote -> {
			remote.get(ownerAddress(), TITLE_SCORE, "/api/titles/{titleId}/score", "x/../../actuator?y=1");

			assertThat(asked).singleElement().asString()
				.isEqualTo("/api/titles/x%2F..%2F..%2Factuator%3Fy%3D1/score forwarded=true");
		});
	}

	@Test
	void anyOtherAnswerIsUnavailable() {
		for (int answer : List.of(500, 503, 401, 204)) {
			status = answer;
			body = answer == 204 ? "" : "{\"title\":\"whatever\"}";
			withRemote(remote -> assertThatExceptionOfType(ScoresUnavailable.class).as("status %d", answer)
				.isThrownBy(() -> remote.get(ownerAddress(), TITLE_SCORE, "/api/titles/{titleId}/score", "heat-1995"))
				.withMessageContaining("did not answer")
				.satisfies(ex -> assertThat(ex.retryAfter()).isEqualTo(Duration.ofSeconds(2))));
		}
	}

	@Test
	void anAnswerThatIsNoScoreIsUnavailable() {
		body = "{not json";
		withRemote(remote -> assertThatExceptionOfType(ScoresUnavailable.class)
			.isThrownBy(() -> remote.get(ownerAddress(), TITLE_SCORE, "/api/titles/{titleId}/score", "heat-1995")));
	}

	@Test
	void anOwnerThatTakesTheConnectionButNeverAnswersIsUnavailableWithinTheReadTimeout() throws IOException {
		// accepts connections into its backlog and never reads from them
		try (ServerSocket silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
			withRemote(remote -> {
				long started = System.nanoTime();
				assertThatExceptionOfType(ScoresUnavailable.class).isThrownBy(() -> remote
					.get(new HostInfo("localhost", silent.getLocalPort()), TITLE_SCORE, "/api/titles/{titleId}/score",
							"heat-1995"));
				// the configured 300 ms, neither forever nor the default 2 s
				assertThat(Duration.ofNanos(System.nanoTime() - started)).as("the configured 300 ms read timeout")
					.isBetween(Duration.ofMillis(300), Duration.ofSeconds(1));
			});
		}
	}

	@Test
	void anOwnerThatIsGoneIsUnavailable() throws IOException {
		int closed;
		try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			closed = socket.getLocalPort();
		}
		withRemote(remote -> assertThatExceptionOfType(ScoresUnavailable.class).isThrownBy(() -> remote
			.get(new HostInfo("localhost", closed), TITLE_SCORE, "/api/titles/{titleId}/score", "heat-1995")));
	}
}
