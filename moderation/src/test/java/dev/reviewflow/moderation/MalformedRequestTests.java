package dev.reviewflow.moderation;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import dev.reviewflow.testsupport.Http;
import dev.reviewflow.testsupport.MalformedRequests;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Hundreds of generated malformed requests (seeded) at every moderation endpoint that takes input: each gets a 4xx
 * problem document, none a 5xx, and nothing is stored, published or audited.
 */
class MalformedRequestTests extends ModerationIntegrationTest {

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

	final MalformedRequests generator = new MalformedRequests(20261124L, WRONG);

	long count(String table) {
		return jdbc.sql("select count(*) from " + table).query(Long.class).single();
	}

	@Test
	void malformedRequestsGetProblemsAndChangeNothing() {
		UUID published = moderated("author-fuzz", "A target for votes and reports.", "PUBLISHED");
		UUID removed = moderated("author-fuzz", "Rejected: buy followers.", "REJECTED");
		UUID held = moderated("author-fuzz-2", "A casino on every corner.", "HELD");
		UUID caseId = openCase(held);
		String policy = as("admin-fuzz", "ADMIN").get("/api/moderation/policy").body()
			.replaceAll("\"(version|changedBy|changedAt)\":(\"[^\"]*\"|[0-9]+),", "");
		List<String> tables = List.of("vote", "report", "moderation_case", "policy", "audit_entry",
				"event_publication", "rate_limit_hit");
		Map<String, Long> before = new java.util.HashMap<>();
		tables.forEach(table -> before.put(table, count(table)));

		List<MalformedRequests.Attempt> attempts = new ArrayList<>();
		for (int i = 0; i < PER_ENDPOINT; i++) {
			attempts.add(generator.attempt("PUT", "/api/reviews/" + published + "/vote", "{\"helpful\":true}"));
			attempts.add(generator.attempt("POST", "/api/reviews/" + published + "/reports",
					"{\"reason\":\"SPAM\",\"note\":\"spam\"}"));
			attempts.add(generator.attempt("POST", "/api/reviews/" + removed + "/appeal",
					"{\"statement\":\"Please look again.\"}"));
			attempts.add(generator.attempt("POST", "/api/moderation/cases/" + caseId + "/decision",
					"{\"action\":\"KEEP\",\"reason\":\"fine\"}"));
			attempts.add(generator.attempt("PUT", "/api/moderation/policy", policy));
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

		tables.forEach(table -> assertThat(count(table)).as(table + " unchanged").isEqualTo(before.get(table)));
		assertThat(status(held)).isEqualTo("HELD");
		assertThat(attempts).hasSizeGreaterThanOrEqualTo(400);
	}
}
