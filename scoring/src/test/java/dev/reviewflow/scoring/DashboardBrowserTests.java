package dev.reviewflow.scoring;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

import com.sun.net.httpserver.HttpServer;
import dev.reviewflow.devtokens.DevelopmentTokens;
import dev.reviewflow.events.CloudEvent;
import dev.reviewflow.events.CloudEventCodec;
import dev.reviewflow.events.DecisionActor;
import dev.reviewflow.events.HelpfulnessVoteSet;
import dev.reviewflow.events.ModerationDecided;
import dev.reviewflow.events.RatingSet;
import dev.reviewflow.events.ReviewStatus;
import dev.reviewflow.events.ReviewSubmitted;
import dev.reviewflow.events.ReviewType;
import dev.reviewflow.events.Topics;
import dev.reviewflow.events.Vote;
import dev.reviewflow.platform.ContentSecurityPolicy;
import dev.reviewflow.testsupport.Chromium;
import dev.reviewflow.testsupport.Http;
import dev.reviewflow.testsupport.RealInfrastructure;
import dev.reviewflow.testsupport.TopicProbe;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The dashboard in a real Chromium: a review whose headline is markup is shown as that text and runs nothing, and
 * every page carries a Content-Security-Policy that would block an inline script even if one got in. Scoring runs on
 * the real broker under an application id of its own (so it shares no Streams group with other test contexts);
 * review-intake's public review list, where the dashboard reads headlines, is served by a small HTTP server standing in
 * for it with the review as review-intake would list it.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "spring.kafka.streams.application-id=scoring-browser-${random.uuid}",
				"spring.kafka.streams.state-dir=${java.io.tmpdir}/scoring-browser-${random.uuid}",
				DevelopmentTokens.SERVICE_PROPERTY })
@Import(RealInfrastructure.class)
@DirtiesContext
class DashboardBrowserTests {

	static final String HEADLINE = "<img src=x onerror=\"document.title='pwned'\">";

	static final String PAGE_TITLE = "reviewflow — live scores";

	static final CloudEventCodec CODEC = new CloudEventCodec();

	static final JsonMapper JSON = JsonMapper.builder().build();

	static final Path SCREENSHOT = Path.of("target", "screenshots", "dashboard-stored-text.png");

	/** Stands in for review-intake's {@code GET /api/titles/{titleId}/reviews}; the published reviews by title. */
	static final Map<String, List<Map<String, Object>>> REVIEWS = new java.util.concurrent.ConcurrentHashMap<>();

	static final List<String> REVIEW_LIST_REQUESTS = new CopyOnWriteArrayList<>();

	static HttpServer reviewIntake;

	static Chromium chromium;

	@LocalServerPort
	int port;

	@DynamicPropertySource
	static void reviewIntakeUrl(DynamicPropertyRegistry registry) throws IOException {
		reviewIntake = HttpServer.create(new InetSocketAddress("localhost", 0), 0);
		reviewIntake.createContext("/api/titles/", exchange -> {
			String[] path = exchange.getRequestURI().getPath().split("/");
			REVIEW_LIST_REQUESTS.add(exchange.getRequestURI().toString());
			List<Map<String, Object>> items = path.length == 5 && path[4].equals("reviews")
					? REVIEWS.getOrDefault(path[3], List.of()) : List.of();
			byte[] body = JSON.writeValueAsBytes(Map.of("items", items, "page", 0, "size", 50, "totalItems",
					items.size()));
			// as review-intake answers public reads: any origin may read them
			exchange.getResponseHeaders().add("Access-Control-Allow-Origin", "*");
			exchange.getResponseHeaders().add("Content-Type", "application/json");
			exchange.sendResponseHeaders(200, body.length);
			try (var out = exchange.getResponseBody()) {
				out.write(body);
			}
		});
		reviewIntake.start();
		registry.add("reviewflow.scoring.dashboard.review-intake-url", DashboardBrowserTests::reviewIntakeUrl);
	}

	static String reviewIntakeUrl() {
		return "http://localhost:" + reviewIntake.getAddress().getPort();
	}

	@BeforeAll
	static void startBrowser() {
		chromium = Chromium.start();
	}

	@AfterAll
	static void stop() {
		if (chromium != null) {
			chromium.close();
		}
		reviewIntake.stop(0);
	}

	/** A published user review with its rating and one helpful vote, as the three topics carry them. */
	static UUID publishReview(String titleId, String headline) {
		UUID reviewId = UUID.randomUUID();
		String author = "author-" + reviewId.toString().substring(0, 8);
		Instant now = Instant.now();
		try (TopicProbe probe = TopicProbe.on(Topics.TITLE_SCORES.name())) {
			probe.send(Topics.REVIEW_EVENTS.name(), reviewId.toString(),
					CODEC.encode(CloudEvent.of("review-intake", reviewId.toString(), new ReviewSubmitted(reviewId,
							titleId, author, ReviewType.USER, 1, 8, null, null, false, headline, "Body text.", false,
							now))));
			probe.send(Topics.MODERATION_DECISIONS.name(), reviewId.toString(),
					CODEC.encode(CloudEvent.of("moderation", reviewId.toString(),
							new ModerationDecided(UUID.randomUUID(), reviewId, titleId, author, 1,
									ReviewStatus.PUBLISHED, DecisionActor.AUTOMATIC, null, List.of(), now, 1))));
			probe.send(Topics.RATINGS.name(), titleId, CODEC.encode(CloudEvent.of("review-intake", titleId,
					new RatingSet(titleId, author, 8, now, 1))));
			probe.send(Topics.VOTES.name(), reviewId.toString(), CODEC.encode(CloudEvent.of("moderation",
					reviewId.toString(), new HelpfulnessVoteSet(reviewId, titleId, "voter-1", Vote.HELPFUL, now, 1))));
		}
		REVIEWS.put(titleId, List.of(Map.of("reviewId", reviewId.toString(), "titleId", titleId, "authorId", author,
				"type", "USER", "rating", 8, "headline", headline, "body", "Body text.", "status", "PUBLISHED",
				"helpfulVotes", 1, "totalVotes", 1)));
		return reviewId;
	}

	@Test
	void aHeadlineWithMarkupIsShownAsTextAndRunsNothing() {
		// sorts first: the all-titles stream starts with the first titles by id, and earlier tests left others
		String titleId = "00-stored-text-" + UUID.randomUUID().toString().substring(0, 8);
		UUID reviewId = publishReview(titleId, HEADLINE);
		await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
			Http.Response score = Http.on(port).get("/api/titles/" + titleId + "/score");
			assertThat(score.status()).as(score.toString()).isEqualTo(200);
			assertThat(score.json().get("reviewCounts").get("user").asLong()).isEqualTo(1);
		});

		chromium.driver().get("http://localhost:" + port + "/");
		// the title arrives over the live stream; a click opens its reviews, with headlines from review-intake
		await().atMost(Duration.ofSeconds(30)).ignoreExceptions().untilAsserted(() -> {
			WebElement row = chromium.driver()
				.findElement(By.xpath("//tbody[@id='titles']/tr[td[1][normalize-space(.)='" + titleId + "']]"));
			assertThat(row.getText()).contains("1 users, 0 critics");
			row.click();
			assertThat(chromium.driver().findElement(By.id("detail-title")).getText()).isEqualTo(titleId);
		});
		await().atMost(Duration.ofSeconds(30)).ignoreExceptions().untilAsserted(() -> {
			WebElement review = chromium.driver().findElement(By.cssSelector("#reviews tr"));
			assertThat(review.findElement(By.cssSelector(".headline")).getText()).isEqualTo(HEADLINE);
			assertThat(review.getText()).contains(reviewId.toString().substring(0, 8))
				.contains("1 of 1 found this helpful");
		});
		chromium.screenshot(SCREENSHOT);

		assertThat(REVIEW_LIST_REQUESTS).contains("/api/titles/" + titleId + "/reviews?sort=helpful&size=50");
		assertThat(chromium.script("return document.querySelector('#reviews .headline').textContent"))
			.isEqualTo(HEADLINE);
		assertThat(chromium.driver().findElements(By.cssSelector("#reviews img, #titles img, img"))).isEmpty();
		assertThat(chromium.driver().getTitle()).isEqualTo(PAGE_TITLE);
		// the page keeps to its own policy: not one violation from its script, styles or connections
		assertThat(chromium.console()).noneMatch(message -> message.contains("Content Security Policy"));

		// and markup that did get in would run nothing: an inline script and an inline event handler are refused
		chromium.script("""
				window.violations = [];
				document.addEventListener('securitypolicyviolation',
				    e => window.violations.push(e.effectiveDirective + ' ' + e.blockedURI));
				const script = document.createElement('script');
				script.textContent = "document.title = 'pwned by an inline script'";
				document.body.append(script);
				const box = document.createElement('div');
				box.innerHTML = '<img src="/no-such-image" onerror="document.title = \\'pwned by a handler\\'">';
				document.body.append(box);
				""");
		await().atMost(Duration.ofSeconds(10))
			.untilAsserted(() -> assertThat(chromium.script("return window.violations"))
				.asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.LIST)
				.contains("script-src-elem inline", "script-src-attr inline"));
		assertThat(chromium.driver().getTitle()).isEqualTo(PAGE_TITLE);
		// the console shows them, so its silence above meant something
		assertThat(chromium.console())
			.anyMatch(message -> message.contains("inline script") && message.contains("Content Security Policy"))
			.anyMatch(message -> message.contains("inline event handler") && message.contains("Content Security Policy"));
	}

	@Test
	void everyResponseCarriesAContentSecurityPolicyWithoutInlineScripts() {
		Http.Response page = Http.on(port).raw("GET", "/", null, new byte[0]);
		assertThat(page.status()).isEqualTo(200);
		String policy = page.header(ContentSecurityPolicy.HEADER);
		assertThat(policy).isEqualTo(ContentSecurityPolicy.pagesConnectingTo(URI.create(reviewIntakeUrl())))
			.contains("default-src 'self'", "script-src 'self';", "style-src 'self';", "object-src 'none'",
					"base-uri 'none'", "frame-ancestors 'none'", "connect-src 'self' " + reviewIntakeUrl() + ";")
			.doesNotContain("unsafe-inline", "unsafe-eval");
		assertThat(page.header("X-Content-Type-Options")).isEqualTo("nosniff");
		// no inline script, handler or style in the page itself; review-intake's URL is the one configured
		assertThat(page.body()).doesNotContainPattern("<script(?![^>]*\\ssrc=)[^>]*>")
			.doesNotContainPattern("\\son[a-z]+\\s*=")
			.doesNotContainPattern("<style|\\sstyle\\s*=")
			.contains("<script src=\"/dashboard/dashboard.js\" defer></script>")
			.contains("<meta name=\"reviewflow-review-intake\" content=\"" + reviewIntakeUrl() + "\">");

		Http.Response script = Http.on(port).raw("GET", "/dashboard/dashboard.js", null, new byte[0]);
		assertThat(script.status()).isEqualTo(200);
		assertThat(script.contentType()).startsWith("text/javascript");
		assertThat(script.body()).contains("new EventSource('/api/stream/scores')").doesNotContain("innerHTML");
		assertThat(script.header(ContentSecurityPolicy.HEADER)).isEqualTo(ContentSecurityPolicy.PAGES);
		for (String path : List.of("/api/titles/never-rated/score", "/dashboard/dashboard.css", "/v3/api-docs")) {
			assertThat(Http.on(port).get(path).header(ContentSecurityPolicy.HEADER)).as(path)
				.isEqualTo(ContentSecurityPolicy.PAGES);
		}
		assertThat(Http.on(port).get("/swagger-ui/index.html").header(ContentSecurityPolicy.HEADER))
			.contains("script-src 'self';", "object-src 'none'", "frame-ancestors 'none'")
			.doesNotContain("unsafe-eval");
	}

	/** Swagger UI works under its policy: its scripts are files, and it shows every operation without a violation. */
	@Test
	void swaggerUiWorksUnderItsPolicy() {
		chromium.console();
		chromium.driver().get("http://localhost:" + port + "/swagger-ui/index.html");
		await().atMost(Duration.ofSeconds(30))
			.untilAsserted(() -> assertThat(chromium.driver().findElements(By.cssSelector(".opblock-summary-path"))
				.stream()
				.map(WebElement::getText)).contains("/api/titles/{titleId}/score", "/api/stream/scores"));
		assertThat(chromium.console()).noneMatch(message -> message.contains("Content Security Policy"));
	}
}
