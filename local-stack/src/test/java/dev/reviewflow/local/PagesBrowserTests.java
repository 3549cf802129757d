package dev.reviewflow.local;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import dev.reviewflow.testsupport.Chromium;
import dev.reviewflow.testsupport.Http;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The pages in a real headless Chromium, on the stack as {@code ./reviewflow up} runs it: people sign in, post,
 * vote, report and moderate by clicking, and see the figures follow without reloading.
 */
@ExtendWith(RunningStack.class)
class PagesBrowserTests {

	static final Duration WAIT = Duration.ofSeconds(60);

	static final String MARKUP = "<b>Bold</b> & <img src=x onerror=\"document.title='pwned'\">";

	static final Path SCREENSHOTS = Path.of("target", "screenshots", "pages");

	static String pages;

	static Http intake;

	static Http moderation;

	@BeforeAll
	static void stack() throws Exception {
		pages = RunningStack.get().pages();
		intake = RunningStack.get().intake();
		moderation = RunningStack.get().moderation();
	}

	/**
	 * An author signs in on the sign-in page and posts a review whose headline is markup; it is published and shown as
	 * that text; another user finds it helpful and the count appears without a reload; three reports take it off the
	 * title page.
	 */
	@Test
	void aReviewPostedOnThePageIsPublishedFoundHelpfulAndReportedOffIt() throws Exception {
		String title = "pages-first-2024";
		createTitle(title, "Pages, First Of Them");
		String reviewId;
		try (Chromium author = Chromium.start()) {
			signInOnThePage(author, "page-author", "/titles/" + title);
			await().atMost(WAIT).untilAsserted(() -> assertThat(author.driver().getCurrentUrl()).endsWith("/titles/" + title));
			WebElement form = page()
				.until(() -> author.driver().findElement(By.cssSelector("#mine form.new-review")), element -> true);
			new Select(form.findElement(By.id("review-rating"))).selectByValue("8");
			form.findElement(By.id("review-headline")).sendKeys(MARKUP);
			form.findElement(By.id("review-body")).sendKeys("Every page of it, in order.");
			form.findElement(By.cssSelector("button[type=submit]")).click();
			page().untilAsserted(() -> assertThat(
					author.driver().findElement(By.cssSelector("#mine .my-review .status")).getText())
				.isEqualTo("PUBLISHED"));
			author.screenshot(SCREENSHOTS.resolve("title-own-review-published.png"));
			reviewId = ownReviewId("page-author", title);

			author.driver().navigate().refresh();
			WebElement headline = page()
				.until(() -> author.driver().findElement(By.id("headline-" + reviewId)), element -> true);
			assertThat(headline.getText()).isEqualTo(MARKUP);
			assertThat(author.driver().findElements(By.cssSelector("#review-" + reviewId + " img, #review-" + reviewId
					+ " b"))).isEmpty();
			assertThat(author.driver().getTitle()).isEqualTo("Pages, First Of Them (2024) — reviewflow");
			assertThat(author.console()).noneMatch(message -> message.contains("Content Security Policy"));

			// markup that did get in would run nothing: an inline script and an inline handler are refused
			author.script("""
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
				.untilAsserted(() -> assertThat(author.script("return window.violations"))
					.asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.LIST)
					.contains("script-src-elem inline", "script-src-attr inline"));
			assertThat(author.driver().getTitle()).isEqualTo("Pages, First Of Them (2024) — reviewflow");
		}

		try (Chromium voter = Chromium.start()) {
			signedIn(voter, "page-voter", "USER");
			voter.driver().get(pages + "/titles/" + title);
			WebElement review = page()
				.until(() -> voter.driver().findElement(By.id("review-" + reviewId)), element -> true);
			assertThat(review.findElement(By.cssSelector(".helpfulness")).getText())
				.isEqualTo("Nobody has said yet whether this review is helpful.");
			awaitLive(voter);
			voter.script("window.sameDocument = true");
			review.findElement(By.xpath(".//button[normalize-space(.)='Yes']")).click();
			page().untilAsserted(() -> assertThat(voter.driver()
				.findElement(By.cssSelector("#review-" + reviewId + " .helpfulness")).getText())
				.isEqualTo("1 of 1 people found this review helpful"));
			assertThat(voter.script("return window.sameDocument")).as("no reload").isEqualTo(true);
			assertThat(voter.driver().findElement(By.id("vote-" + reviewId)).getText())
				.isEqualTo("Thanks: you found it helpful.");
			voter.screenshot(SCREENSHOTS.resolve("title-voted.png"));

			for (String reporter : List.of("page-reporter-1", "page-reporter-2")) {
				assertThat(moderation.as(RunningStack.TOKENS.mint(reporter, "USER"))
					.post("/api/reviews/" + reviewId + "/reports", "{\"reason\":\"SPOILER\"}").status()).isEqualTo(202);
			}
			// the third report through the page: the voter reports it too
			WebElement report = voter.driver().findElement(By.cssSelector("#review-" + reviewId + " details.report"));
			report.findElement(By.tagName("summary")).click();
			new Select(report.findElement(By.id("reason-" + reviewId))).selectByValue("SPOILER");
			report.findElement(By.id("note-" + reviewId)).sendKeys("Gives the ending away.");
			report.findElement(By.cssSelector("button[type=submit]")).click();
			page().untilAsserted(() -> assertThat(voter.driver()
				.findElement(By.cssSelector("#review-" + reviewId + " .report-form .done")).getText())
				.startsWith("Reported."));
			page().untilAsserted(() -> {
				voter.driver().navigate().refresh();
				await().atMost(Duration.ofSeconds(10)).until(() -> !voter.driver()
					.findElements(By.id("reviews-heading")).isEmpty());
				assertThat(voter.driver().findElements(By.id("review-" + reviewId))).isEmpty();
			});
		}
	}

	/**
	 * Reported off the page, a review is claimed and removed by a moderator in the console; its author reads why on
	 * /me and appeals; a moderator keeps it on appeal, and it is back on the title page.
	 */
	@Test
	void aModeratorRemovesAReviewItsAuthorAppealsAndTheModeratorKeepsIt() throws Exception {
		String title = "pages-appeal-2024";
		createTitle(title, "Second Look");
		assertThat(intake.as(RunningStack.TOKENS.mint("appeal-author", "USER")).post("/api/titles/" + title
				+ "/reviews", """
				{"rating":6,"headline":"It turns in the last act","body":"And I say how, plainly."}""").status())
			.isEqualTo(202);
		String reviewId = await().atMost(WAIT).ignoreExceptions().until(() -> ownReviewId("appeal-author", title),
				id -> intake.get("/api/reviews/" + id).status() == 200);
		for (String reporter : List.of("appeal-reporter-1", "appeal-reporter-2", "appeal-reporter-3")) {
			assertThat(moderation.as(RunningStack.TOKENS.mint(reporter, "USER"))
				.post("/api/reviews/" + reviewId + "/reports", "{\"reason\":\"SPOILER\"}").status()).isEqualTo(202);
		}
		try (Chromium moderator = Chromium.start(); Chromium author = Chromium.start()) {
			signedIn(moderator, "console-moderator", "MODERATOR");
			decide(moderator, reviewId, "REPORTED", "decision-remove", "Gives the twist away without a warning.");
			page().untilAsserted(() -> assertThat(
					moderator.driver().findElement(By.id("case-outcome")).getText()).startsWith("Removed"));
			moderator.screenshot(SCREENSHOTS.resolve("moderation-case-removed.png"));
			page().untilAsserted(() -> {
				moderator.driver().get(pages + "/titles/" + title);
				await().atMost(Duration.ofSeconds(10)).until(() -> !moderator.driver()
					.findElements(By.id("reviews-heading")).isEmpty());
				assertThat(moderator.driver().findElements(By.id("review-" + reviewId))).isEmpty();
			});

			signedIn(author, "appeal-author", "USER");
			author.driver().get(pages + "/me");
			page().untilAsserted(() -> {
				author.driver().navigate().refresh();
				await().atMost(Duration.ofSeconds(10)).until(() -> !author.driver()
					.findElements(By.id("status-" + reviewId)).isEmpty());
				assertThat(author.driver().findElement(By.id("status-" + reviewId)).getText()).isEqualTo("REMOVED");
				assertThat(author.driver().findElement(By.id("reason-" + reviewId)).getText())
					.contains("Gives the twist away without a warning.");
			});
			author.driver().findElement(By.id("appeal-open-" + reviewId)).click();
			author.driver().findElement(By.id("appeal-statement-" + reviewId))
				.sendKeys("The twist is in the last line, after a spoiler warning.");
			author.driver().findElement(By.id("appeal-send-" + reviewId)).click();
			page().untilAsserted(() -> assertThat(
					author.driver().findElement(By.id("appeal-status-" + reviewId)).getText()).contains("waiting"));
			author.screenshot(SCREENSHOTS.resolve("me-appealed.png"));

			decide(moderator, reviewId, "APPEAL", "decision-keep", "The warning is there; it stays.");
			page().untilAsserted(() -> assertThat(
					moderator.driver().findElement(By.id("case-outcome")).getText()).contains("published again"));

			page().untilAsserted(() -> {
				author.driver().get(pages + "/titles/" + title);
				await().atMost(Duration.ofSeconds(10)).until(() -> !author.driver()
					.findElements(By.id("reviews-heading")).isEmpty());
				assertThat(author.driver().findElement(By.id("headline-" + reviewId)).getText())
					.isEqualTo("It turns in the last act");
			});
		}
	}

	/**
	 * In the console: the queue of the kind, filtered as a moderator filters it, the review's case opened from it,
	 * claimed, and decided with the chosen action and reason.
	 */
	static void decide(Chromium moderator, String reviewId, String kind, String action, String reason) {
		String caseId = await().atMost(WAIT).until(() -> moderation
			.as(RunningStack.TOKENS.mint("console-moderator", "MODERATOR"))
			.get("/api/moderation/cases?status=OPEN&kind=" + kind + "&size=100").json().get("items").valueStream()
			.filter(item -> item.get("reviewId").asString().equals(reviewId))
			.map(item -> item.get("caseId").asString())
			.findFirst()
			.orElse(null), java.util.Objects::nonNull);
		moderator.driver().get(pages + "/moderation");
		new Select(page()
			.until(() -> moderator.driver().findElement(By.id("filter-kind")), element -> true)).selectByValue(kind);
		new Select(moderator.driver().findElement(By.id("filter-status"))).selectByValue("OPEN");
		moderator.driver().findElement(By.id("apply-filters")).click();
		page().until(() -> moderator.driver()
			.findElement(By.cssSelector("#case-" + caseId + " a.case-link")), element -> true).click();
		page().until(() -> moderator.driver().findElement(By.id("claim-case")),
				element -> true).click();
		page().untilAsserted(() -> assertThat(
				moderator.driver().findElement(By.id("case-status")).getText()).isEqualTo("CLAIMED"));
		moderator.driver().findElement(By.id(action)).click();
		moderator.driver().findElement(By.id("decision-reason")).sendKeys(reason);
		moderator.driver().findElement(By.id("decide-case")).click();
	}

	/** The dashboard's plot gains points as ratings arrive, without a reload, and the title's row follows. */
	@Test
	void theDashboardPlotMovesWhenRatingsArrive() throws Exception {
		// sorts first among the titles, so it is on the dashboard's first page and chosen for the plot
		String title = "0-pages-plot-2024";
		createTitle(title, "Plotted");
		try (Chromium viewer = Chromium.start()) {
			viewer.driver().get(pages + "/dashboard");
			WebElement plot = page()
				.until(() -> viewer.driver().findElement(By.id("dashboard-plot")),
						element -> title.equals(element.getDomAttribute("data-title-id"))
								&& points(element) >= 1);
			awaitLive(viewer);
			viewer.script("window.sameDocument = true");
			int before = points(plot);
			for (int rating : new int[] { 8, 5 }) {
				assertThat(intake.as(RunningStack.TOKENS.mint("plot-rater-" + rating, "USER"))
					.put("/api/titles/" + title + "/rating", "{\"rating\":" + rating + "}").status()).isEqualTo(202);
			}
			page().untilAsserted(() -> assertThat(viewer.driver()
				.findElement(By.cssSelector("#title-row-" + title + " td[data-figure=average]")).getText())
				.isEqualTo("6.5"));
			page().untilAsserted(() -> {
				assertThat(points(viewer.driver().findElement(By.id("dashboard-plot")))).isGreaterThan(before);
				assertThat(viewer.driver().findElement(By.id("dashboard-plot-caption")).getText()).contains("6.5");
			});
			assertThat(viewer.script("return window.sameDocument")).as("no reload").isEqualTo(true);
			viewer.screenshot(SCREENSHOTS.resolve("dashboard-plot-moved.png"));
		}
	}

	/**
	 * Every page, as the people it is for see it, at desktop and at phone width: loaded without a Content-Security-Policy
	 * violation, nothing wider than a phone's screen, a screenshot of each under target/screenshots/pages.
	 */
	@Test
	void everyPageReadsAtDesktopAndAtPhoneWidth() throws Exception {
		String title = "pages-tour-2024";
		createTitle(title, "The Tour");
		Http author = intake.as(RunningStack.TOKENS.mint("tour-author", "USER"));
		assertThat(author.post("/api/titles/" + title + "/reviews", """
				{"rating":7,"headline":"Worth the walk","body":"A long review, with a spoiler at the end.",
				 "containsSpoilers":true}""").status()).isEqualTo(202);
		String reviewId = await().atMost(WAIT).ignoreExceptions().until(() -> ownReviewId("tour-author", title),
				id -> intake.get("/api/reviews/" + id).status() == 200);
		for (String reporter : List.of("tour-reporter-1", "tour-reporter-2", "tour-reporter-3")) {
			assertThat(moderation.as(RunningStack.TOKENS.mint(reporter, "USER"))
				.post("/api/reviews/" + reviewId + "/reports", "{\"reason\":\"SPOILER\",\"note\":\"the end\"}")
				.status()).isEqualTo(202);
		}
		Http moderator = moderation.as(RunningStack.TOKENS.mint("tour-moderator", "MODERATOR"));
		String caseId = await().atMost(WAIT).until(() -> moderator.get("/api/moderation/cases?status=OPEN&size=100")
			.json().get("items").valueStream()
			.filter(item -> item.get("reviewId").asString().equals(reviewId))
			.map(item -> item.get("caseId").asString())
			.findFirst()
			.orElse(null), java.util.Objects::nonNull);

		String user = RunningStack.TOKENS.mint("tour-author", "USER");
		String mod = RunningStack.TOKENS.mint("tour-moderator", "MODERATOR");
		String admin = RunningStack.TOKENS.mint("tour-admin", "ADMIN");
		/** A page, who looks at it, and what it must show them. */
		record Visit(String name, String path, String token, String shows) {
		}
		List<Visit> visits = List.of(new Visit("landing", "/", "", "main a[href='/dashboard']"),
				new Visit("login", "/login", "", "#login-form"),
				new Visit("titles", "/titles", "", ".title-list a[href='/titles/" + title + "']"),
				new Visit("title", "/titles/" + title, user, "#mine .my-review"),
				new Visit("me", "/me", user, "#my-review-" + reviewId),
				new Visit("moderation-queue", "/moderation", mod, "#queue tr.case-row"),
				new Visit("moderation-case", "/moderation/cases/" + caseId, mod, "#claim-case"),
				new Visit("moderation-audit", "/moderation/audit?reviewId=" + reviewId, mod, "#audit tr.audit-row"),
				new Visit("moderation-policy", "/moderation/policy", admin, "#save-policy"),
				new Visit("dashboard", "/dashboard", mod, "#dashboard-queue-open"));
		try (Chromium chromium = Chromium.start()) {
			for (Visit visit : visits) {
				chromium.driver().get(pages + "/login");
				chromium.script(visit.token().isEmpty() ? "localStorage.removeItem('reviewflow.token')"
						: "localStorage.setItem('reviewflow.token', arguments[0])", visit.token());
				for (int width : new int[] { 1280, 390 }) {
					chromium.driver().manage().window().setSize(new org.openqa.selenium.Dimension(width, 900));
					chromium.console();
					chromium.driver().get(pages + visit.path());
					await().atMost(WAIT).until(() -> Boolean.TRUE.equals(chromium.script(
							"return !document.getElementById('main').hasAttribute('aria-busy')"
									+ " && document.querySelectorAll('main .loading').length === 0")));
					assertThat(chromium.driver().findElements(By.cssSelector(visit.shows()))).as(visit.name())
						.isNotEmpty();
					assertThat(chromium.driver().findElements(By.cssSelector("main [role=alert], #needs-sign-in")))
						.as(visit.name() + ": no refusal").isEmpty();
					assertThat(chromium.script("return document.documentElement.scrollWidth <= window.innerWidth"))
						.as(visit.name() + " fits " + width + " px").isEqualTo(true);
					long height = ((Number) chromium.script("return document.documentElement.scrollHeight")).longValue();
					chromium.driver().manage().window().setSize(
							new org.openqa.selenium.Dimension(width, (int) Math.min(height + 120, 6000)));
					chromium.screenshot(SCREENSHOTS.resolve(visit.name() + "-" + width + ".png"));
					assertThat(chromium.console()).as(visit.name())
						.noneMatch(message -> message.contains("Content Security Policy"));
				}
			}
		}
	}

	static int points(WebElement plot) {
		String points = plot.getDomAttribute("data-points");
		return points == null ? 0 : Integer.parseInt(points);
	}

	/** Waits on the page: an element not there yet (or redrawn meanwhile) is waited for; anything else fails. */
	static org.awaitility.core.ConditionFactory page() {
		return await().atMost(WAIT).ignoreExceptionsMatching(ex -> ex instanceof org.openqa.selenium.NoSuchElementException
				|| ex instanceof org.openqa.selenium.StaleElementReferenceException);
	}

	/** Waits until the page's live stream is open: a change sent before it would not reach this page. */
	static void awaitLive(Chromium chromium) {
		await().atMost(WAIT).until(() -> Boolean.TRUE.equals(chromium.script(
				"return typeof live !== 'undefined' && live !== null && live.readyState === EventSource.OPEN")));
	}

	/** Signs in through the sign-in form, as a person does, and lands on {@code next}. */
	static void signInOnThePage(Chromium chromium, String user, String next) {
		chromium.driver().get(pages + "/login?next=" + next);
		WebElement name = page()
			.until(() -> chromium.driver().findElement(By.id("login-sub")), element -> true);
		name.sendKeys(user);
		chromium.driver().findElement(By.cssSelector("#login-form button[type=submit]")).click();
	}

	/** Signed in without the form: the token the form would have stored. */
	static void signedIn(Chromium chromium, String user, String... roles) {
		chromium.driver().get(pages + "/login");
		chromium.script("localStorage.setItem('reviewflow.token', arguments[0])", RunningStack.TOKENS.mint(user, roles));
	}

	static void createTitle(String titleId, String name) {
		assertThat(intake.as(RunningStack.TOKENS.mint("admin", "ADMIN")).put("/api/titles/" + titleId,
				"{\"name\":\"" + name + "\",\"year\":2024,\"kind\":\"MOVIE\"}").status()).isIn(200, 201);
	}

	static String ownReviewId(String author, String titleId) {
		return intake.as(RunningStack.TOKENS.mint(author, "USER")).get("/api/me/reviews?titleId=" + titleId)
			.json().get("items").get(0).get("reviewId").asString();
	}
}
