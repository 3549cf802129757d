package dev.reviewflow.intake;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import dev.reviewflow.testsupport.Http;
import dev.reviewflow.testsupport.MalformedRequests;
import org.junit.jupiter.api.Test;

/**
 * Hundreds of generated malformed requests (seeded, so every run sends the same ones) at every endpoint that takes
 * input: each gets a 4xx problem document, none a 5xx, and nothing is stored or published.
 */
class MalformedRequestTests extends IntakeIntegrationTest {

	static final long SEED = 20261123L;

	static final int PER_ENDPOINT = 60;

	final MalformedRequests generator = new MalformedRequests(SEED, WRONG);

	@Test
	void malformedRequestsGetProblemsAndChangeNothing() {
		String titleId = "fuzz-" + UUID.randomUUID().toString().substring(0, 8);
		title(titleId);
		UUID reviewId = submit(titleId, "fuzzer", "Target of edits.");
		long reviews = count("select count(*) from review");
		long ratings = count("select count(*) from rating");
		long titles = count("select count(*) from title");
		long outbox = count("select count(*) from event_publication");
		String review = jdbc.sql("select headline || body || revision from review where review_id = ?")
			.param(reviewId)
			.query(String.class)
			.single();

		List<MalformedRequests.Attempt> attempts = new ArrayList<>();
		for (int i = 0; i < PER_ENDPOINT; i++) {
			attempts.add(generator.attempt("POST", "/api/titles/" + titleId + "/reviews", reviewBody()));
			attempts.add(generator.attempt("PATCH", "/api/reviews/" + reviewId, editBody()));
			attempts.add(generator.attempt("PUT", "/api/titles/" + titleId + "/rating", ratingBody()));
			attempts.add(generator.attempt("PUT", "/api/titles/" + titleId, titleBody()));
			attempts.add(new MalformedRequests.Attempt("PUT", "/api/titles/" + badTitleId(), "application/json",
					MalformedRequests.bytes("{\"name\":\"x\",\"year\":2000,\"kind\":\"MOVIE\"}"), "bad title id"));
			attempts.add(new MalformedRequests.Attempt("GET", "/api/reviews/" + badPathSegment(), null, new byte[0], "bad review id"));
			attempts.add(new MalformedRequests.Attempt("GET", "/api/titles/" + titleId + "/reviews?" + badQuery(), null, new byte[0],
					"bad list query"));
		}

		Http fuzzer = as("fuzzer", "USER");
		Http admin = as("admin", "ADMIN");
		MalformedRequests.assertAllRefused(attempts,
				attempt -> attempt.path().matches("/api/titles/[^/]*$") ? admin : fuzzer);

		assertUnchanged("reviews", reviews, count("select count(*) from review"));
		assertUnchanged("ratings", ratings, count("select count(*) from rating"));
		assertUnchanged("titles", titles, count("select count(*) from title"));
		assertUnchanged("outbox publications", outbox, count("select count(*) from event_publication"));
		assertUnchanged("the edited review", review, jdbc
			.sql("select headline || body || revision from review where review_id = ?")
			.param(reviewId)
			.query(String.class)
			.single());
		org.assertj.core.api.Assertions.assertThat(attempts).hasSizeGreaterThanOrEqualTo(400);
	}

	private static void assertUnchanged(String what, Object before, Object after) {
		org.assertj.core.api.Assertions.assertThat(after).as(what + " unchanged").isEqualTo(before);
	}

	/** Values that are wrong for each field whatever the endpoint (null is left out: an edit may send it). */
	static final java.util.Map<String, String[]> WRONG = java.util.Map.of(
			"rating", new String[] { "\"eleven\"", "\"7\"", "-1", "11", "0", "1e400", "2147483648", "[]", "{}", "true",
					"3.5" },
			"headline", new String[] { "\"\"", "\"" + "h".repeat(201) + "\"", "\"bell\\u0007\"", "\"nul\\u0000\"",
					"42", "[]", "{}", "true" },
			"body", new String[] { "\"\"", "\"" + "b".repeat(10_001) + "\"", "\"esc\\u001b[31m\"", "7", "[\"x\"]" },
			"year", new String[] { "\"x\"", "1800", "99999", "[]", "3.5", "\"2012\"" },
			"kind", new String[] { "\"FILM\"", "1", "[]", "{}" },
			"name", new String[] { "\"\"", "\"   \"", "5", "{}" },
			"containsSpoilers", new String[] { "\"yes\"", "1", "[]" });

	private String reviewBody() {
		return "{\"rating\":7,\"headline\":\"Fine\",\"body\":\"Fine film.\",\"containsSpoilers\":false}";
	}

	private String editBody() {
		return "{\"rating\":6,\"headline\":\"Edited\"}";
	}

	private String ratingBody() {
		return "{\"rating\":5}";
	}

	private String titleBody() {
		return "{\"name\":\"Name\",\"year\":2012,\"kind\":\"MOVIE\"}";
	}

	private String badTitleId() {
		return generator.pick("UPPER", "-leading-dash", "has_underscore", "x".repeat(65), "sp%20ace", "%C3%A9t%C3%A9",
				"dots.in.it");
	}

	private String badPathSegment() {
		// (an encoded NUL, %00, is refused by Tomcat itself with a bare 400 before the application sees it)
		return generator.pick("not-a-uuid", "123", "%20", "7d7e3d1c-6b1f-4c1e-9a55", "zzzzzzzz-zzzz-zzzz-zzzz-zzzzzzzzzzzz");
	}

	private String badQuery() {
		return generator.pick("page=-1", "size=0", "page=abc", "type=FAN", "sort=best", "size=1e9", "page=99999999999");
	}
}
