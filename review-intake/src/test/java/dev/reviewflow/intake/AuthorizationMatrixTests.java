package dev.reviewflow.intake;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import dev.reviewflow.testsupport.AuthorizationMatrix;
import dev.reviewflow.testsupport.AuthorizationMatrix.Row;
import dev.reviewflow.testsupport.Http;
import dev.reviewflow.testsupport.JwtAttacks;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every review-intake endpoint × every kind of caller → the status the architecture promises: 401 without a token,
 * 403 for a role that may not act, 404 for what the caller may not see, success otherwise.
 */
class AuthorizationMatrixTests extends IntakeIntegrationTest {

	static final List<String> CALLERS = List.of("anonymous", "author", "other user", "critic", "moderator", "admin");

	/** What one call acts on: a title with a published and a pending review by "author", who rated the title. */
	record Fixture(String titleId, UUID published, UUID pending, Http caller, String role) {

		String reviewBody() {
			return role.equals("CRITIC") ? """
					{"verdict":"FRESH","publication":"Gazette","headline":"h","body":"b"}"""
					: """
					{"rating":7,"headline":"h","body":"b"}""";
		}
	}

	Fixture fixture(String caller) {
		String titleId = "matrix-" + UUID.randomUUID().toString().substring(0, 8);
		title(titleId);
		UUID published = submit(titleId, "author", "Published one.");
		jdbc.sql("update review set status = 'PUBLISHED' where review_id = ?").param(published).update();
		String pendingTitle = titleId + "-p";
		title(pendingTitle);
		UUID pending = submit(pendingTitle, "author", "Pending one.");
		Map<String, Http> callers = new LinkedHashMap<>();
		callers.put("anonymous", anonymous());
		callers.put("author", as("author", "USER"));
		callers.put("other user", as("other", "USER"));
		callers.put("critic", as("critic", "CRITIC"));
		callers.put("moderator", as("mod", "MODERATOR"));
		callers.put("admin", as("admin", "ADMIN"));
		String role = switch (caller) {
			case "critic" -> "CRITIC";
			case "moderator" -> "MODERATOR";
			case "admin" -> "ADMIN";
			default -> "USER";
		};
		return new Fixture(titleId, published, pending, callers.get(caller), role);
	}

	static final List<Row<Fixture>> MATRIX = List.of(
			new Row<>("PUT /api/titles/{id}", f -> f.caller().put("/api/titles/" + f.titleId(), """
					{"name":"Renamed","year":2012,"kind":"MOVIE"}"""), 401, 403, 403, 403, 403, 200),
			new Row<>("GET /api/titles/{id}", f -> f.caller().get("/api/titles/" + f.titleId()), 200, 200, 200, 200, 200,
					200),
			new Row<>("GET /api/titles", f -> f.caller().get("/api/titles?size=5"), 200, 200, 200, 200, 200, 200),
			new Row<>("POST /api/titles/{unknown}/reviews",
					f -> f.caller().post("/api/titles/" + f.titleId() + "-p2/reviews", f.reviewBody()), 401, 404, 404,
					404, 403, 403),
			new Row<>("POST /api/titles/{id}/reviews (second by author)",
					f -> f.caller().post("/api/titles/" + f.titleId() + "/reviews", f.reviewBody()), 401, 409, 202,
					202, 403, 403),
			new Row<>("GET /api/reviews/{published}", f -> f.caller().get("/api/reviews/" + f.published()), 200, 200,
					200, 200, 200, 200),
			new Row<>("GET /api/reviews/{pending}", f -> f.caller().get("/api/reviews/" + f.pending()), 404, 200, 404,
					404, 200, 200),
			new Row<>("PATCH /api/reviews/{published}",
					f -> f.caller().patch("/api/reviews/" + f.published(), "{\"body\":\"changed\"}"), 401, 202, 403,
					403, 403, 403),
			new Row<>("PATCH /api/reviews/{pending}",
					f -> f.caller().patch("/api/reviews/" + f.pending(), "{\"body\":\"changed\"}"), 401, 202, 404, 404,
					403, 403),
			new Row<>("DELETE /api/reviews/{published}", f -> f.caller().delete("/api/reviews/" + f.published()), 401,
					204, 403, 403, 403, 403),
			new Row<>("GET /api/titles/{id}/reviews", f -> f.caller().get("/api/titles/" + f.titleId() + "/reviews"),
					200, 200, 200, 200, 200, 200),
			new Row<>("PUT /api/titles/{id}/rating",
					f -> f.caller().put("/api/titles/" + f.titleId() + "/rating", "{\"rating\":5}"), 401, 202, 202,
					403, 403, 403),
			new Row<>("GET /api/titles/{id}/rating", f -> f.caller().get("/api/titles/" + f.titleId() + "/rating"), 401,
					200, 404, 403, 403, 403),
			new Row<>("DELETE /api/titles/{id}/rating (carried by a review)",
					f -> f.caller().delete("/api/titles/" + f.titleId() + "/rating"), 401, 409, 202, 403, 403, 403));

	@Test
	void everyEndpointAnswersEveryKindOfCallerAsPromised() {
		AuthorizationMatrix.assertAsPromised(CALLERS, MATRIX, this::fixture);
	}

	@Test
	void forgedStaleAndMalformedTokensAreRefused() {
		title("jwt-attacks-2024");
		JwtAttacks.assertRefused(token -> Http.on(port).as(token).put("/api/titles/jwt-attacks-2024", """
				{"name":"Won't Back Down","year":2012,"kind":"MOVIE"}"""), 200, "admin-jwt", "ADMIN");
	}

	/** Anyone may ask whether the service is alive and ready; what it is made of and its metrics are for admins. */
	@Test
	void healthDetailsAndMetricsAreForAdmins() {
		Http.Response anonymousHealth = anonymous().get("/actuator/health");
		assertThat(anonymousHealth.status()).isEqualTo(200);
		assertThat(anonymousHealth.json().get("status").asString()).isEqualTo("UP");
		assertThat(anonymousHealth.json().has("components")).as(anonymousHealth.toString()).isFalse();
		assertThat(anonymous().get("/actuator/health/liveness").status()).isEqualTo(200);
		assertThat(as("someone", "USER").get("/actuator/health").json().has("components")).isFalse();
		Http.Response adminHealth = as("operator", "ADMIN").get("/actuator/health");
		assertThat(adminHealth.json().at("/components/db/status").asString()).as(adminHealth.toString())
			.isEqualTo("UP");

		Http.Response anonymousMetrics = anonymous().raw("GET", "/actuator/prometheus", null, new byte[0]);
		assertThat(anonymousMetrics.status()).isEqualTo(401);
		assertThat(anonymousMetrics.isProblem()).isTrue();
		assertThat(as("someone", "USER").raw("GET", "/actuator/prometheus", null, new byte[0]).status())
			.isEqualTo(403);
		Http.Response adminMetrics = as("operator", "ADMIN").raw("GET", "/actuator/prometheus", null, new byte[0]);
		assertThat(adminMetrics.status()).isEqualTo(200);
		assertThat(adminMetrics.body()).contains("jvm_memory_used_bytes");
	}
}
