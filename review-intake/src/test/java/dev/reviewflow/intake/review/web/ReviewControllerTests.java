package dev.reviewflow.intake.review.web;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import dev.reviewflow.devtokens.DevelopmentTokens;
import dev.reviewflow.events.ReviewStatus;
import dev.reviewflow.events.ReviewType;
import dev.reviewflow.events.Verdict;
import dev.reviewflow.intake.IntakeProperties;
import dev.reviewflow.intake.policy.WriteLimitReached;
import dev.reviewflow.intake.policy.WriteLimits.Write;
import dev.reviewflow.intake.review.AlreadyReviewed;
import dev.reviewflow.intake.review.Author;
import dev.reviewflow.intake.review.InvalidReviewFields;
import dev.reviewflow.intake.review.NotReviewAuthor;
import dev.reviewflow.intake.review.ReviewCommands;
import dev.reviewflow.intake.review.ReviewDraft;
import dev.reviewflow.intake.review.ReviewNotEditable;
import dev.reviewflow.intake.review.ReviewNotFound;
import dev.reviewflow.intake.review.ReviewOrder;
import dev.reviewflow.intake.review.ReviewPatch;
import dev.reviewflow.intake.review.ReviewQueries;
import dev.reviewflow.intake.review.ReviewView;
import dev.reviewflow.intake.title.TitleNotFound;
import dev.reviewflow.platform.Page;
import dev.reviewflow.testsupport.AuthorizationMatrix;
import dev.reviewflow.testsupport.AuthorizationMatrix.Row;
import dev.reviewflow.testsupport.Http;
import dev.reviewflow.testsupport.JwtAttacks;
import dev.reviewflow.testsupport.MalformedRequests;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyInt;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.BDDMockito.given;
import static org.mockito.BDDMockito.willThrow;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;

/**
 * The reviews' HTTP shape in a web slice: the platform's token checks and problem documents, the controller, the
 * feature's problem mapping, and the review feature's commands and queries replaced at its boundary. Which caller
 * may change which review is the aggregate's rule ({@code ReviewTest}); here, how each refusal reads.
 */
@WebMvcTest(controllers = ReviewController.class, properties = DevelopmentTokens.SERVICE_PROPERTY)
@EnableConfigurationProperties(IntakeProperties.class)
class ReviewControllerTests {

	static final DevelopmentTokens TOKENS = DevelopmentTokens.local();

	static final UUID ID = UUID.fromString("7d7e3d1c-6b1f-4c1e-9a55-000000000002");

	static final String USER_REVIEW = """
			{"rating":7,"headline":"Tense","body":"A long night.","containsSpoilers":false}""";

	static final String CRITIC_REVIEW = """
			{"verdict":"FRESH","publication":"Gazette","headline":"Tense","body":"A long night."}""";

	@Autowired
	MockMvc mvc;

	@MockitoBean
	ReviewCommands commands;

	@MockitoBean
	ReviewQueries queries;

	Http anonymous;

	@BeforeEach
	void clients() {
		anonymous = Http.over(mvc);
	}

	Http as(String subject, String... roles) {
		return anonymous.as(TOKENS.mint(subject, roles));
	}

	static ReviewView view(ReviewStatus status) {
		return new ReviewView(ID, "heat-1995", "alice", ReviewType.USER, 1, 7, null, null, false, "Tense",
				"A long night.", false, status, 3, 4, Instant.parse("2026-11-01T10:00:00Z"), null);
	}

	void acceptEverything() {
		given(commands.submit(anyString(), any(), any())).willReturn(view(ReviewStatus.PENDING));
		given(commands.edit(any(), any(), any())).willReturn(view(ReviewStatus.PENDING));
		given(queries.findVisible(any(), any())).willReturn(Optional.of(view(ReviewStatus.PUBLISHED)));
		given(queries.list(anyString(), any(), any(), anyInt(), anyInt()))
			.willReturn(new Page<>(List.of(view(ReviewStatus.PUBLISHED)), 0, 20, 1));
		given(queries.mine(anyString(), any(), anyInt(), anyInt()))
			.willReturn(new Page<>(List.of(view(ReviewStatus.HIDDEN)), 0, 20, 1));
	}

	@Test
	void aSubmittedReviewIsAcceptedPendingWithItsLocationAndTheAuthorsDraft() {
		acceptEverything();

		Http.Response response = as("alice", "USER").post("/api/titles/heat-1995/reviews", USER_REVIEW);

		assertThat(response.status()).as(response.toString()).isEqualTo(202);
		assertThat(response.location()).isEqualTo("/api/reviews/" + ID);
		assertThat(response.json().get("reviewId").asString()).isEqualTo(ID.toString());
		assertThat(response.json().get("status").asString()).isEqualTo("PENDING");
		verify(commands).submit("heat-1995", new Author("alice", java.util.Set.of("USER"), false),
				new ReviewDraft(ReviewType.USER, 7, null, null, "Tense", "A long night.", false));
	}

	@Test
	void aCriticsTokenWritesACriticReviewAndTheTopCriticClaimCarriesOver() {
		acceptEverything();
		Http critic = anonymous.as(TOKENS.mint("roger", List.of("CRITIC"), true, java.time.Duration.ofMinutes(5)));

		assertThat(critic.post("/api/titles/heat-1995/reviews", CRITIC_REVIEW).status()).isEqualTo(202);

		verify(commands).submit(eq("heat-1995"), eq(new Author("roger", java.util.Set.of("CRITIC"), true)),
				eq(new ReviewDraft(ReviewType.CRITIC, null, Verdict.FRESH, "Gazette", "Tense", "A long night.",
						false)));
	}

	@Test
	void fieldsOfTheOtherTypeOfReviewAreListedInOneProblem() {
		Http.Response response = as("roger", "CRITIC").post("/api/titles/heat-1995/reviews", USER_REVIEW);

		assertThat(response.status()).isEqualTo(400);
		assertThat(response.isProblem()).isTrue();
		assertThat(response.json().get("title").asString()).isEqualTo("Invalid request");
		assertThat(response.json().get("detail").asString())
			.isEqualTo("The request has 3 invalid field(s) for a CRITIC review.");
		assertThat(response.json().get("errors").findValuesAsString("field")).containsExactly("verdict",
				"publication", "rating");
		verifyNoInteractions(commands);
	}

	@Test
	void aSecondReviewOfTheSameTitleIsAConflictNamingTheFirst() {
		UUID first = UUID.randomUUID();
		given(commands.submit(anyString(), any(), any())).willThrow(new AlreadyReviewed(first));

		Http.Response response = as("alice", "USER").post("/api/titles/heat-1995/reviews", USER_REVIEW);

		assertThat(response.status()).isEqualTo(409);
		assertThat(response.json().get("title").asString()).isEqualTo("Already reviewed");
		assertThat(response.json().get("detail").asString())
			.isEqualTo("You have already reviewed this title: review " + first + ". Edit that one instead.");
		assertThat(response.json().get("reviewId").asString()).isEqualTo(first.toString());
	}

	@Test
	void aReviewOfAnUnknownTitleIsNotFound() {
		given(commands.submit(anyString(), any(), any())).willThrow(new TitleNotFound("no-such-title"));

		Http.Response response = as("alice", "USER").post("/api/titles/no-such-title/reviews", USER_REVIEW);

		assertThat(response.status()).isEqualTo(404);
		assertThat(response.isProblem()).isTrue();
		assertThat(response.json().get("title").asString()).isEqualTo("Not found");
		assertThat(response.json().get("detail").asString()).isEqualTo("There is no title 'no-such-title'.");
	}

	@Test
	void aWriteBeyondTheAuthorsLimitIs429WithRetryAfter() {
		given(commands.submit(anyString(), any(), any())).willThrow(new WriteLimitReached(Write.REVIEW,
				"You may do this 2 time(s) per hour; try again in 3540 s.", 3540));

		Http.Response response = as("alice", "USER").post("/api/titles/heat-1995/reviews", USER_REVIEW);

		assertThat(response.status()).isEqualTo(429);
		assertThat(response.isProblem()).isTrue();
		assertThat(response.header("Retry-After")).isEqualTo("3540");
		assertThat(response.json().get("title").asString()).isEqualTo("Too many requests");
		assertThat(response.json().get("retryAfterSeconds").asLong()).isEqualTo(3540);
		assertThat(response.json().get("detail").asString())
			.isEqualTo("You may do this 2 time(s) per hour; try again in 3540 s.");
	}

	@Test
	void anEditIsAcceptedPendingWithOnlyWhatWasSent() {
		acceptEverything();

		Http.Response response = as("alice", "USER").patch("/api/reviews/" + ID, """
				{"rating":9,"body":"On reflection."}""");

		assertThat(response.status()).isEqualTo(202);
		assertThat(response.location()).isEqualTo("/api/reviews/" + ID);
		assertThat(response.json().get("status").asString()).isEqualTo("PENDING");
		verify(commands).edit(eq(ID), any(), eq(new ReviewPatch(9, null, null, null, "On reflection.", null)));
	}

	@Test
	void someoneElsesReviewIsForbiddenOrNotFoundAsTheRulesDecide() {
		given(commands.edit(any(), any(), any())).willThrow(new NotReviewAuthor(ID, "edit"));
		willThrow(new ReviewNotFound(ID)).given(commands).delete(any(), any());

		Http.Response edit = as("bob", "USER").patch("/api/reviews/" + ID, "{\"body\":\"mine now\"}");
		Http.Response delete = as("bob", "USER").delete("/api/reviews/" + ID);

		assertThat(edit.status()).isEqualTo(403);
		assertThat(edit.json().get("title").asString()).isEqualTo("Forbidden");
		assertThat(edit.json().get("detail").asString()).isEqualTo("Only the author of a review may edit it.");
		assertThat(delete.status()).isEqualTo(404);
		assertThat(delete.json().get("detail").asString()).isEqualTo("There is no review " + ID + ".");
	}

	@ParameterizedTest
	@EnumSource(value = ReviewStatus.class, names = { "DELETED", "REMOVED", "HIDDEN" })
	void anEditTheReviewsStateForbidsIsAConflictSayingWhy(ReviewStatus status) {
		given(commands.edit(any(), any(), any())).willThrow(new ReviewNotEditable(ID, status));

		Http.Response response = as("alice", "USER").patch("/api/reviews/" + ID, "{\"body\":\"new\"}");

		assertThat(response.status()).isEqualTo(409);
		assertThat(response.json().get("title").asString()).isEqualTo("Conflict");
		assertThat(response.json().get("detail").asString()).isEqualTo(switch (status) {
			case REMOVED -> "A moderator removed this review; it cannot be edited. You may appeal the decision.";
			case HIDDEN ->
				"This review is hidden while moderators look at reports about it; it cannot be edited until then.";
			default -> "This review was deleted.";
		});
	}

	@Test
	void anEditWithFieldsOfTheOtherTypeIsRefusedNamingThem() {
		given(commands.edit(any(), any(), any())).willThrow(new InvalidReviewFields(ReviewType.USER,
				List.of(new InvalidReviewFields.Field("verdict", "is only for critic reviews")), true));

		Http.Response response = as("alice", "USER").patch("/api/reviews/" + ID, "{\"verdict\":\"FRESH\"}");

		assertThat(response.status()).isEqualTo(400);
		assertThat(response.json().get("detail").asString())
			.isEqualTo("The edit has 1 invalid field(s) for a USER review.");
		assertThat(response.json().at("/errors/0/field").asString()).isEqualTo("verdict");
		assertThat(response.json().at("/errors/0/message").asString()).isEqualTo("is only for critic reviews");
	}

	@Test
	void aReviewIsServedWithEveryFieldToThoseWhoMaySeeItAndNotFoundToOthers() {
		given(queries.findVisible(eq(ID), any())).willReturn(Optional.of(view(ReviewStatus.PUBLISHED)));
		UUID hidden = UUID.randomUUID();
		given(queries.findVisible(eq(hidden), any())).willReturn(Optional.empty());

		Http.Response visible = anonymous.get("/api/reviews/" + ID);
		Http.Response invisible = as("bob", "USER").get("/api/reviews/" + hidden);

		assertThat(visible.status()).isEqualTo(200);
		assertThat(visible.json().propertyNames()).containsExactly("reviewId", "titleId", "authorId", "type",
				"revision", "rating", "verdict", "publication", "topCritic", "headline", "body", "containsSpoilers",
				"status", "helpfulVotes", "totalVotes", "createdAt", "editedAt");
		assertThat(visible.json().get("helpfulVotes").asLong()).isEqualTo(3);
		assertThat(invisible.status()).isEqualTo(404);
		assertThat(invisible.json().get("detail").asString()).isEqualTo("There is no review " + hidden + ".");
		verify(queries).findVisible(ID, null);
	}

	@Test
	void aTitlesReviewsAreListedInTheOrderAskedAndAtMostAPageOfTheLimit() {
		acceptEverything();

		Http.Response response = anonymous.get("/api/titles/heat-1995/reviews?type=CRITIC&sort=rating&page=2&size=500");

		assertThat(response.status()).isEqualTo(200);
		assertThat(response.json().get("totalItems").asLong()).isEqualTo(1);
		verify(queries).list("heat-1995", ReviewType.CRITIC, ReviewOrder.RATING, 2, 100);
	}

	/** One's own reviews in every state, of one title if asked, at most a page of the limit; a bad title id is refused. */
	@Test
	void theCallersOwnReviewsAreListedWhateverTheirStatus() {
		acceptEverything();

		Http.Response response = as("alice", "USER").get("/api/me/reviews?titleId=heat-1995&page=1&size=500");

		assertThat(response.status()).isEqualTo(200);
		assertThat(response.json().at("/items/0/status").asString()).isEqualTo("HIDDEN");
		verify(queries).mine("alice", "heat-1995", 1, 100);
		assertThat(as("alice", "USER").get("/api/me/reviews?titleId=Not%20A%20Title").status()).isEqualTo(400);
	}

	@Test
	void anUnknownSortIsRefusedNamingTheChoices() {
		Http.Response response = anonymous.get("/api/titles/heat-1995/reviews?sort=best");

		assertThat(response.status()).isEqualTo(400);
		assertThat(response.json().get("detail").asString())
			.isEqualTo("sort must be one of helpful, newest, rating; was 'best'.");
		assertThat(response.json().at("/errors/0/field").asString()).isEqualTo("sort");
		verifyNoInteractions(queries);
	}

	static final List<String> CALLERS = List.of("anonymous", "user", "critic", "moderator", "admin");

	/**
	 * Who reaches the review feature at all: a token for every write, a user's or critic's role to submit; reading
	 * is for anyone. The feature is replaced by one that accepts everything.
	 */
	@Test
	void everyEndpointLetsThroughOnlyTheCallersItPromises() {
		acceptEverything();
		AuthorizationMatrix.assertAsPromised(CALLERS, List.<Row<Http>>of(
				new Row<>("POST /api/titles/{id}/reviews",
						http -> http.post("/api/titles/heat-1995/reviews", http == critic ? CRITIC_REVIEW : USER_REVIEW),
						401, 202, 202, 403, 403),
				new Row<>("PATCH /api/reviews/{id}", http -> http.patch("/api/reviews/" + ID, "{\"body\":\"b\"}"), 401,
						202, 202, 202, 202),
				new Row<>("DELETE /api/reviews/{id}", http -> http.delete("/api/reviews/" + ID), 401, 204, 204, 204,
						204),
				new Row<>("GET /api/reviews/{id}", http -> http.get("/api/reviews/" + ID), 200, 200, 200, 200, 200),
				new Row<>("GET /api/titles/{id}/reviews", http -> http.get("/api/titles/heat-1995/reviews"), 200, 200,
						200, 200, 200),
				new Row<>("GET /api/me/reviews", http -> http.get("/api/me/reviews"), 401, 200, 200, 200, 200)),
				caller -> switch (caller) {
					case "anonymous" -> anonymous;
					case "user" -> as("alice", "USER");
					case "critic" -> critic;
					case "moderator" -> as("mod", "MODERATOR");
					default -> as("admin", "ADMIN");
				});
		verify(commands, never()).submit(anyString(), eq(new Author("mod", java.util.Set.of("MODERATOR"), false)),
				any());
	}

	Http critic;

	@BeforeEach
	void critic() {
		critic = Http.over(mvc).as(TOKENS.mint("roger", "CRITIC"));
	}

	@Test
	void forgedStaleAndMalformedTokensAreRefused() {
		acceptEverything();
		JwtAttacks.assertRefused(token -> anonymous.as(token).post("/api/titles/heat-1995/reviews", USER_REVIEW), 202,
				"alice-jwt", "USER");
	}

	/**
	 * Hundreds of generated malformed requests (seeded, so every run sends the same ones) at every review endpoint
	 * that takes input: each gets a 4xx problem document, and none reaches the feature, so nothing is stored or
	 * published.
	 */
	@Test
	void malformedRequestsGetProblemsAndNeverReachTheFeature() {
		MalformedRequests generator = new MalformedRequests(20261123L, WRONG);
		List<MalformedRequests.Attempt> attempts = new ArrayList<>();
		for (int i = 0; i < 60; i++) {
			attempts.add(generator.attempt("POST", "/api/titles/heat-1995/reviews", USER_REVIEW));
			attempts.add(generator.attempt("PATCH", "/api/reviews/" + ID, """
					{"rating":6,"headline":"Edited"}"""));
			attempts.add(new MalformedRequests.Attempt("GET", "/api/reviews/" + generator.pick("not-a-uuid", "123",
					"%20", "7d7e3d1c-6b1f-4c1e-9a55", "zzzzzzzz-zzzz-zzzz-zzzz-zzzzzzzzzzzz"), null, new byte[0],
					"bad review id"));
			attempts.add(new MalformedRequests.Attempt("GET", "/api/titles/heat-1995/reviews?" + generator.pick(
					"page=-1", "size=0", "page=abc", "type=FAN", "sort=best", "size=1e9", "page=99999999999"), null,
					new byte[0], "bad list query"));
		}

		MalformedRequests.assertAllRefused(attempts, attempt -> as("fuzzer", "USER"));

		verifyNoInteractions(commands, queries);
	}

	/** Values that are wrong for each field whatever the endpoint (null is left out: an edit may send it). */
	static final Map<String, String[]> WRONG = Map.of(
			"rating", new String[] { "\"eleven\"", "\"7\"", "-1", "11", "0", "1e400", "2147483648", "[]", "{}", "true",
					"3.5" },
			"headline", new String[] { "\"\"", "\"" + "h".repeat(201) + "\"", "\"bell\\u0007\"", "\"nul\\u0000\"",
					"42", "[]", "{}", "true", "\"\\u202Egnp.exe\"", "\"in\\u200Bvisible\"" },
			"body", new String[] { "\"\"", "\"" + "b".repeat(10_001) + "\"", "\"esc\\u001b[31m\"", "7", "[\"x\"]" },
			"containsSpoilers", new String[] { "\"yes\"", "1", "[]" });
}
