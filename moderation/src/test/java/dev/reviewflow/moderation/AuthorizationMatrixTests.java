package dev.reviewflow.moderation;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;

import dev.reviewflow.events.CloudEvent;
import dev.reviewflow.events.ReviewSubmitted;
import dev.reviewflow.testsupport.AuthorizationMatrix;
import dev.reviewflow.testsupport.AuthorizationMatrix.Row;
import dev.reviewflow.testsupport.Http;
import dev.reviewflow.testsupport.JwtAttacks;
import org.junit.jupiter.api.Test;

/**
 * Every moderation endpoint × every kind of caller → the status the architecture promises: 401 without a token, 403
 * for a role that may not act (or an author acting on their own review), 404 for what the caller may not see,
 * success otherwise.
 */
class AuthorizationMatrixTests extends ModerationIntegrationTest {

	static final List<String> CALLERS = List.of("anonymous", "author", "other user", "critic", "moderator", "admin");

	/**
	 * What one call acts on: a published and a rejected review by the fixture's author, and a held review (by someone
	 * else) with its open case.
	 */
	record Fixture(UUID published, UUID rejected, UUID held, UUID heldCase, Http caller) {
	}

	Fixture fixture(String caller) {
		String run = UUID.randomUUID().toString().substring(0, 8);
		String author = "author-" + run;
		// sent together, awaited together: one round trip through moderation per fixture
		List<CloudEvent<ReviewSubmitted>> events = List.of(submitted(author, "Published one " + run + "."),
				submitted(author, "Rejected: buy followers " + run + "."), submitted("held-" + run, "Held: casino " + run + "."));
		events.forEach(this::send);
		UUID published = events.get(0).data().reviewId();
		UUID rejected = events.get(1).data().reviewId();
		UUID held = events.get(2).data().reviewId();
		awaitStatus(published, "PUBLISHED");
		awaitStatus(rejected, "REJECTED");
		awaitStatus(held, "HELD");
		Map<String, Http> callers = new LinkedHashMap<>();
		callers.put("anonymous", Http.on(port));
		callers.put("author", as(author, "USER"));
		callers.put("other user", as("other-" + run, "USER"));
		callers.put("critic", as("critic-" + run, "CRITIC"));
		callers.put("moderator", as("mod-" + run, "MODERATOR"));
		callers.put("admin", as("admin-" + run, "ADMIN"));
		return new Fixture(published, rejected, held, openCase(held), callers.get(caller));
	}

	static final String VOTE = "{\"helpful\":true}";

	/** The policy as it was, put back unchanged by the PUT row. */
	static final AtomicReference<String> POLICY = new AtomicReference<>();

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
			new Row<>("PUT /api/moderation/policy", f -> f.caller().put("/api/moderation/policy", POLICY.get()), 401,
					403, 403, 403, 403, 200));


	@Test
	void everyEndpointAnswersEveryKindOfCallerAsPromised() {
		POLICY.set(as("admin", "ADMIN").get("/api/moderation/policy").body());
		AuthorizationMatrix.assertAsPromised(CALLERS, MATRIX, this::fixture);
	}

	@Test
	void forgedStaleAndMalformedTokensAreRefused() {
		JwtAttacks.assertRefused(token -> Http.on(port).as(token).get("/api/moderation/cases?status=OPEN"), 200,
				"mod-jwt", "MODERATOR");
	}
}
