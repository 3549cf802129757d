package dev.reviewflow.moderation;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import dev.reviewflow.events.DecisionActor;
import dev.reviewflow.events.ReportReason;
import dev.reviewflow.events.ReviewStatus;
import dev.reviewflow.events.ReviewType;
import dev.reviewflow.moderation.cases.CaseAction;
import dev.reviewflow.moderation.cases.CaseKind;
import dev.reviewflow.moderation.cases.CaseState;
import dev.reviewflow.moderation.cases.CaseView;
import dev.reviewflow.moderation.cases.NoClaimHeld;
import dev.reviewflow.moderation.cases.NotAppealable;
import dev.reviewflow.moderation.cases.NotTheAuthor;
import dev.reviewflow.moderation.cases.QueueDepth;
import dev.reviewflow.moderation.cases.Standing;
import dev.reviewflow.moderation.policy.Policy;
import dev.reviewflow.moderation.policy.PolicyVersion;
import dev.reviewflow.moderation.report.OwnReviewReport;
import dev.reviewflow.moderation.report.ReportOutcome;
import dev.reviewflow.moderation.report.ReportView;
import dev.reviewflow.moderation.report.Reporting;
import dev.reviewflow.moderation.review.Decision;
import dev.reviewflow.moderation.review.KnownReview;
import dev.reviewflow.moderation.review.ReviewContent;
import dev.reviewflow.moderation.review.UnknownReview;
import dev.reviewflow.moderation.vote.OwnReviewVote;
import dev.reviewflow.moderation.vote.ReviewNotVotable;
import dev.reviewflow.testsupport.AuthorizationMatrix;
import dev.reviewflow.testsupport.AuthorizationMatrix.Row;
import dev.reviewflow.testsupport.Http;
import dev.reviewflow.testsupport.JwtAttacks;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyInt;
import static org.mockito.ArgumentMatchers.anyLong;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.ArgumentMatchers.isNull;
import static org.mockito.BDDMockito.given;
import static org.mockito.BDDMockito.willReturn;
import static org.mockito.BDDMockito.willThrow;

/**
 * Every moderation endpoint × every kind of caller → the status the architecture promises: 401 without a token, 403
 * for a role that may not act (or an author acting on their own review), 404 for what the caller may not see,
 * success otherwise. A web slice: the features' services answer as the domain does for the fixture's reviews (a
 * published and a rejected review by the author, a held review by someone else with its open case); their rules are
 * the aggregates' unit tests' and the integration tests' business.
 */
class AuthorizationMatrixTests extends ModerationWebSlice {

	static final List<String> CALLERS = List.of("anonymous", "author", "other user", "critic", "moderator", "admin");

	static final String AUTHOR = "author";

	static final Instant NOW = Instant.parse("2026-11-20T10:00:00Z");

	record Fixture(UUID published, UUID rejected, UUID held, UUID heldCase, Http caller) {
	}

	final UUID published = UUID.randomUUID();

	final UUID rejected = UUID.randomUUID();

	final UUID held = UUID.randomUUID();

	final UUID heldCase = UUID.randomUUID();

	Map<String, Http> callers;

	@BeforeEach
	void domainAnswers() {
		callers = new LinkedHashMap<>();
		callers.put("anonymous", anonymous());
		callers.put("author", as(AUTHOR, "USER"));
		callers.put("other user", as("other", "USER"));
		callers.put("critic", as("critic", "CRITIC"));
		callers.put("moderator", as("mod", "MODERATOR"));
		callers.put("admin", as("admin", "ADMIN"));

		// votes: not on one's own review, not on a held one
		willThrow(new OwnReviewVote()).given(votes).vote(eq(published), eq(AUTHOR), any());
		willThrow(new OwnReviewVote()).given(votes).retract(published, AUTHOR);
		willThrow(new ReviewNotVotable(ReviewStatus.HELD)).given(votes).vote(eq(held), anyString(), any());
		given(votes.current(any(), anyString())).willReturn(Optional.empty());

		// reports: not on one's own review; a rejected review does not exist for reporters
		given(reporting.report(eq(published), anyString(), any(), any())).willAnswer(call -> new Reporting.Filed(
				new ReportView(UUID.randomUUID(), published, "dune-2021", ReportReason.SPAM, null, NOW,
						ReportOutcome.OPEN, null), true));
		willThrow(new OwnReviewReport()).given(reporting).report(eq(published), eq(AUTHOR), any(), any());
		willThrow(new UnknownReview(rejected)).given(reporting).report(eq(rejected), anyString(), any(), any());
		willThrow(new OwnReviewReport()).given(reporting).report(eq(rejected), eq(AUTHOR), any(), any());
		given(reports.of(anyString(), anyLong(), anyInt())).willReturn(List.of());

		// appeals: only the author's, only of a removed or rejected review
		willThrow(new UnknownReview(rejected)).given(appeals).appeal(eq(rejected), anyString(), anyString());
		willThrow(new NotTheAuthor()).given(appeals).appeal(eq(published), anyString(), anyString());
		willThrow(new NotAppealable(ReviewStatus.PUBLISHED)).given(appeals).appeal(eq(published), eq(AUTHOR),
				anyString());
		willReturn(caseView(UUID.randomUUID(), rejected, CaseKind.APPEAL)).given(appeals)
			.appeal(eq(rejected), eq(AUTHOR), anyString());

		// the queue, the held case and its review
		KnownReview heldReview = new KnownReview(held, "dune-2021", "held-author", 1, ReviewStatus.HELD, 0);
		given(queue.list(any(), any(), any(), anyLong(), anyInt())).willReturn(List.of());
		given(queue.find(any())).willReturn(Optional.empty());
		given(queue.depth()).willReturn(new QueueDepth(1, 0, NOW, heldCase, NOW));
		given(queue.find(heldCase)).willReturn(Optional.of(caseView(heldCase, held, CaseKind.HELD)));
		given(reviews.find(held)).willReturn(Optional.of(heldReview));
		given(reviews.content(held)).willReturn(Optional.of(new ReviewContent(ReviewType.USER, 1, "Headline",
				"Held: casino.", NOW, NOW)));
		given(reviews.decisions(held)).willReturn(List.of(new Decision(UUID.randomUUID(), 1, ReviewStatus.HELD,
				DecisionActor.AUTOMATIC, null, List.of("suspect term: casino"), 1, NOW)));
		given(reviews.earlierOfTitle(heldReview)).willReturn(List.of());
		given(claims.claim(eq(heldCase), anyString())).willReturn(caseView(heldCase, held, CaseKind.HELD));
		willThrow(new NoClaimHeld(CaseState.OPEN, null)).given(claims).release(eq(heldCase), anyString());
		given(decisions.decide(eq(heldCase), anyString(), eq(CaseAction.KEEP), eq("fine")))
			.willReturn(caseView(heldCase, held, CaseKind.HELD));

		// the author's standing: theirs, or a moderator's to see
		for (UUID review : List.of(published, rejected)) {
			Standing standing = new Standing(review, ReviewStatus.PUBLISHED, List.of(),
					new Standing.Appeal(Standing.AppealStatus.NOT_APPLICABLE, null, null, null));
			willThrow(UnknownReview.ofCaller(review)).given(authorStanding).of(eq(review), anyString(), eq(false));
			willReturn(standing).given(authorStanding).of(review, AUTHOR, false);
			willReturn(standing).given(authorStanding).of(eq(review), anyString(), eq(true));
		}

		given(audit.entries(eq(held), anyInt(), anyInt())).willReturn(List.of());
		Policy policy = JsonMapper.builder().build().readValue(POLICY, Policy.class);
		given(policies.current()).willReturn(new PolicyVersion(3, "admin", NOW, policy));
		given(policies.replace(any(), eq("admin"), isNull())).willReturn(new PolicyVersion(4, "admin", NOW, policy));
	}

	static CaseView caseView(UUID caseId, UUID reviewId, CaseKind kind) {
		return new CaseView(caseId, reviewId, "dune-2021", "held-author", "Headline", kind, CaseState.OPEN, 1.0, 1.0,
				List.of("SUSPECT_TERM"), null, NOW, null, null, null, null, null, null, null);
	}

	Fixture fixture(String caller) {
		return new Fixture(published, rejected, held, heldCase, callers.get(caller));
	}

	static final String VOTE = "{\"helpful\":true}";

	static final List<Row<Fixture>> MATRIX = List.of(
			new Row<>("PUT /api/reviews/{published}/vote",
					f -> f.caller().put("/api/reviews/" + f.published() + "/vote", VOTE), 401, 403, 202, 202, 403, 403),
			new Row<>("DELETE /api/reviews/{published}/vote",
					f -> f.caller().delete("/api/reviews/" + f.published() + "/vote"), 401, 403, 202, 202, 403, 403),
			new Row<>("GET /api/reviews/{published}/vote",
					f -> f.caller().get("/api/reviews/" + f.published() + "/vote"), 401, 200, 200, 200, 403, 403),
			new Row<>("PUT /api/reviews/{held}/vote", f -> f.caller().put("/api/reviews/" + f.held() + "/vote", VOTE),
					401, 409, 409, 409, 403, 403),
			new Row<>("POST /api/reviews/{published}/reports",
					f -> f.caller().post("/api/reviews/" + f.published() + "/reports", "{\"reason\":\"SPAM\"}"), 401,
					403, 202, 202, 202, 202),
			new Row<>("POST /api/reviews/{rejected}/reports",
					f -> f.caller().post("/api/reviews/" + f.rejected() + "/reports", "{\"reason\":\"SPAM\"}"), 401,
					403, 404, 404, 404, 404),
			new Row<>("GET /api/me/reports", f -> f.caller().get("/api/me/reports"), 401, 200, 200, 200, 200, 200),
			new Row<>("POST /api/reviews/{rejected}/appeal",
					f -> f.caller().post("/api/reviews/" + f.rejected() + "/appeal", "{\"statement\":\"Look again.\"}"),
					401, 202, 404, 404, 404, 404),
			new Row<>("POST /api/reviews/{published}/appeal",
					f -> f.caller().post("/api/reviews/" + f.published() + "/appeal", "{\"statement\":\"Why?\"}"), 401,
					409, 403, 403, 403, 403),
			new Row<>("GET /api/moderation/cases", f -> f.caller().get("/api/moderation/cases?size=1"), 401, 403, 403,
					403, 200, 200),
			new Row<>("GET /api/moderation/queue", f -> f.caller().get("/api/moderation/queue"), 401, 403, 403, 403,
					200, 200),
			new Row<>("GET /api/moderation/cases/{id}", f -> f.caller().get("/api/moderation/cases/" + f.heldCase()),
					401, 403, 403, 403, 200, 200),
			new Row<>("GET /api/moderation/cases/{unknown}",
					f -> f.caller().get("/api/moderation/cases/" + UUID.randomUUID()), 401, 403, 403, 403, 404, 404),
			new Row<>("POST /api/moderation/cases/{id}/claim",
					f -> f.caller().post("/api/moderation/cases/" + f.heldCase() + "/claim", ""), 401, 403, 403, 403,
					200, 200),
			new Row<>("DELETE /api/moderation/cases/{id}/claim (not held)",
					f -> f.caller().delete("/api/moderation/cases/" + f.heldCase() + "/claim"), 401, 403, 403, 403,
					409, 409),
			new Row<>("GET /api/reviews/{rejected}/moderation",
					f -> f.caller().get("/api/reviews/" + f.rejected() + "/moderation"), 401, 200, 404, 404, 200, 200),
			new Row<>("GET /api/reviews/{published}/moderation",
					f -> f.caller().get("/api/reviews/" + f.published() + "/moderation"), 401, 200, 404, 404, 200, 200),
			new Row<>("POST /api/moderation/cases/{id}/decision",
					f -> f.caller().post("/api/moderation/cases/" + f.heldCase() + "/decision",
							"{\"action\":\"KEEP\",\"reason\":\"fine\"}"), 401, 403, 403, 403, 200, 200),
			new Row<>("GET /api/moderation/audit", f -> f.caller().get("/api/moderation/audit?reviewId=" + f.held()),
					401, 403, 403, 403, 200, 200),
			new Row<>("GET /api/moderation/policy", f -> f.caller().get("/api/moderation/policy"), 401, 403, 403, 403,
					403, 200),
			new Row<>("PUT /api/moderation/policy", f -> f.caller().put("/api/moderation/policy", POLICY), 401, 403,
					403, 403, 403, 200));

	@Test
	void everyEndpointAnswersEveryKindOfCallerAsPromised() {
		AuthorizationMatrix.assertAsPromised(CALLERS, MATRIX, this::fixture);
	}

	@Test
	void forgedStaleAndMalformedTokensAreRefused() {
		JwtAttacks.assertRefused(token -> anonymous().as(token).get("/api/moderation/cases?status=OPEN"), 200,
				"mod-jwt", "MODERATOR");
	}
}
