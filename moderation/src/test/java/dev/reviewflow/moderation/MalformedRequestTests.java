package dev.reviewflow.moderation;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import dev.reviewflow.testsupport.Http;
import dev.reviewflow.testsupport.MalformedRequests;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.verifyNoInteractions;

/**
 * Hundreds of generated malformed requests (seeded) at every moderation endpoint that takes input: each gets a 4xx
 * problem document, none a 5xx, and none reaches a feature's services (so nothing is stored, published or audited).
 * A web slice: the requests never needed the broker or the database to be refused.
 */
class MalformedRequestTests extends ModerationWebSlice {

	static final int PER_ENDPOINT = 50;

	static final String LONG_TEXT = "\"" + "x".repeat(2001) + "\"";

	/** Wrong values per field; "reason" is an enum for reports and a text for decisions, both refuse these. */
	static final Map<String, String[]> WRONG = Map.ofEntries(
			Map.entry("helpful", new String[] { "\"yes\"", "1", "null", "[]", "{}", "\"true\"" }),
			Map.entry("reason", new String[] { "\"\"", "null", "7", "[]", "{}", "\"bell\\u0007\"", LONG_TEXT }),
			Map.entry("note", new String[] { "\"" + "n".repeat(501) + "\"", "\"esc\\u001b[31m\"", "5", "[]", "{}" }),
			Map.entry("statement", new String[] { "\"\"", "\"   \"", LONG_TEXT, "5", "null", "\"nul\\u0000\"" }),
			Map.entry("action", new String[] { "\"keep\"", "\"MAYBE\"", "0", "null", "[]" }),
			Map.entry("reportThreshold", new String[] { "0", "-1", "\"3\"", "1001", "[]", "null" }),
			Map.entry("autoHide", new String[] { "\"yes\"", "1", "null" }),
			Map.entry("maxLinks", new String[] { "-1", "101", "2.5", "\"2\"" }),
			Map.entry("bannedTerms", new String[] { "[\"\"]", "\"spam\"", "null", "[\" \"]", "{}" }),
			Map.entry("claimTimeoutMinutes", new String[] { "0", "1441", "null", "1e3" }),
			Map.entry("appealWindowDays", new String[] { "0", "366", "\"20\"" }));

	/** What the generator varies: how a body is broken, and what is wrong in a path or query. */
	static final List<String> KINDS = List.of("truncated JSON", "random bytes", "wrong content type", "empty body",
			"array instead of object", "deeply nested", "invalid UTF-8", "mutated field", "bad case id",
			"bad queue query", "bad audit query", "bad page");

	final MalformedRequests generator = new MalformedRequests(20261124L, WRONG);

	@Test
	void malformedRequestsGetProblemsAndReachNoService() {
		UUID published = UUID.randomUUID();
		UUID removed = UUID.randomUUID();
		UUID caseId = UUID.randomUUID();
		List<MalformedRequests.Attempt> attempts = new ArrayList<>();
		for (int i = 0; i < PER_ENDPOINT; i++) {
			attempts.add(generator.attempt("PUT", "/api/reviews/" + published + "/vote", "{\"helpful\":true}"));
			attempts.add(generator.attempt("POST", "/api/reviews/" + published + "/reports",
					"{\"reason\":\"SPAM\",\"note\":\"spam\"}"));
			attempts.add(generator.attempt("POST", "/api/reviews/" + removed + "/appeal",
					"{\"statement\":\"Please look again.\"}"));
			attempts.add(generator.attempt("POST", "/api/moderation/cases/" + caseId + "/decision",
					"{\"action\":\"KEEP\",\"reason\":\"fine\"}"));
			attempts.add(generator.attempt("PUT", "/api/moderation/policy", POLICY));
			attempts.add(new MalformedRequests.Attempt("POST", "/api/moderation/cases/" + generator.pick("nope", "1",
					"%20", "zzzzzzzz-zzzz-zzzz-zzzz-zzzzzzzzzzzz") + "/claim", null, new byte[0], "bad case id"));
			attempts.add(new MalformedRequests.Attempt("GET", "/api/moderation/cases?" + generator.pick("status=DONE",
					"kind=SPAM", "page=-1", "size=0", "page=x", "page=99999999999", "reason=" + "r".repeat(65)), null,
					new byte[0], "bad queue query"));
			attempts.add(new MalformedRequests.Attempt("GET", "/api/moderation/audit?" + generator.pick("reviewId=1",
					"page=-1", "size=201", "size=abc"), null, new byte[0], "bad audit query"));
			attempts.add(new MalformedRequests.Attempt("GET", "/api/me/reports?" + generator.pick("page=-1",
					"size=0", "page=2000000"), null, new byte[0], "bad page"));
		}

		Http voter = as("fuzzer", "USER");
		Http author = as("author-fuzz", "USER");
		Http moderator = as("mod-fuzz", "MODERATOR");
		Http admin = as("admin-fuzz", "ADMIN");
		MalformedRequests.assertAllRefused(attempts, attempt -> {
			if (attempt.path().contains("/appeal")) {
				return author;
			}
			if (attempt.path().contains("/policy")) {
				return admin;
			}
			return attempt.path().startsWith("/api/moderation/") ? moderator : voter;
		});

		verifyNoInteractions(votes, reporting, reports, queue, claims, decisions, appeals, authorStanding, reviews,
				audit, policies);
		// the seed covers every way of breaking a request, not only some
		assertThat(attempts.stream().map(MalformedRequests.Attempt::description).distinct())
			.containsExactlyInAnyOrderElementsOf(KINDS);
	}
}
