package dev.reviewflow.scoring.web;

import java.time.Duration;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import dev.reviewflow.devtokens.DevelopmentTokens;
import dev.reviewflow.scoring.live.LiveProperties;
import dev.reviewflow.scoring.live.LiveScores;
import dev.reviewflow.scoring.live.StreamRefused;
import dev.reviewflow.scoring.query.ScoresUnavailable;
import dev.reviewflow.testsupport.Http;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.mockito.ArgumentCaptor;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;

/**
 * The live stream's HTTP shape in a web slice: which titles a stream may follow, who counts as one client, and the
 * refusals as problem documents with {@code Retry-After}; {@link LiveScores} replaced at the feature boundary.
 */
@WebMvcTest(controllers = LiveController.class, properties = DevelopmentTokens.SERVICE_PROPERTY)
@EnableConfigurationProperties(LiveProperties.class)
class LiveControllerTests {

	static final DevelopmentTokens TOKENS = DevelopmentTokens.local();

	@Autowired
	MockMvc mvc;

	@MockitoBean
	LiveScores live;

	/** Asks for a stream as a browser's EventSource does. */
	Http browser;

	@BeforeEach
	void client() {
		browser = Http.over(mvc).with("Accept", "text/event-stream");
		given(live.connect(any(), anyString())).willAnswer(call -> new SseEmitter());
	}

	@SuppressWarnings("unchecked")
	static ArgumentCaptor<Set<String>> setCaptor() {
		return ArgumentCaptor.forClass((Class<Set<String>>) (Class<?>) Set.class);
	}

	Http.Response stream(Http client, String query) {
		return client.raw("GET", "/api/stream/scores" + (query.isEmpty() ? "" : "?" + query), null, new byte[0]);
	}

	@Test
	void anAnonymousStreamForAllTitlesIsOneClientByAddress() {
		Http.Response response = stream(browser, "");

		assertThat(response.status()).as(response.toString()).isEqualTo(200);
		assertThat(response.contentType()).startsWith("text/event-stream");
		verify(live).connect(Set.of(), "address 127.0.0.1");
	}

	@Test
	void aSignedInCallerIsOneClientWhereverTheyConnectFrom() {
		assertThat(stream(browser.as(TOKENS.mint("alice", "USER")), "titleId=heat-1995").status()).isEqualTo(200);

		verify(live).connect(Set.of("heat-1995"), "user alice");
	}

	@Test
	void repeatedTitlesAreFollowedOnceInTheOrderAsked() {
		stream(browser, "titleId=ronin-1998&titleId=heat-1995&titleId=ronin-1998");

		ArgumentCaptor<Set<String>> asked = setCaptor();
		verify(live).connect(asked.capture(), anyString());
		assertThat(asked.getValue()).containsExactly("ronin-1998", "heat-1995");
	}

	@Test
	void twentyTitlesMayBeFollowedButNotOneMore() {
		String twenty = IntStream.rangeClosed(1, 20).mapToObj(i -> "titleId=t-" + i).collect(Collectors.joining("&"));
		assertThat(stream(browser, twenty).status()).isEqualTo(200);

		Http.Response refused = stream(browser, twenty + "&titleId=t-21");
		assertThat(refused.status()).isEqualTo(400);
		assertThat(refused.isProblem()).isTrue();
		assertThat(refused.json().get("detail").asString()).contains("up to 20 title ids");
	}

	@ParameterizedTest(name = "{0}")
	@ValueSource(strings = { "Heat-1995", "-heat", "heat%7C1995", "heat%201995" })
	void aTitleIdThatIsNoTitleIdIsABadRequestProblem(String titleId) {
		Http.Response refused = stream(browser, "titleId=" + titleId);

		assertThat(refused.status()).as(refused.toString()).isEqualTo(400);
		assertThat(refused.isProblem()).isTrue();
		assertThat(refused.json().get("detail").asString()).contains("titleId");
		verifyNoInteractions(live);
	}

	@Test
	void aClientHoldingItsShareOfStreamsIsTooManyRequestsWithRetryAfter() {
		given(live.connect(any(), eq("user alice"))).willThrow(new StreamRefused(StreamRefused.Holder.CLIENT,
				"You hold 20 live streams, the most one client may; close one first.", Duration.ofSeconds(5)));

		Http.Response refused = stream(browser.as(TOKENS.mint("alice", "USER")), "");

		assertThat(refused.status()).isEqualTo(429);
		assertThat(refused.isProblem()).as(refused.toString()).isTrue();
		assertThat(refused.header("Retry-After")).isEqualTo("5");
		assertThat(refused.json().get("retryAfterSeconds").asLong()).isEqualTo(5);
		assertThat(refused.json().get("detail").asString()).contains("close one first");
	}

	@Test
	void aFullInstanceIsUnavailableWithRetryAfter() {
		given(live.connect(any(), anyString())).willThrow(new StreamRefused(StreamRefused.Holder.INSTANCE,
				"The live stream has as many listeners as it takes (200); try again shortly.", Duration.ofSeconds(5)));

		Http.Response refused = stream(browser, "");

		assertThat(refused.status()).isEqualTo(503);
		assertThat(refused.isProblem()).as(refused.toString()).isTrue();
		assertThat(refused.header("Retry-After")).isEqualTo("5");
		assertThat(refused.json().get("detail").asString()).contains("as many listeners as it takes");
	}

	@Test
	void aSnapshotThatCannotBeReadIsUnavailableWithRetryAfter() {
		given(live.connect(any(), anyString())).willThrow(ScoresUnavailable.restoring());

		Http.Response refused = stream(browser, "titleId=heat-1995");

		assertThat(refused.status()).isEqualTo(503);
		assertThat(refused.isProblem()).isTrue();
		assertThat(refused.header("Retry-After")).isEqualTo("2");
	}

	@Test
	void aForgedTokenIsRefusedBeforeAnyStreamIsOpened() {
		Http.Response refused = stream(browser.as(TOKENS.mint("alice", "USER") + "x"), "");

		assertThat(refused.status()).isEqualTo(401);
		assertThat(refused.isProblem()).isTrue();
		verifyNoInteractions(live);
	}
}
