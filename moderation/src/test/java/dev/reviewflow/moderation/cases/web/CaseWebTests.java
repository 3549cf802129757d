package dev.reviewflow.moderation.cases.web;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import dev.reviewflow.devtokens.DevelopmentTokens;
import dev.reviewflow.events.ReviewStatus;
import dev.reviewflow.events.ReviewType;
import dev.reviewflow.moderation.cases.AppealWindowClosed;
import dev.reviewflow.moderation.cases.Appeals;
import dev.reviewflow.moderation.cases.AuthorStanding;
import dev.reviewflow.moderation.cases.CaseAction;
import dev.reviewflow.moderation.cases.CaseAlreadyResolved;
import dev.reviewflow.moderation.cases.CaseClaimedByAnother;
import dev.reviewflow.moderation.cases.CaseDecisions;
import dev.reviewflow.moderation.cases.CaseKind;
import dev.reviewflow.moderation.cases.CaseQueue;
import dev.reviewflow.moderation.cases.CaseReports;
import dev.reviewflow.moderation.cases.CaseState;
import dev.reviewflow.moderation.cases.CaseView;
import dev.reviewflow.moderation.cases.Claims;
import dev.reviewflow.moderation.cases.NoClaimHeld;
import dev.reviewflow.moderation.cases.OwnReviewCase;
import dev.reviewflow.moderation.cases.QueueDepth;
import dev.reviewflow.moderation.cases.Standing;
import dev.reviewflow.moderation.policy.ModerationProperties;
import dev.reviewflow.moderation.review.KnownReview;
import dev.reviewflow.moderation.review.KnownReviews;
import dev.reviewflow.moderation.review.ReviewContent;
import dev.reviewflow.moderation.review.UnknownReview;
import dev.reviewflow.testsupport.Http;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.BDDMockito.given;
import static org.mockito.BDDMockito.willThrow;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;

/**
 * The case feature's HTTP shape in a web slice: the queue, claims, decisions, appeals and the author's standing, each
 * domain exception as the problem document clients know, with the feature's services replaced.
 */
@WebMvcTest(controllers = { CaseController.class, AppealController.class, ReviewStandingController.class,
		QueueController.class },
		properties = DevelopmentTokens.SERVICE_PROPERTY)
@EnableConfigurationProperties(ModerationProperties.class)
class CaseWebTests {

	static final DevelopmentTokens TOKENS = DevelopmentTokens.local();

	static final Instant NOW = Instant.parse("2026-11-20T10:00:00Z");

	@Autowired
	MockMvc mvc;

	@MockitoBean
	CaseQueue queue;

	@MockitoBean
	Claims claims;

	@MockitoBean
	CaseDecisions decisions;

	@MockitoBean
	Appeals appeals;

	@MockitoBean
	AuthorStanding standing;

	@MockitoBean
	KnownReviews reviews;

	@MockitoBean
	CaseReports reports;

	final UUID caseId = UUID.randomUUID();

	final UUID reviewId = UUID.randomUUID();

	Http moderator;

	@BeforeEach
	void clients() {
		moderator = as("mod-b", "MODERATOR");
	}

	Http as(String subject, String... roles) {
		return Http.over(mvc).as(TOKENS.mint(subject, roles));
	}

	CaseView view(CaseState status, String claimedBy) {
		return new CaseView(caseId, reviewId, "dune-2021", "alice", "Headline", CaseKind.HELD, status, 1.5, 1.0,
				List.of("LINKS"), null, NOW, claimedBy, NOW.plusSeconds(1800), null, null, null, null, null);
	}

	static void assertProblem(Http.Response response, int status, String title, String detail) {
		assertThat(response.status()).as(response.toString()).isEqualTo(status);
		assertThat(response.isProblem()).isTrue();
		assertThat(response.json().get("title").asString()).isEqualTo(title);
		assertThat(response.json().get("detail").asString()).isEqualTo(detail);
	}

	@Test
	void aClaimAnswersTheClaimedCase() {
		given(claims.claim(caseId, "mod-b")).willReturn(view(CaseState.CLAIMED, "mod-b"));

		Http.Response claimed = moderator.post("/api/moderation/cases/" + caseId + "/claim", "");

		assertThat(claimed.status()).isEqualTo(200);
		assertThat(claimed.json().get("status").asString()).isEqualTo("CLAIMED");
		assertThat(claimed.json().get("claimedBy").asString()).isEqualTo("mod-b");
		assertThat(claimed.json().get("titleId").asString()).isEqualTo("dune-2021");
	}

	@Test
	void anotherModeratorsClaimIsAConflictNamingThemAndTheDeadline() {
		willThrow(new CaseClaimedByAnother("mod-a", NOW)).given(claims).claim(caseId, "mod-b");

		assertProblem(moderator.post("/api/moderation/cases/" + caseId + "/claim", ""), 409, "Conflict",
				"Moderator mod-a has claimed this case until " + NOW + ".");
	}

	@Test
	void givingBackAClaimOneDoesNotHoldIsAConflict() {
		willThrow(new NoClaimHeld(CaseState.CLAIMED, "mod-a")).given(claims).release(caseId, "mod-b");

		assertProblem(moderator.delete("/api/moderation/cases/" + caseId + "/claim"), 409, "Conflict",
				"You do not hold a claim on this case; it is claimed by mod-a.");
	}

	@Test
	void aDecisionTakesTheActionAndTheReasonWithoutItsBlanks() {
		given(decisions.decide(caseId, "mod-b", CaseAction.REMOVE, "link spam"))
			.willReturn(view(CaseState.RESOLVED, null));

		Http.Response decided = moderator.post("/api/moderation/cases/" + caseId + "/decision",
				"{\"action\":\"REMOVE\",\"reason\":\"  link spam \"}");

		assertThat(decided.status()).as(decided.toString()).isEqualTo(200);
		assertThat(decided.json().get("status").asString()).isEqualTo("RESOLVED");
		verify(decisions).decide(caseId, "mod-b", CaseAction.REMOVE, "link spam");
	}

	@Test
	void aDecisionOnAResolvedCaseIsAConflictSayingWhoDecided() {
		willThrow(new CaseAlreadyResolved(CaseAction.KEEP, "mod-a", NOW, "fine")).given(decisions)
			.decide(caseId, "mod-b", CaseAction.REMOVE, "spam");

		assertProblem(moderator.post("/api/moderation/cases/" + caseId + "/decision",
				"{\"action\":\"REMOVE\",\"reason\":\"spam\"}"), 409, "Conflict",
				"This case is resolved already: mod-a decided KEEP at " + NOW + ".");
	}

	@Test
	void aModeratorDecidingAboutTheirOwnReviewIsForbidden() {
		willThrow(new OwnReviewCase()).given(decisions).decide(caseId, "mod-b", CaseAction.KEEP, "mine is fine");

		assertProblem(moderator.post("/api/moderation/cases/" + caseId + "/decision",
				"{\"action\":\"KEEP\",\"reason\":\"mine is fine\"}"), 403, "Forbidden",
				"Moderators do not decide cases about their own reviews.");
	}

	@Test
	void aDecisionWithoutAnActionNamesTheField() {
		Http.Response refused = moderator.post("/api/moderation/cases/" + caseId + "/decision",
				"{\"reason\":\"spam\"}");

		assertThat(refused.status()).isEqualTo(400);
		assertThat(refused.json().get("errors").valueStream().map(error -> error.get("field").asString()))
			.containsExactly("action");
		verifyNoInteractions(decisions);
	}

	@Test
	void anUnknownCaseIsNotFound() {
		given(queue.find(caseId)).willReturn(Optional.empty());

		assertProblem(moderator.get("/api/moderation/cases/" + caseId), 404, "Not found",
				"There is no case " + caseId + ".");
	}

	@Test
	void aCaseInFullShowsTheReviewItsReportsAndDecisions() {
		KnownReview review = new KnownReview(reviewId, "dune-2021", "alice", 2, ReviewStatus.HELD, 1);
		given(queue.find(caseId)).willReturn(Optional.of(view(CaseState.OPEN, null)));
		given(reviews.find(reviewId)).willReturn(Optional.of(review));
		given(reviews.content(reviewId)).willReturn(Optional.of(new ReviewContent(ReviewType.USER, 2, "Headline",
				"Visit www.a.example", NOW, NOW)));
		given(reviews.decisions(reviewId)).willReturn(List.of());
		given(reviews.earlierOfTitle(review)).willReturn(List.of());
		given(reports.ofCase(caseId)).willReturn(List.of());

		JsonNode detail = moderator.get("/api/moderation/cases/" + caseId).json();

		assertThat(detail.get("caseId").asString()).isEqualTo(caseId.toString());
		assertThat(detail.get("kind").asString()).isEqualTo("HELD");
		assertThat(detail.get("review").get("body").asString()).isEqualTo("Visit www.a.example");
		assertThat(detail.get("review").get("keeps").asInt()).isEqualTo(1);
		assertThat(detail.get("reports")).isEmpty();
		assertThat(detail.get("earlierReviews")).isEmpty();
	}

	@Test
	void theQueueRefusesAnUnknownStatus() {
		Http.Response refused = moderator.get("/api/moderation/cases?status=DONE");

		assertThat(refused.status()).isEqualTo(400);
		assertThat(refused.isProblem()).isTrue();
		verifyNoInteractions(queue);
	}

	@Test
	void theQueuesDepthNamesTheOldestOpenCaseForModerators() {
		given(queue.depth()).willReturn(new QueueDepth(7, 2, NOW.minusSeconds(3 * 3600), caseId, NOW));

		Http.Response depth = moderator.get("/api/moderation/queue");

		assertThat(depth.status()).as(depth.toString()).isEqualTo(200);
		assertThat(depth.json().get("open").asLong()).isEqualTo(7);
		assertThat(depth.json().get("claimed").asLong()).isEqualTo(2);
		assertThat(depth.json().get("oldestOpenSince").asString()).isEqualTo("2026-11-20T07:00:00Z");
		assertThat(depth.json().get("oldestOpenCaseId").asString()).isEqualTo(caseId.toString());
		assertThat(depth.json().get("asOf").asString()).isEqualTo(NOW.toString());
		assertThat(as("admin-b", "ADMIN").get("/api/moderation/queue").status()).isEqualTo(200);
	}

	@Test
	void anEmptyQueueHasNoOldestCase() {
		given(queue.depth()).willReturn(new QueueDepth(0, 0, null, null, NOW));

		JsonNode depth = moderator.get("/api/moderation/queue").json();

		assertThat(depth.get("open").asLong()).isZero();
		assertThat(depth.get("oldestOpenSince").isNull()).isTrue();
		assertThat(depth.get("oldestOpenCaseId").isNull()).isTrue();
	}

	@Test
	void theQueuesDepthIsForModeratorsOnly() {
		assertProblem(as("alice", "USER").get("/api/moderation/queue"), 403, "Forbidden",
				"Your roles do not allow this action.");
		assertThat(Http.over(mvc).get("/api/moderation/queue").status()).isEqualTo(401);
		verifyNoInteractions(queue);
	}

	@Test
	void anAppealIsAcceptedWithItsCase() {
		given(appeals.appeal(reviewId, "alice", "Those are official sites."))
			.willReturn(view(CaseState.OPEN, null));

		Http.Response accepted = as("alice", "USER").post("/api/reviews/" + reviewId + "/appeal",
				"{\"statement\":\" Those are official sites. \"}");

		assertThat(accepted.status()).as(accepted.toString()).isEqualTo(202);
		assertThat(accepted.json().get("caseId").asString()).isEqualTo(caseId.toString());
		assertThat(accepted.json().get("status").asString()).isEqualTo("OPEN");
	}

	@Test
	void aLateAppealIsAConflictNamingTheWindowAndItsEnd() {
		willThrow(new AppealWindowClosed(20, NOW)).given(appeals).appeal(any(), anyString(), anyString());

		assertProblem(as("alice", "USER").post("/api/reviews/" + reviewId + "/appeal", "{\"statement\":\"please\"}"),
				409, "Conflict", "Appeals are possible for 20 days after the decision; the time to appeal this one "
						+ "ended at " + NOW + ".");
	}

	@Test
	void theStandingIsTheAuthorsOrAModeratorsToSee() {
		Standing shown = new Standing(reviewId, ReviewStatus.REMOVED, List.of(),
				new Standing.Appeal(Standing.AppealStatus.AVAILABLE, NOW, null, null));
		given(standing.of(reviewId, "alice", false)).willReturn(shown);
		given(standing.of(reviewId, "mod-b", true)).willReturn(shown);
		willThrow(UnknownReview.ofCaller(reviewId)).given(standing).of(reviewId, "bob", false);

		Http.Response author = as("alice", "USER").get("/api/reviews/" + reviewId + "/moderation");
		Http.Response mod = moderator.get("/api/reviews/" + reviewId + "/moderation");

		assertThat(author.json().get("appeal").get("status").asString()).isEqualTo("AVAILABLE");
		assertThat(author.json().get("appeal").get("until").asString()).isEqualTo(NOW.toString());
		assertThat(mod.status()).isEqualTo(200);
		assertProblem(as("bob", "USER").get("/api/reviews/" + reviewId + "/moderation"), 404, "Not found",
				"There is no review " + reviewId + " of yours.");
	}
}
