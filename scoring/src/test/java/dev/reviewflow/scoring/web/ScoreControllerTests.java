package dev.reviewflow.scoring.web;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import dev.reviewflow.devtokens.DevelopmentTokens;
import dev.reviewflow.events.ReviewScoreChanged;
import dev.reviewflow.events.TitleScoreChanged;
import dev.reviewflow.platform.Page;
import dev.reviewflow.scoring.query.ClusterScores;
import dev.reviewflow.scoring.query.GlobalRating;
import dev.reviewflow.scoring.query.QueryProperties;
import dev.reviewflow.scoring.query.ScoreQueries;
import dev.reviewflow.scoring.query.ScoresUnavailable;
import dev.reviewflow.testsupport.AuthorizationMatrix;
import dev.reviewflow.testsupport.AuthorizationMatrix.Row;
import dev.reviewflow.testsupport.Http;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyInt;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;

/**
 * The scores' HTTP shape in a web slice: the platform's token checks and problem documents, the controller and its
 * problem mapping, with the {@code query} module ({@link ScoreQueries}, {@link ClusterScores}) replaced at the
 * feature boundary. No broker, no stores.
 */
@WebMvcTest(controllers = ScoreController.class, properties = DevelopmentTokens.SERVICE_PROPERTY)
@EnableConfigurationProperties(QueryProperties.class)
class ScoreControllerTests {

	static final DevelopmentTokens TOKENS = DevelopmentTokens.local();

	static final String FORWARDED = ClusterScores.FORWARDED;

	static final Instant T0 = Instant.parse("2026-11-23T12:00:00Z");

	static final UUID REVIEW = UUID.fromString("7d7e3d1c-6b1f-4c1e-9a55-0f3f1b2c4d5e");

	@Autowired
	MockMvc mvc;

	@MockitoBean
	ScoreQueries local;

	@MockitoBean
	ClusterScores cluster;

	Http anonymous;

	@BeforeEach
	void client() {
		anonymous = Http.over(mvc);
	}

	static TitleScoreChanged score(String titleId) {
		List<Long> histogram = List.of(0L, 0L, 0L, 0L, 1L, 0L, 0L, 1L, 0L, 0L);
		return new TitleScoreChanged(titleId, new TitleScoreChanged.UserRating(6.5, 2, 5.0297, histogram),
				new TitleScoreChanged.AudienceScore(50, 2),
				new TitleScoreChanged.CriticScore(60, 3, 2, 5, new TitleScoreChanged.CriticTally(null, 1, 0, 1)),
				new TitleScoreChanged.ReviewCounts(4, 5), T0, 7);
	}

	@Test
	void aTitlesScoreHasTheDocumentedShape() {
		given(cluster.titleScore("heat-1995")).willReturn(Optional.of(score("heat-1995")));

		Http.Response response = anonymous.get("/api/titles/heat-1995/score");

		assertThat(response.status()).as(response.toString()).isEqualTo(200);
		var json = response.json();
		assertThat(json.get("titleId").asString()).isEqualTo("heat-1995");
		assertThat(json.get("userRating").get("average").asDouble()).isEqualTo(6.5);
		assertThat(json.get("userRating").get("weighted").asDouble()).isEqualTo(5.0297);
		assertThat(json.get("userRating").get("histogram").size()).isEqualTo(10);
		assertThat(json.get("audienceScore").get("percent").asInt()).isEqualTo(50);
		assertThat(json.get("criticScore").get("percent").asInt()).isEqualTo(60);
		assertThat(json.get("criticScore").get("topCritics").get("percent").isNull()).isTrue();
		assertThat(json.get("reviewCounts").get("critic").asLong()).isEqualTo(5);
		assertThat(json.get("updatedAt").asString()).isEqualTo("2026-11-23T12:00:00Z");
		assertThat(json.get("version").asLong()).isEqualTo(7);
	}

	@Test
	void aTitleWithoutScoreIsANotFoundProblemNamingIt() {
		given(cluster.titleScore("never-rated")).willReturn(Optional.empty());

		Http.Response response = anonymous.get("/api/titles/never-rated/score");

		assertThat(response.status()).isEqualTo(404);
		assertThat(response.isProblem()).isTrue();
		assertThat(response.json().get("detail").asString()).contains("'never-rated'");
	}

	@Test
	void aForwardedQueryIsAnsweredFromThisInstancesOwnStores() {
		given(local.titleScore("heat-1995")).willReturn(Optional.of(score("heat-1995")));
		given(local.reviewScore(REVIEW)).willReturn(new ReviewScoreChanged(REVIEW, 2, 1, 3, 0.2077, T0, 3));
		given(local.titleScore("ronin-1998")).willReturn(Optional.empty());

		Http forwarded = anonymous.with(FORWARDED, "true");
		assertThat(forwarded.get("/api/titles/heat-1995/score").status()).isEqualTo(200);
		assertThat(forwarded.get("/api/reviews/" + REVIEW + "/score").json().get("helpful").asLong()).isEqualTo(2);
		assertThat(forwarded.get("/api/titles/ronin-1998/score").status()).as("the owner's own 404").isEqualTo(404);
		verifyNoInteractions(cluster);
	}

	@Test
	void anOwnerThatDoesNotAnswerIsA503WithRetryAfter() {
		given(cluster.titleScore("heat-1995")).willThrow(ScoresUnavailable.ownerSilent());
		given(cluster.titleScores(anyInt(), anyInt())).willThrow(ScoresUnavailable.ownerSilent());
		given(cluster.reviewScore(REVIEW)).willThrow(ScoresUnavailable.ownerSilent());

		for (String path : List.of("/api/titles/heat-1995/score", "/api/titles/scores",
				"/api/reviews/" + REVIEW + "/score")) {
			Http.Response response = anonymous.get(path);
			assertThat(response.status()).as(path).isEqualTo(503);
			assertThat(response.isProblem()).as(path).isTrue();
			assertThat(response.header("Retry-After")).as(path).isEqualTo("2");
			assertThat(response.json().get("detail").asString()).as(path).contains("did not answer");
		}
	}

	@Test
	void storesThatAreRestoringAreA503WithRetryAfter() {
		given(local.globalRating()).willThrow(ScoresUnavailable.restoring());

		Http.Response response = anonymous.get("/api/ratings/global");

		assertThat(response.status()).isEqualTo(503);
		assertThat(response.isProblem()).isTrue();
		assertThat(response.header("Retry-After")).isEqualTo("2");
		assertThat(response.json().get("detail").asString()).contains("restored or rebalanced");
	}

	@Test
	void aReviewsScoreHasTheDocumentedShape() {
		given(cluster.reviewScore(REVIEW)).willReturn(new ReviewScoreChanged(REVIEW, 46, 11, 57, 0.6866, T0, 57));

		var json = anonymous.get("/api/reviews/" + REVIEW + "/score").json();

		assertThat(json.get("reviewId").asString()).isEqualTo(REVIEW.toString());
		assertThat(json.get("helpful").asLong()).isEqualTo(46);
		assertThat(json.get("notHelpful").asLong()).isEqualTo(11);
		assertThat(json.get("total").asLong()).isEqualTo(57);
		assertThat(json.get("wilsonLowerBound").asDouble()).isEqualTo(0.6866);
		assertThat(json.get("version").asLong()).isEqualTo(57);
	}

	@Test
	void aReviewIdThatIsNoUuidIsABadRequestProblem() {
		Http.Response response = anonymous.get("/api/reviews/not-a-uuid/score");

		assertThat(response.status()).isEqualTo(400);
		assertThat(response.isProblem()).isTrue();
		assertThat(response.json().get("detail").asString()).contains("not-a-uuid", "reviewId");
		verifyNoInteractions(cluster, local);
	}

	@Test
	void theGlobalRatingIsTheMeanAndCountAndNoMeanBeforeTheFirstRating() {
		given(local.globalRating()).willReturn(new GlobalRating(5.25, 8), new GlobalRating(null, 0));

		var json = anonymous.get("/api/ratings/global").json();
		assertThat(json.get("mean").asDouble()).isEqualTo(5.25);
		assertThat(json.get("count").asLong()).isEqualTo(8);
		var before = anonymous.get("/api/ratings/global").json();
		assertThat(before.get("mean").isNull()).isTrue();
		assertThat(before.get("count").asLong()).isZero();
	}

	@Test
	void pagesOfTitleScoresDefaultToTheFirstTwentyAndPassTheirItemsOn() {
		given(cluster.titleScores(0, 20)).willReturn(new Page<>(List.of(score("alpha"), score("bravo")), 0, 20, 2));

		Http.Response response = anonymous.get("/api/titles/scores");

		assertThat(response.status()).as(response.toString()).isEqualTo(200);
		assertThat(response.json().get("items").findValuesAsString("titleId")).containsExactly("alpha", "bravo");
		assertThat(response.json().get("page").asInt()).isZero();
		assertThat(response.json().get("size").asInt()).isEqualTo(20);
		assertThat(response.json().get("totalItems").asLong()).isEqualTo(2);
	}

	@Test
	void aPageLargerThanTheLimitIsCutToTheLimit() {
		given(cluster.titleScores(anyInt(), anyInt())).willReturn(new Page<>(List.of(), 3, 100, 0));

		assertThat(anonymous.get("/api/titles/scores?page=3&size=5000").status()).isEqualTo(200);
		verify(cluster).titleScores(3, 100);
	}

	@Test
	void aForwardedPageIsAnsweredWithThisInstancesTitlesUpToTheEndOfThePage() {
		given(cluster.localTitleScores(2, 5)).willReturn(new Page<>(List.of(score("alpha")), 2, 5, 1));

		Http.Response response = anonymous.with(FORWARDED, "true").get("/api/titles/scores?page=2&size=5");

		assertThat(response.json().get("items").findValuesAsString("titleId")).containsExactly("alpha");
		verify(cluster).localTitleScores(2, 5);
	}

	/** Pages reach the first 10,000 titles: with the limit of 100 per page, page 99 is the last. */
	@ParameterizedTest(name = "{0}")
	@CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
			page=-1                | Invalid request parameter(s): page must be greater than or equal to 0
			size=0                 | Invalid request parameter(s): size must be greater than or equal to 1
			size=-5                | Invalid request parameter(s): size must be greater than or equal to 1
			page=abc               | 'abc' is not a valid value for page.
			size=ten               | 'ten' is not a valid value for size.
			page=1000001           | Invalid request parameter(s): page must be less than or equal to 1000000
			page=100&size=100      | Pages reach the first 10000 titles; page 100 of size 100 lies beyond them.
			page=9999&size=2       | Pages reach the first 10000 titles; page 9999 of size 2 lies beyond them.
			page=2147483647&size=1 | Invalid request parameter(s): page must be less than or equal to 1000000
			""")
	void aBadPageOrSizeIsAProblemNamingIt(String query, String detail) {
		Http.Response response = anonymous.get("/api/titles/scores?" + query);

		assertThat(response.status()).as(response.toString()).isEqualTo(400);
		assertThat(response.isProblem()).isTrue();
		assertThat(response.json().get("detail").asString()).isEqualTo(detail);
		verifyNoInteractions(cluster);
	}

	@Test
	void theDeepestPageIsServed() {
		given(cluster.titleScores(anyInt(), anyInt())).willReturn(new Page<>(List.of(), 99, 100, 0));

		assertThat(anonymous.get("/api/titles/scores?page=99&size=100").status()).isEqualTo(200);
		assertThat(anonymous.get("/api/titles/scores?page=4999&size=2").status()).isEqualTo(200);
		verify(cluster).titleScores(99, 100);
		verify(cluster).titleScores(4999, 2);
	}

	/** Scores are public: anyone may read them, with or without a token; a forged token is refused all the same. */
	@Test
	void everyReadIsPublicAndAForgedTokenIsRefused() {
		given(cluster.titleScore(any())).willReturn(Optional.empty());
		given(cluster.reviewScore(any())).willReturn(new ReviewScoreChanged(REVIEW, 0, 0, 0, 0, Instant.EPOCH, 0));
		given(cluster.titleScores(anyInt(), anyInt())).willReturn(new Page<>(List.of(), 0, 20, 0));
		given(local.globalRating()).willReturn(new GlobalRating(null, 0));
		Map<String, Http> callers = Map.of("anonymous", anonymous, "user", anonymous.as(TOKENS.mint("u", "USER")),
				"admin", anonymous.as(TOKENS.mint("operator", "ADMIN")), "forged",
				anonymous.as(TOKENS.mint("operator", "ADMIN") + "x"));
		AuthorizationMatrix.assertAsPromised(List.of("anonymous", "user", "admin", "forged"), List.<Row<Http>>of(
				new Row<>("GET /api/titles/{unknown}/score", http -> http.get("/api/titles/unknown/score"), 404, 404,
						404, 401),
				new Row<>("GET /api/reviews/{unvoted}/score", http -> http.get("/api/reviews/" + REVIEW + "/score"),
						200, 200, 200, 401),
				new Row<>("GET /api/titles/scores", http -> http.get("/api/titles/scores"), 200, 200, 200, 401),
				new Row<>("GET /api/ratings/global", http -> http.get("/api/ratings/global"), 200, 200, 200, 401)),
				callers::get);
	}

	@Test
	void writesAreNotPartOfTheApi() {
		Http.Response put = anonymous.as(TOKENS.mint("operator", "ADMIN")).put("/api/titles/heat-1995/score", "{}");

		assertThat(put.status()).isEqualTo(405);
		assertThat(put.isProblem()).isTrue();
		assertThat(put.header("Allow")).contains("GET");
		verifyNoInteractions(cluster, local);
	}
}
