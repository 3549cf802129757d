package dev.reviewflow.intake.rating.web;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import dev.reviewflow.devtokens.DevelopmentTokens;
import dev.reviewflow.intake.policy.WriteLimitReached;
import dev.reviewflow.intake.policy.WriteLimits.Write;
import dev.reviewflow.intake.rating.Rating;
import dev.reviewflow.intake.rating.RatingCarriedByReview;
import dev.reviewflow.intake.rating.RatingCommands;
import dev.reviewflow.intake.rating.RatingQueries;
import dev.reviewflow.intake.title.TitleNotFound;
import dev.reviewflow.testsupport.AuthorizationMatrix;
import dev.reviewflow.testsupport.AuthorizationMatrix.Row;
import dev.reviewflow.testsupport.Http;
import dev.reviewflow.testsupport.MalformedRequests;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.anyInt;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.BDDMockito.given;
import static org.mockito.BDDMockito.willThrow;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;

/**
 * A user's own rating over HTTP, in a web slice: the platform's token checks and problem documents, the controller,
 * the feature's problem mapping, and the rating feature's commands and queries replaced at its boundary.
 */
@WebMvcTest(controllers = RatingController.class, properties = DevelopmentTokens.SERVICE_PROPERTY)
class RatingControllerTests {

	static final DevelopmentTokens TOKENS = DevelopmentTokens.local();

	static final Rating NINE = new Rating("heat-1995", 9, Instant.parse("2026-11-01T10:00:00Z"));

	@Autowired
	MockMvc mvc;

	@MockitoBean
	RatingCommands commands;

	@MockitoBean
	RatingQueries queries;

	Http anonymous;

	Http rater;

	@BeforeEach
	void clients() {
		anonymous = Http.over(mvc);
		rater = as("rater", "USER");
	}

	Http as(String subject, String... roles) {
		return Http.over(mvc).as(TOKENS.mint(subject, roles));
	}

	@Test
	void aRatingIsAcceptedAndAnsweredWithTheRatingNowStanding() {
		given(commands.rate("heat-1995", "rater", 9)).willReturn(NINE);

		Http.Response response = rater.put("/api/titles/heat-1995/rating", "{\"rating\":9}");

		assertThat(response.status()).isEqualTo(202);
		assertThat(response.json().get("titleId").asString()).isEqualTo("heat-1995");
		assertThat(response.json().get("rating").asInt()).isEqualTo(9);
		assertThat(response.json().get("updatedAt").asString()).isEqualTo("2026-11-01T10:00:00Z");
	}

	@Test
	void aRatingOutsideOneToTenIsRefusedNamingTheField() {
		Http.Response zero = rater.put("/api/titles/heat-1995/rating", "{\"rating\":0}");
		Http.Response missing = rater.put("/api/titles/heat-1995/rating", "{}");

		assertThat(List.of(zero.status(), missing.status())).containsExactly(400, 400);
		assertThat(zero.json().at("/errors/0/field").asString()).isEqualTo("rating");
		assertThat(missing.json().at("/errors/0/field").asString()).isEqualTo("rating");
		verifyNoInteractions(commands);
	}

	@Test
	void aRatingOfAnUnknownTitleIsNotFound() {
		given(commands.rate("no-such-title", "rater", 4)).willThrow(new TitleNotFound("no-such-title"));

		Http.Response response = rater.put("/api/titles/no-such-title/rating", "{\"rating\":4}");

		assertThat(response.status()).isEqualTo(404);
		assertThat(response.json().get("detail").asString()).isEqualTo("There is no title 'no-such-title'.");
	}

	@Test
	void withdrawingARatingAReviewCarriesIsAConflictSayingWhatToDo() {
		willThrow(new RatingCarriedByReview("heat-1995", "rater")).given(commands).unrate("heat-1995", "rater");

		Http.Response response = rater.delete("/api/titles/heat-1995/rating");

		assertThat(response.status()).isEqualTo(409);
		assertThat(response.isProblem()).isTrue();
		assertThat(response.json().get("title").asString()).isEqualTo("Conflict");
		assertThat(response.json().get("detail").asString()).isEqualTo(
				"Your review of this title carries this rating: change the review's rating, or delete the review first.");
	}

	@Test
	void aWithdrawalIsAccepted() {
		Http.Response response = rater.delete("/api/titles/heat-1995/rating");

		assertThat(response.status()).isEqualTo(202);
		verify(commands).unrate("heat-1995", "rater");
	}

	@Test
	void aRatingChangeBeyondTheLimitIs429WithRetryAfter() {
		given(commands.rate(anyString(), anyString(), anyInt())).willThrow(new WriteLimitReached(Write.RATING,
				"You may do this 20 time(s) per hour; try again in 12 s.", 12));

		Http.Response response = rater.put("/api/titles/heat-1995/rating", "{\"rating\":3}");

		assertThat(response.status()).isEqualTo(429);
		assertThat(response.header("Retry-After")).isEqualTo("12");
		assertThat(response.json().get("retryAfterSeconds").asLong()).isEqualTo(12);
		assertThat(response.json().get("detail").asString()).contains("20 time(s) per hour");
	}

	@Test
	void theCallersOwnRatingIsServedOrNotFound() {
		given(queries.find("heat-1995", "rater")).willReturn(Optional.of(NINE));
		given(queries.find("heat-1995", "other")).willReturn(Optional.empty());

		Http.Response own = rater.get("/api/titles/heat-1995/rating");
		Http.Response none = as("other", "USER").get("/api/titles/heat-1995/rating");

		assertThat(own.status()).isEqualTo(200);
		assertThat(own.json().get("rating").asInt()).isEqualTo(9);
		assertThat(none.status()).isEqualTo(404);
		assertThat(none.json().get("detail").asString()).isEqualTo("You have not rated 'heat-1995'.");
	}

	/** Ratings are a user's own: no token → 401, any other role → 403, and the feature is never reached. */
	@Test
	void onlyUsersReachTheirRating() {
		given(commands.rate(anyString(), anyString(), anyInt())).willReturn(NINE);
		given(queries.find(anyString(), anyString())).willReturn(Optional.of(NINE));
		AuthorizationMatrix.assertAsPromised(List.of("anonymous", "user", "critic", "moderator", "admin"),
				List.<Row<Http>>of(
						new Row<>("PUT /api/titles/{id}/rating",
								http -> http.put("/api/titles/heat-1995/rating", "{\"rating\":5}"), 401, 202, 403, 403,
								403),
						new Row<>("GET /api/titles/{id}/rating", http -> http.get("/api/titles/heat-1995/rating"), 401,
								200, 403, 403, 403),
						new Row<>("DELETE /api/titles/{id}/rating", http -> http.delete("/api/titles/heat-1995/rating"),
								401, 202, 403, 403, 403)),
				caller -> switch (caller) {
					case "anonymous" -> anonymous;
					case "user" -> rater;
					case "critic" -> as("roger", "CRITIC");
					case "moderator" -> as("mod", "MODERATOR");
					default -> as("admin", "ADMIN");
				});
		verify(commands).rate("heat-1995", "rater", 5);
		verify(commands).unrate("heat-1995", "rater");
		verify(queries).find("heat-1995", "rater");
	}

	@Test
	void malformedRatingsGetProblemsAndNeverReachTheFeature() {
		MalformedRequests generator = new MalformedRequests(20261124L, Map.of("rating", new String[] { "\"eleven\"",
				"\"7\"", "-1", "11", "0", "1e400", "2147483648", "[]", "{}", "true", "3.5", "null" }));
		List<MalformedRequests.Attempt> attempts = new ArrayList<>();
		for (int i = 0; i < 80; i++) {
			attempts.add(generator.attempt("PUT", "/api/titles/heat-1995/rating", "{\"rating\":5}"));
		}

		MalformedRequests.assertAllRefused(attempts, attempt -> rater);

		verifyNoInteractions(commands);
	}
}
