package dev.reviewflow.intake;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import java.util.function.Supplier;

import dev.reviewflow.testsupport.Http;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Test;

/**
 * Hundreds of generated malformed requests (seeded, so every run sends the same ones) at every endpoint that takes
 * input: each gets a 4xx problem document, none a 5xx, and nothing is stored or published.
 */
class MalformedRequestTests extends IntakeIntegrationTest {

	static final long SEED = 20261123L;

	static final int PER_ENDPOINT = 60;

	final Random random = new Random(SEED);

	/** One request a client could send. */
	record Attempt(String method, String path, String contentType, byte[] body, String description) {
	}

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

		List<Attempt> attempts = new ArrayList<>();
		for (int i = 0; i < PER_ENDPOINT; i++) {
			attempts.add(attempt("POST", "/api/titles/" + titleId + "/reviews", this::reviewBody));
			attempts.add(attempt("PATCH", "/api/reviews/" + reviewId, this::editBody));
			attempts.add(attempt("PUT", "/api/titles/" + titleId + "/rating", this::ratingBody));
			attempts.add(attempt("PUT", "/api/titles/" + titleId, this::titleBody));
			attempts.add(new Attempt("PUT", "/api/titles/" + badTitleId(), "application/json",
					bytes("{\"name\":\"x\",\"year\":2000,\"kind\":\"MOVIE\"}"), "bad title id"));
			attempts.add(new Attempt("GET", "/api/reviews/" + badPathSegment(), null, new byte[0], "bad review id"));
			attempts.add(new Attempt("GET", "/api/titles/" + titleId + "/reviews?" + badQuery(), null, new byte[0],
					"bad list query"));
		}

		SoftAssertions softly = new SoftAssertions();
		Http fuzzer = as("fuzzer", "USER");
		Http admin = as("admin", "ADMIN");
		for (Attempt attempt : attempts) {
			Http client = attempt.path().matches("/api/titles/[^/]*$") ? admin : fuzzer;
			Http.Response response = client.raw(attempt.method(), attempt.path(), attempt.contentType(),
					attempt.body());
			softly.assertThat(response.status())
				.as("%s %s (%s): %s", attempt.method(), attempt.path(), attempt.description(), response.body())
				.isBetween(400, 499);
			softly.assertThat(response.isProblem())
				.as("%s %s (%s) answers problem+json", attempt.method(), attempt.path(), attempt.description())
				.isTrue();
		}
		softly.assertAll();

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

	private Attempt attempt(String method, String path, Supplier<String> validBody) {
		String valid = validBody.get();
		return switch (random.nextInt(9)) {
			case 0 -> new Attempt(method, path, "application/json", bytes(valid.substring(0, random.nextInt(valid.length()))),
					"truncated JSON");
			case 1 -> new Attempt(method, path, "application/json", randomBytes(), "random bytes");
			case 2 -> new Attempt(method, path, "text/plain", bytes(valid), "wrong content type");
			case 3 -> new Attempt(method, path, "application/json", new byte[0], "empty body");
			case 4 -> new Attempt(method, path, "application/json", bytes("[" + valid + "]"), "array instead of object");
			case 5 -> new Attempt(method, path, "application/json", bytes("{\"a\":".repeat(2000) + "1" + "}".repeat(2000)),
					"deeply nested");
			case 6 -> new Attempt(method, path, "application/json",
					new byte[] { '{', '"', 'b', 'o', 'd', 'y', '"', ':', '"', (byte) 0xC3, (byte) 0x28, '"', '}' },
					"invalid UTF-8");
			default -> new Attempt(method, path, "application/json", bytes(mutate(valid)), "mutated field");
		};
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

	private String mutate(String valid) {
		List<String> present = WRONG.keySet().stream().filter(field -> valid.contains("\"" + field + "\"")).sorted()
			.toList();
		String field = present.get(random.nextInt(present.size()));
		String[] values = WRONG.get(field);
		String value = values[random.nextInt(values.length)];
		return valid.replaceFirst("\"" + field + "\":(\"[^\"]*\"|[^,}]*)",
				java.util.regex.Matcher.quoteReplacement("\"" + field + "\":" + value));
	}

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
		String[] ids = { "UPPER", "-leading-dash", "has_underscore", "x".repeat(65), "sp%20ace", "%C3%A9t%C3%A9",
				"dots.in.it" };
		return ids[random.nextInt(ids.length)];
	}

	private String badPathSegment() {
		// (an encoded NUL, %00, is refused by Tomcat itself with a bare 400 before the application sees it)
		String[] ids = { "not-a-uuid", "123", "%20", "7d7e3d1c-6b1f-4c1e-9a55", "zzzzzzzz-zzzz-zzzz-zzzz-zzzzzzzzzzzz" };
		return ids[random.nextInt(ids.length)];
	}

	private String badQuery() {
		String[] queries = { "page=-1", "size=0", "page=abc", "type=FAN", "sort=best", "size=1e9", "page=99999999999" };
		return queries[random.nextInt(queries.length)];
	}

	private byte[] randomBytes() {
		byte[] bytes = new byte[1 + random.nextInt(200)];
		random.nextBytes(bytes);
		return bytes;
	}

	private static byte[] bytes(String text) {
		return text.getBytes(StandardCharsets.UTF_8);
	}
}
