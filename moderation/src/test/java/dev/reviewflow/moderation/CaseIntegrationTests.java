package dev.reviewflow.moderation;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import javax.sql.DataSource;

import dev.reviewflow.events.CloudEvent;
import dev.reviewflow.events.DecisionActor;
import dev.reviewflow.events.ModerationDecided;
import dev.reviewflow.events.ReportReason;
import dev.reviewflow.events.ReviewEdited;
import dev.reviewflow.events.ReviewReported;
import dev.reviewflow.events.ReviewStatus;
import dev.reviewflow.events.ReviewSubmitted;
import dev.reviewflow.events.ReviewType;
import dev.reviewflow.events.Topics;
import dev.reviewflow.testsupport.EventContract;
import dev.reviewflow.testsupport.Http;
import io.micrometer.core.instrument.MeterRegistry;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Reports, the case queue, claims, decisions and appeals over HTTP, on the real broker and database. */
class CaseIntegrationTests extends ModerationIntegrationTest {

	@Autowired
	MeterRegistry meters;

	@Autowired
	DataSource dataSource;

	Http moderator(String id) {
		return as(id, "MODERATOR");
	}

	/**
	 * Moves the review's decisions back in time. Decisions are append-only and the application's role may not change
	 * them: the owner lifts the trigger for this one change, within one transaction no one else sees it lifted in.
	 */
	static void backdateDecisions(UUID reviewId, String interval) throws SQLException {
		try (Connection owner = asOwner()) {
			owner.setAutoCommit(false);
			try (Statement statement = owner.createStatement();
					PreparedStatement update = owner.prepareStatement(
							"update decision set decided_at = decided_at - cast(? as interval) where review_id = ?")) {
				statement.execute("alter table decision disable trigger decision_append_only");
				update.setString(1, interval);
				update.setObject(2, reviewId);
				assertThat(update.executeUpdate()).isPositive();
				statement.execute("alter table decision enable trigger decision_append_only");
			}
			owner.commit();
		}
	}

	/** A counter's count now (0 before its first increment). */
	double count(String name, String... tags) {
		return meters.counter(name, tags).count();
	}

	@Test
	void threeReportsHideTheReviewAndOpenACaseEachReporterCountingOnce() {
		UUID reviewId = moderated("author-r1", "Dull and far too long.", "PUBLISHED");
		// meters are shared by every test of the context: read before, act, read after
		double spam = count("reviewflow.reports", "reason", "SPAM");
		double offTopic = count("reviewflow.reports", "reason", "OFF_TOPIC");
		double opened = count("reviewflow.moderation.cases.opened", "kind", "REPORTED");

		Http.Response first = report("reporter-r1a", reviewId, "SPAM");
		assertThat(first.status()).as(first.toString()).isEqualTo(202);
		String reportId = first.json().get("reportId").asString();
		Http.Response again = report("reporter-r1a", reviewId, "ABUSIVE");
		assertThat(again.status()).isEqualTo(200);
		assertThat(again.json().get("reportId").asString()).isEqualTo(reportId);
		assertThat(report("author-r1", reviewId, "SPAM").status()).isEqualTo(403);
		assertThat(status(reviewId)).isEqualTo("PUBLISHED");

		assertThat(report("reporter-r1b", reviewId, "SPAM").status()).isEqualTo(202);
		double openBefore = meters.get("reviewflow.moderation.cases.open").tag("kind", "REPORTED").gauge().value();
		assertThat(report("reporter-r1c", reviewId, "OFF_TOPIC").status()).isEqualTo(202);
		assertThat(meters.get("reviewflow.moderation.cases.open").tag("kind", "REPORTED").gauge().value())
			.isEqualTo(openBefore + 1);

		assertThat(status(reviewId)).isEqualTo("HIDDEN");
		ModerationDecided hidden = decisionsPublished(reviewId, 2).getLast();
		assertThat(hidden.status()).isEqualTo(ReviewStatus.HIDDEN);
		assertThat(hidden.actor()).isEqualTo(DecisionActor.AUTOMATIC);
		assertThat(hidden.reasons().getFirst()).contains("reached the threshold of 3.00");

		List<ReviewReported> published = probe.awaitAll(r -> r.topic().equals(Topics.REPORTS.name())
				&& r.key().equals(reviewId.toString()), 3).stream()
			.map(r -> (ReviewReported) EventContract.assertConforms(r.value()).data())
			.toList();
		assertThat(published).extracting(ReviewReported::reporterId)
			.containsExactlyInAnyOrder("reporter-r1a", "reporter-r1b", "reporter-r1c");

		JsonNode detail = moderator("mod-r1").get("/api/moderation/cases/" + openCase(reviewId)).json();
		assertThat(detail.get("kind").asString()).isEqualTo("REPORTED");
		assertThat(detail.get("status").asString()).isEqualTo("OPEN");
		assertThat(detail.get("weight").asDouble()).isEqualTo(3.0);
		assertThat(detail.get("reasons").valueStream().map(JsonNode::asString)).containsExactlyInAnyOrder("SPAM",
				"OFF_TOPIC");
		assertThat(detail.get("review").get("body").asString()).isEqualTo("Dull and far too long.");
		assertThat(detail.get("review").get("status").asString()).isEqualTo("HIDDEN");
		assertThat(detail.get("reports")).hasSize(3);
		assertThat(detail.get("decisions")).hasSize(2);

		// a hidden review is not reportable by newcomers, but the reporters still see their report
		assertThat(report("reporter-r1d", reviewId, "SPAM").status()).isEqualTo(404);
		JsonNode mine = as("reporter-r1a", "USER").get("/api/me/reports").json();
		assertThat(mine.get("items").get(0).get("reportId").asString()).isEqualTo(reportId);
		assertThat(mine.get("items").get(0).get("outcome").asString()).isEqualTo("OPEN");
		// counted once committed: two new SPAM reports (the repeat, the author's and the newcomer's are not), one
		// OFF_TOPIC, one case
		assertThat(count("reviewflow.reports", "reason", ReportReason.SPAM.name())).isEqualTo(spam + 2);
		assertThat(count("reviewflow.reports", "reason", "OFF_TOPIC")).isEqualTo(offTopic + 1);
		assertThat(count("reviewflow.moderation.cases.opened", "kind", "REPORTED")).isEqualTo(opened + 1);
	}

	@Test
	void aKeptReviewCannotBeReopenedByItsReportersAndNeedsTwiceTheReportsNextTime() {
		UUID reviewId = moderated("author-r2", "An honest opinion.", "PUBLISHED");
		for (String reporter : List.of("reporter-r2a", "reporter-r2b", "reporter-r2c")) {
			assertThat(report(reporter, reviewId, "ABUSIVE").status()).isEqualTo(202);
		}
		UUID caseId = openCase(reviewId);
		Http.Response claimed = moderator("mod-r2").post("/api/moderation/cases/" + caseId + "/claim", "");
		assertThat(claimed.status()).as(claimed.toString()).isEqualTo(200);
		assertThat(claimed.json().get("status").asString()).isEqualTo("CLAIMED");
		assertThat(claimed.json().get("claimedBy").asString()).isEqualTo("mod-r2");
		Http.Response taken = moderator("mod-r2-other").post("/api/moderation/cases/" + caseId + "/claim", "");
		assertThat(taken.status()).isEqualTo(409);
		assertThat(taken.json().get("detail").asString()).contains("mod-r2");
		assertThat(moderator("mod-r2-other").post("/api/moderation/cases/" + caseId + "/decision",
				"{\"action\":\"REMOVE\",\"reason\":\"rude\"}").status()).isEqualTo(409);

		Http.Response kept = moderator("mod-r2").post("/api/moderation/cases/" + caseId + "/decision",
				"{\"action\":\"KEEP\",\"reason\":\"criticism, not abuse\"}");
		assertThat(kept.status()).as(kept.toString()).isEqualTo(200);
		assertThat(kept.json().get("status").asString()).isEqualTo("RESOLVED");
		assertThat(kept.json().get("action").asString()).isEqualTo("KEEP");
		assertThat(status(reviewId)).isEqualTo("PUBLISHED");
		ModerationDecided restored = decisionsPublished(reviewId, 3).getLast();
		assertThat(restored.status()).isEqualTo(ReviewStatus.PUBLISHED);
		assertThat(restored.actor()).isEqualTo(DecisionActor.MODERATOR);
		assertThat(restored.moderatorId()).isEqualTo("mod-r2");
		assertThat(moderator("mod-r2").post("/api/moderation/cases/" + caseId + "/decision",
				"{\"action\":\"REMOVE\",\"reason\":\"changed my mind\"}").status()).isEqualTo(409);

		JsonNode mine = as("reporter-r2a", "USER").get("/api/me/reports").json().get("items").get(0);
		assertThat(mine.get("outcome").asString()).isEqualTo("DISMISSED");
		Http.Response reopen = report("reporter-r2a", reviewId, "ABUSIVE");
		assertThat(reopen.status()).isEqualTo(409);
		assertThat(reopen.isProblem()).isTrue();

		// newcomers weigh 1 each: three no longer reach the doubled threshold of 6, six do
		for (String reporter : List.of("reporter-r2d", "reporter-r2e", "reporter-r2f", "reporter-r2g",
				"reporter-r2h")) {
			assertThat(report(reporter, reviewId, "SPAM").status()).isEqualTo(202);
			assertThat(status(reviewId)).isEqualTo("PUBLISHED");
		}
		assertThat(report("reporter-r2i", reviewId, "SPAM").status()).isEqualTo(202);
		assertThat(status(reviewId)).isEqualTo("HIDDEN");
		JsonNode second = moderator("mod-r2").get("/api/moderation/cases/" + openCase(reviewId)).json();
		assertThat(second.get("weight").asDouble()).isEqualTo(6.0);
		assertThat(second.get("review").get("keeps").asInt()).isEqualTo(1);

		// the dismissed reporters now weigh half: (1 + 0 upheld) / (1 + 1 dismissed)
		UUID another = moderated("author-r2-other", "Another review.", "PUBLISHED");
		assertThat(report("reporter-r2a", another, "SPAM").json().get("reportId").asString()).isNotBlank();
		assertThat(jdbc.sql("select weight from report where review_id = ? and reporter_id = 'reporter-r2a'")
			.param(another).query(Double.class).single()).isEqualTo(0.5);
	}

	/**
	 * Sends the calls at once while this test holds the review's row lock, waits until every one of them is waiting for
	 * that lock, then lets them go. So they did race (a serial run never has them all waiting at once), and what they
	 * answer is what the lock makes of a race.
	 */
	<T> List<T> raceOnReview(UUID reviewId, List<Callable<T>> calls) throws Exception {
		try (Connection holder = dataSource.getConnection();
				ExecutorService threads = Executors.newFixedThreadPool(calls.size())) {
			holder.setAutoCommit(false);
			int holderPid;
			try (PreparedStatement lock = holder.prepareStatement(
					"select pg_backend_pid() from review where review_id = ? for update")) {
				lock.setObject(1, reviewId);
				try (var rows = lock.executeQuery()) {
					rows.next();
					holderPid = rows.getInt(1);
				}
			}
			List<Future<T>> answers = calls.stream().map(threads::submit).toList();
			await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(jdbc
				// the first waits for the holder, the others queue behind it for the row
				.sql("""
						with recursive blocked (pid) as (
						  select pid from pg_stat_activity where ? = any(pg_blocking_pids(pid))
						  union
						  select a.pid from pg_stat_activity a join blocked b on b.pid = any(pg_blocking_pids(a.pid)))
						select count(*) from blocked""")
				.param(holderPid)
				.query(Long.class)
				.single()).as("calls waiting for the review's lock").isEqualTo(calls.size()));
			holder.commit();
			List<T> results = new java.util.ArrayList<>();
			for (Future<T> answer : answers) {
				results.add(answer.get(30, java.util.concurrent.TimeUnit.SECONDS));
			}
			return results;
		}
	}

	@Test
	void twoModeratorsDecidingTheSameCaseAtOnceOneWins() throws Exception {
		UUID reviewId = moderated("author-r3", "Check out my casino, best odds.", "HELD");
		UUID caseId = openCase(reviewId);
		List<Callable<Integer>> decisions = List.of("KEEP", "REMOVE").stream()
			.<Callable<Integer>>map(action -> () -> moderator("mod-r3-" + action)
				.post("/api/moderation/cases/" + caseId + "/decision",
						"{\"action\":\"" + action + "\",\"reason\":\"decided\"}")
				.status())
			.toList();

		assertThat(raceOnReview(reviewId, decisions)).containsExactlyInAnyOrder(200, 409);
		String winner = jdbc.sql("select action from moderation_case where case_id = ?").param(caseId)
			.query(String.class).single();
		assertThat(status(reviewId)).isEqualTo(winner.equals("KEEP") ? "PUBLISHED" : "REMOVED");
		assertThat(jdbc.sql("select count(*) from decision where review_id = ? and actor = 'MODERATOR'")
			.param(reviewId).query(Long.class).single()).isEqualTo(1);
	}

	@Test
	void aHeldReviewRemovedThenAppealedAndRestoredLeavesAnAuditTrail() {
		UUID reviewId = moderated("author-r4", "Visit www.a.example www.b.example www.c.example now", "HELD");
		UUID heldCase = openCase(reviewId);
		assertThat(queuePages(moderator("mod-r4"), "kind=HELD&reason=LINKS").stream().flatMap(List::stream)
			.map(item -> item.get("caseId").asString())).contains(heldCase.toString());
		assertThat(moderator("mod-r4").post("/api/moderation/cases/" + heldCase + "/claim", "").status())
			.isEqualTo(200);
		assertThat(moderator("mod-r4").post("/api/moderation/cases/" + heldCase + "/decision",
				"{\"action\":\"REMOVE\",\"reason\":\"link spam\"}").status()).isEqualTo(200);
		assertThat(status(reviewId)).isEqualTo("REMOVED");

		Http author = as("author-r4", "USER");
		JsonNode standing = author.get("/api/reviews/" + reviewId + "/moderation").json();
		assertThat(standing.get("status").asString()).isEqualTo("REMOVED");
		assertThat(standing.get("decisions").get(1).get("reasons").get(0).asString()).contains("link spam");
		assertThat(standing.get("decisions").get(1).get("moderatorId").isNull()).as("authors do not see who").isTrue();
		assertThat(standing.get("appeal").get("status").asString()).isEqualTo("AVAILABLE");
		assertThat(java.time.Instant.parse(standing.get("appeal").get("until").asString()))
			.isAfter(java.time.Instant.now().plus(java.time.Duration.ofDays(19)));
		assertThat(as("someone-else", "USER").get("/api/reviews/" + reviewId + "/moderation").status()).isEqualTo(404);
		assertThat(moderator("mod-r4").get("/api/reviews/" + reviewId + "/moderation").json().get("decisions").get(1)
			.get("moderatorId").asString()).isEqualTo("mod-r4");
		assertThat(as("someone-else", "USER").post("/api/reviews/" + reviewId + "/appeal",
				"{\"statement\":\"not mine\"}").status()).isEqualTo(404);
		Http.Response appealed = author.post("/api/reviews/" + reviewId + "/appeal",
				"{\"statement\":\"Those are the film's official sites.\"}");
		assertThat(appealed.status()).as(appealed.toString()).isEqualTo(202);
		UUID appealCase = UUID.fromString(appealed.json().get("caseId").asString());
		assertThat(author.post("/api/reviews/" + reviewId + "/appeal", "{\"statement\":\"again\"}").status())
			.isEqualTo(409);
		assertThat(author.get("/api/reviews/" + reviewId + "/moderation").json().get("appeal").get("caseId").asString())
			.isEqualTo(appealCase.toString());
		JsonNode appeal = moderator("mod-r4b").get("/api/moderation/cases/" + appealCase).json();
		assertThat(appeal.get("kind").asString()).isEqualTo("APPEAL");
		assertThat(appeal.get("statement").asString()).isEqualTo("Those are the film's official sites.");
		assertThat(appeal.get("reasons").valueStream().map(JsonNode::asString)).containsExactly("LINKS");
		assertThat(appeal.get("decisions")).hasSize(2);

		assertThat(moderator("mod-r4b").post("/api/moderation/cases/" + appealCase + "/decision",
				"{\"action\":\"KEEP\",\"reason\":\"official links\"}").status()).isEqualTo(200);
		assertThat(status(reviewId)).isEqualTo("PUBLISHED");
		assertThat(decisionsPublished(reviewId, 3)).extracting(ModerationDecided::status)
			.containsExactly(ReviewStatus.HELD, ReviewStatus.REMOVED, ReviewStatus.PUBLISHED);

		JsonNode audit = moderator("mod-r4").get("/api/moderation/audit?reviewId=" + reviewId).json();
		assertThat(audit.get("items").valueStream().map(entry -> entry.get("action").asString()).toList())
			.containsExactly("DECIDED", "APPEALED", "DECIDED", "CLAIMED", "CASE_OPENED", "DECIDED");
		assertThat(audit.get("items").valueStream().filter(entry -> entry.get("action").asString().equals("DECIDED")))
			.allSatisfy(entry -> assertThat(entry.get("policyVersion").asInt()).isPositive());
		assertThat(audit.get("items").get(0).get("actorId").asString()).isEqualTo("mod-r4b");
		assertThat(audit.get("items").get(5).get("actor").asString()).isEqualTo("AUTOMATIC");
		assertThat(jdbc.sql("select count(*) from decision where review_id = ? and policy_version is null")
			.param(reviewId).query(Long.class).single()).isZero();
	}

	@Test
	void appealsNeedARemovedOrRejectedReviewAndComeWithinTwentyDays() throws SQLException {
		UUID published = moderated("author-r5", "Fine.", "PUBLISHED");
		Http author = as("author-r5", "USER");
		assertThat(author.post("/api/reviews/" + published + "/appeal", "{\"statement\":\"why\"}").status())
			.isEqualTo(409);
		assertThat(as("other-r5", "USER").post("/api/reviews/" + published + "/appeal", "{\"statement\":\"why\"}")
			.status()).isEqualTo(403);

		UUID rejected = moderated("author-r5b", "buy followers cheap", "REJECTED");
		backdateDecisions(rejected, "21 days");
		Http.Response late = as("author-r5b", "USER").post("/api/reviews/" + rejected + "/appeal",
				"{\"statement\":\"please\"}");
		assertThat(late.status()).isEqualTo(409);
		assertThat(late.json().get("detail").asString()).contains("20 days");
	}

	@Test
	void aModeratorGivesAClaimBackAndTheQueueShowsWhatTheCaseIsAbout() {
		UUID reviewId = moderated("author-r11", "Free promo code inside.", "HELD");
		UUID caseId = openCase(reviewId);
		JsonNode listed = queuePages(moderator("mod-r11"), "kind=HELD").stream()
			.flatMap(List::stream)
			.filter(item -> item.get("caseId").asString().equals(caseId.toString()))
			.findFirst()
			.orElseThrow();
		assertThat(listed.get("titleId").asString()).isEqualTo("wont-back-down-2012");
		assertThat(listed.get("authorId").asString()).isEqualTo("author-r11");
		assertThat(listed.get("headline").asString()).isEqualTo("Headline");
		assertThat(listed.get("reasons").get(0).asString()).isEqualTo("SUSPECT_TERM");

		assertThat(moderator("mod-r11").post("/api/moderation/cases/" + caseId + "/claim", "").status())
			.isEqualTo(200);
		assertThat(moderator("mod-r11b").delete("/api/moderation/cases/" + caseId + "/claim").status())
			.isEqualTo(409);
		Http.Response released = moderator("mod-r11").delete("/api/moderation/cases/" + caseId + "/claim");
		assertThat(released.status()).isEqualTo(200);
		assertThat(released.json().get("status").asString()).isEqualTo("OPEN");
		assertThat(released.json().get("claimedBy").isNull()).isTrue();
		assertThat(moderator("mod-r11b").post("/api/moderation/cases/" + caseId + "/claim", "").status())
			.isEqualTo(200);
	}

	@Test
	void anExpiredClaimLetsAnotherModeratorTakeTheCase() {
		UUID reviewId = moderated("author-r6", "WHAT A GREAT FILM, I LOVED EVERY MINUTE", "HELD");
		UUID caseId = openCase(reviewId);
		assertThat(moderator("mod-r6a").post("/api/moderation/cases/" + caseId + "/claim", "").status())
			.isEqualTo(200);
		assertThat(moderator("mod-r6b").post("/api/moderation/cases/" + caseId + "/claim", "").status())
			.isEqualTo(409);
		jdbc.sql("update moderation_case set claim_expires_at = now() - interval '1 second' where case_id = ?")
			.param(caseId).update();
		assertThat(moderator("mod-r6b").get("/api/moderation/cases/" + caseId).json().get("status").asString())
			.isEqualTo("OPEN");
		Http.Response taken = moderator("mod-r6b").post("/api/moderation/cases/" + caseId + "/claim", "");
		assertThat(taken.status()).isEqualTo(200);
		assertThat(taken.json().get("claimedBy").asString()).isEqualTo("mod-r6b");
		assertThat(moderator("mod-r6a").post("/api/moderation/cases/" + caseId + "/decision",
				"{\"action\":\"KEEP\",\"reason\":\"fine\"}").status()).isEqualTo(409);
	}

	@Test
	void theQueueListsHighestPriorityFirstThenOldest() {
		UUID light = moderated("author-r7a", "Join the casino tonight.", "HELD");
		UUID heavy = moderated("author-r7b", "Nothing wrong here.", "PUBLISHED");
		for (String reporter : List.of("reporter-r7a", "reporter-r7b", "reporter-r7c", "reporter-r7d")) {
			report(reporter, heavy, "SPOILER");
		}
		List<List<JsonNode>> pages = queuePages(moderator("mod-r7"), "status=OPEN");
		// this test's two cases, in the order the whole queue lists them
		List<String> order = pages.stream().flatMap(List::stream).map(item -> item.get("reviewId").asString())
			.filter(id -> id.equals(light.toString()) || id.equals(heavy.toString()))
			.toList();
		assertThat(order).containsExactly(heavy.toString(), light.toString());
		assertThat(pages).allSatisfy(page -> assertThat(page.stream().map(item -> item.get("priority").asDouble())
			.toList()).isSortedAccordingTo(java.util.Comparator.reverseOrder()));
		assertThat(queuedReviews(moderator("mod-r7"), "reason=SPOILER")).contains(heavy.toString())
			.doesNotContain(light.toString());
	}

	/**
	 * The queue's depth as the table has it at one moment, the rule spelt out: a case is open while OPEN or while its
	 * claim has expired, claimed while its claim runs; the oldest open case by when it was opened.
	 */
	record TableDepth(long open, long claimed, @Nullable UUID oldestOpenCaseId) {
	}

	TableDepth tableDepth() {
		return jdbc.sql("""
				select count(*) filter (where state = 'OPEN' or (state = 'CLAIMED' and claim_expires_at <= now())),
				  count(*) filter (where state = 'CLAIMED' and claim_expires_at > now()),
				  (select case_id from moderation_case
				   where state = 'OPEN' or (state = 'CLAIMED' and claim_expires_at <= now())
				   order by opened_at, case_id limit 1)
				from moderation_case""")
			.query((rs, n) -> new TableDepth(rs.getLong(1), rs.getLong(2), rs.getObject(3, UUID.class)))
			.single();
	}

	/** Moderation's reading of the queue and the table's depth at the same moment. */
	record DepthReading(JsonNode served, TableDepth table) {

		long open() {
			return served.get("open").asLong();
		}

		long claimed() {
			return served.get("claimed").asLong();
		}

		@Nullable UUID oldestOpenCaseId() {
			JsonNode oldest = served.get("oldestOpenCaseId");
			return oldest == null || oldest.isNull() ? null : UUID.fromString(oldest.asString());
		}
	}

	/**
	 * Reads {@code GET /api/moderation/queue} between two readings of the table, again until the table did not change
	 * meanwhile: other test classes share the database and their cases come and go (and claims expire) at any time, so
	 * the expected figures are the table's at that moment, never counts remembered from before.
	 */
	DepthReading depth(Http moderator) {
		return await().atMost(Duration.ofSeconds(30)).until(() -> {
			TableDepth before = tableDepth();
			Http.Response read = moderator.get("/api/moderation/queue");
			assertThat(read.status()).as(read.toString()).isEqualTo(200);
			TableDepth after = tableDepth();
			return before.equals(after) ? new DepthReading(read.json(), before) : null;
		}, java.util.Objects::nonNull);
	}

	static void assertServedAsTheTableHasIt(DepthReading reading) {
		assertThat(reading.open()).as("open").isEqualTo(reading.table().open());
		assertThat(reading.claimed()).as("claimed").isEqualTo(reading.table().claimed());
		assertThat(reading.oldestOpenCaseId()).as("oldest open case").isEqualTo(reading.table().oldestOpenCaseId());
	}

	@Test
	void theQueueDepthCountsOpenAndClaimedCasesAndNamesTheOldestOpenOne() {
		Http moderator = moderator("mod-r15");
		UUID reviewId = moderated("author-r15", "Spin the casino wheel tonight.", "HELD");
		UUID caseId = openCase(reviewId);
		Instant opened = openedAt(caseId);
		try {
			// just older than any other unresolved case, so it is the oldest open one (and only just: its priority, which
			// grows with its age, stays about what it was for other tests' queues)
			jdbc.sql("""
					update moderation_case set opened_at = least(opened_at,
					  (select min(opened_at) from moderation_case where state <> 'RESOLVED') - interval '1 minute')
					where case_id = ?""").param(caseId).update();
			Instant openedAt = openedAt(caseId);

			DepthReading open = depth(moderator);
			assertServedAsTheTableHasIt(open);
			assertThat(open.open()).isPositive();
			assertThat(open.oldestOpenCaseId()).isEqualTo(caseId);
			assertThat(Instant.parse(open.served().get("oldestOpenSince").asString())).isEqualTo(openedAt);
			assertThat(Instant.parse(open.served().get("asOf").asString())).isAfter(openedAt);
			assertThat(as("author-r15", "USER").get("/api/moderation/queue").status()).isEqualTo(403);

			// claimed, it no longer waits: it counts as claimed and another case, if any, is the oldest open one
			assertThat(moderator.post("/api/moderation/cases/" + caseId + "/claim", "").status()).isEqualTo(200);
			assertThat(caseState(caseId)).isEqualTo("CLAIMED");
			DepthReading claimed = depth(moderator);
			assertServedAsTheTableHasIt(claimed);
			assertThat(claimed.claimed()).isPositive();
			assertThat(claimed.oldestOpenCaseId()).isNotEqualTo(caseId);

			// a claim past its expiry is open again, as the queue lists it
			jdbc.sql("update moderation_case set claim_expires_at = now() - interval '1 second' where case_id = ?")
				.param(caseId).update();
			DepthReading expired = depth(moderator);
			assertServedAsTheTableHasIt(expired);
			assertThat(expired.oldestOpenCaseId()).isEqualTo(caseId);

			// decided, it leaves the queue
			assertThat(moderator.post("/api/moderation/cases/" + caseId + "/decision",
					"{\"action\":\"REMOVE\",\"reason\":\"gambling ad\"}").status()).isEqualTo(200);
			assertThat(caseState(caseId)).isEqualTo("RESOLVED");
			DepthReading after = depth(moderator);
			assertServedAsTheTableHasIt(after);
			assertThat(after.oldestOpenCaseId()).isNotEqualTo(caseId);
		}
		finally {
			// whatever happened above, the case leaves the queue and is as old as it is
			if (!"RESOLVED".equals(caseState(caseId))) {
				moderator.post("/api/moderation/cases/" + caseId + "/decision",
						"{\"action\":\"REMOVE\",\"reason\":\"gambling ad\"}");
			}
			jdbc.sql("""
					update moderation_case set state = 'RESOLVED', resolved_at = now(), resolved_by = 'mod-r15',
					  resolution = 'left unresolved by a failed test', claimed_by = null, claim_expires_at = null
					where case_id = ? and state <> 'RESOLVED'""").param(caseId).update();
			jdbc.sql("update moderation_case set opened_at = ? where case_id = ?")
				.params(java.sql.Timestamp.from(opened), caseId)
				.update();
		}
	}

	Instant openedAt(UUID caseId) {
		return jdbc.sql("select opened_at from moderation_case where case_id = ?").param(caseId)
			.query(java.sql.Timestamp.class).single().toInstant();
	}

	@Nullable String caseState(UUID caseId) {
		return jdbc.sql("select state from moderation_case where case_id = ?").param(caseId).query(String.class)
			.optional().orElse(null);
	}

	@Test
	void aDeletedReviewClosesItsCaseAndReports() {
		UUID reviewId = moderated("author-r8", "Click here for more.", "HELD");
		UUID caseId = openCase(reviewId);
		send(dev.reviewflow.events.CloudEvent.of("review-intake", reviewId.toString(),
				new dev.reviewflow.events.ReviewDeleted(reviewId, "wont-back-down-2012", "author-r8",
						dev.reviewflow.events.ReviewType.USER, java.time.Instant.now())));
		awaitStatus(reviewId, "DELETED");
		JsonNode closed = moderator("mod-r8").get("/api/moderation/cases/" + caseId).json();
		assertThat(closed.get("status").asString()).isEqualTo("RESOLVED");
		assertThat(closed.get("resolution").asString()).isEqualTo("review deleted by its author");
		assertThat(closed.get("action").isNull()).isTrue();
	}

	@Test
	void aReportedReviewDeletedByItsAuthorClosesItsCaseWithItsReportsStillListed() {
		UUID reviewId = moderated("author-r8b", "Plain and honest words.", "PUBLISHED");
		for (String reporter : List.of("reporter-r8a", "reporter-r8b", "reporter-r8c")) {
			assertThat(report(reporter, reviewId, "SPAM").status()).isEqualTo(202);
		}
		UUID caseId = openCase(reviewId);
		send(dev.reviewflow.events.CloudEvent.of("review-intake", reviewId.toString(),
				new dev.reviewflow.events.ReviewDeleted(reviewId, "wont-back-down-2012", "author-r8b",
						dev.reviewflow.events.ReviewType.USER, java.time.Instant.now())));
		awaitStatus(reviewId, "DELETED");
		JsonNode closed = moderator("mod-r8b").get("/api/moderation/cases/" + caseId).json();
		assertThat(closed.get("status").asString()).isEqualTo("RESOLVED");
		assertThat(closed.get("reports").valueStream().map(report -> report.get("reporterId").asString()
				+ " " + report.get("outcome").asString()))
			.containsExactlyInAnyOrder("reporter-r8a CLOSED", "reporter-r8b CLOSED", "reporter-r8c CLOSED");
	}

	@Test
	void pollingMetricsReportTheQueue() {
		double held = count("reviewflow.moderation.decisions", "outcome", "HELD", "actor", "automatic");
		double open = meters.get("reviewflow.moderation.cases.open").tag("kind", "HELD").gauge().value();

		UUID reviewId = moderated("author-r10", "The casino heist scene drags.", "HELD");

		// the decision is counted once its transaction committed, on the consumer's thread
		await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(
				count("reviewflow.moderation.decisions", "outcome", "HELD", "actor", "automatic")).isEqualTo(held + 1));
		assertThat(meters.get("reviewflow.moderation.cases.open").tag("kind", "HELD").gauge().value())
			.isEqualTo(open + 1);
		// the oldest unresolved case is at least as old as this one
		double age = jdbc.sql("select extract(epoch from now() - opened_at) from moderation_case where review_id = ?")
			.param(reviewId).query(Double.class).single();
		assertThat(meters.get("reviewflow.moderation.cases.oldest.open.age").gauge().value())
			.isGreaterThanOrEqualTo(age);
		// the meters count after commit without a publication of their own: the outbox's registry holds nothing for
		// them (an after-commit @TransactionalEventListener would cost a registry row per vote, report and decision)
		assertThat(jdbc.sql("""
				select count(*) from event_publication
				where listener_id like '%Meters%' and serialized_event like ?""")
			.param("%" + reviewId + "%")
			.query(Long.class)
			.single()).isZero();
	}

	@Test
	void reportersArrivingAllAtOnceOpenOneCaseAndHideTheReviewOnce() throws Exception {
		UUID reviewId = moderated("author-r12", "A crowd will report this.", "PUBLISHED");
		// six at once (with the lock's holder, within the connection pool)
		List<Callable<Integer>> reports = java.util.stream.IntStream.range(0, 6)
			.<Callable<Integer>>mapToObj(i -> () -> report("crowd-r12-" + i, reviewId, "ABUSIVE").status())
			.toList();

		// one at a time per review: the third report hides it, and a hidden review is no longer reportable
		assertThat(raceOnReview(reviewId, reports)).containsExactlyInAnyOrder(202, 202, 202, 404, 404, 404);
		assertThat(status(reviewId)).isEqualTo("HIDDEN");
		assertThat(jdbc.sql("select count(*) from moderation_case where review_id = ?").param(reviewId)
			.query(Long.class).single()).isEqualTo(1);
		assertThat(jdbc.sql("select count(*) from decision where review_id = ? and status = 'HIDDEN'").param(reviewId)
			.query(Long.class).single()).isEqualTo(1);
		JsonNode detail = moderator("mod-r12").get("/api/moderation/cases/" + openCase(reviewId)).json();
		assertThat(detail.get("reports")).hasSize(3);
		assertThat(detail.get("weight").asDouble()).isEqualTo(3.0);
	}

	@Test
	void anEditedHeldReviewIsScreenedAgainAndItsOldCaseClosed() {
		CloudEvent<ReviewSubmitted> submitted = submitted("author-r13", "Meet me at the casino.");
		send(submitted);
		UUID reviewId = submitted.data().reviewId();
		awaitStatus(reviewId, "HELD");
		UUID heldCase = openCase(reviewId);
		send(CloudEvent.of("review-intake", reviewId.toString(),
				new ReviewEdited(reviewId, "wont-back-down-2012", "author-r13", ReviewType.USER, 2, 7, null, null, false,
						"Headline", "Meet me at the cinema.", false, Instant.now())));
		awaitStatus(reviewId, "PUBLISHED");
		JsonNode closed = moderator("mod-r13").get("/api/moderation/cases/" + heldCase).json();
		assertThat(closed.get("status").asString()).isEqualTo("RESOLVED");
		assertThat(closed.get("resolution").asString()).isEqualTo("superseded by revision 2");
		assertThat(decisionsPublished(reviewId, 2).getLast().revision()).isEqualTo(2);
	}

	@Test
	void aNearDuplicateOfTheAuthorsOtherReviewIsHeld() {
		String text = "A moving story about two mothers fighting a failing school, with great performances.";
		moderated("author-r14", text, "PUBLISHED");
		// the author's review of another title (of the same title, review-intake allows one that is not deleted)
		UUID copy = moderated("author-r14", "the-wire-2002", text + " Really!", "HELD");
		assertThat(moderator("mod-r14").get("/api/moderation/cases/" + openCase(copy)).json().get("reasons").get(0)
			.asString()).isEqualTo("NEAR_DUPLICATE");
		moderated("someone-else-r14", text, "PUBLISHED");
	}
}
