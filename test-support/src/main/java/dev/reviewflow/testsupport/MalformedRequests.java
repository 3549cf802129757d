package dev.reviewflow.testsupport;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Function;
import java.util.regex.Matcher;

import org.assertj.core.api.SoftAssertions;
import org.jspecify.annotations.Nullable;

/**
 * Generates requests a careless or hostile client could send, from a seed so every run sends the same ones: bodies
 * truncated, random, of the wrong content type, empty, wrapped in an array, nested thousands deep, invalid UTF-8, or
 * valid but for one field set to a value that is wrong for it.
 */
public final class MalformedRequests {

	private final Random random;

	/** Values that are wrong for each field, by field name. */
	private final Map<String, String[]> wrong;

	public MalformedRequests(long seed, Map<String, String[]> wrongValuesByField) {
		this.random = new Random(seed);
		this.wrong = Map.copyOf(wrongValuesByField);
	}

	/** One request a client could send. */
	public record Attempt(String method, String path, @Nullable String contentType, byte[] body, String description) {
	}

	/** A malformed variant of a valid JSON request. */
	public Attempt attempt(String method, String path, String validBody) {
		return switch (random.nextInt(9)) {
			case 0 -> new Attempt(method, path, "application/json",
					bytes(validBody.substring(0, random.nextInt(validBody.length()))), "truncated JSON");
			case 1 -> new Attempt(method, path, "application/json", randomBytes(), "random bytes");
			case 2 -> new Attempt(method, path, "text/plain", bytes(validBody), "wrong content type");
			case 3 -> new Attempt(method, path, "application/json", new byte[0], "empty body");
			case 4 -> new Attempt(method, path, "application/json", bytes("[" + validBody + "]"),
					"array instead of object");
			case 5 -> new Attempt(method, path, "application/json",
					bytes("{\"a\":".repeat(2000) + "1" + "}".repeat(2000)), "deeply nested");
			case 6 -> new Attempt(method, path, "application/json",
					new byte[] { '{', '"', 'b', 'o', 'd', 'y', '"', ':', '"', (byte) 0xC3, (byte) 0x28, '"', '}' },
					"invalid UTF-8");
			default -> new Attempt(method, path, "application/json", bytes(mutate(validBody)), "mutated field");
		};
	}

	/** Sends every attempt with the client chosen for it; each must get a 4xx problem document. */
	public static void assertAllRefused(List<Attempt> attempts, Function<Attempt, Http> clientFor) {
		SoftAssertions softly = new SoftAssertions();
		for (Attempt attempt : attempts) {
			Http.Response response = clientFor.apply(attempt)
				.raw(attempt.method(), attempt.path(), attempt.contentType(), attempt.body());
			softly.assertThat(response.status())
				.as("%s %s (%s): %s", attempt.method(), attempt.path(), attempt.description(), response.body())
				.isBetween(400, 499);
			softly.assertThat(response.isProblem())
				.as("%s %s (%s) answers problem+json", attempt.method(), attempt.path(), attempt.description())
				.isTrue();
		}
		softly.assertAll();
	}

	/** One of the values, at random. */
	@SafeVarargs
	public final <T> T pick(T... values) {
		return values[random.nextInt(values.length)];
	}

	/** The valid body with one of its fields (the first occurrence of a known field name) set to a wrong value. */
	public String mutate(String valid) {
		List<String> present = wrong.keySet().stream().filter(field -> valid.contains("\"" + field + "\"")).sorted()
			.toList();
		if (present.isEmpty()) {
			throw new IllegalArgumentException("No field of " + valid + " has wrong values to try");
		}
		String field = present.get(random.nextInt(present.size()));
		String[] values = wrong.get(field);
		String value = values[random.nextInt(values.length)];
		return valid.replaceFirst("\"" + field + "\":(\"[^\"]*\"|\\[[^\\]]*\\]|[^,}]*)",
				Matcher.quoteReplacement("\"" + field + "\":" + value));
	}

	private byte[] randomBytes() {
		byte[] bytes = new byte[1 + random.nextInt(200)];
		random.nextBytes(bytes);
		return bytes;
	}

	public static byte[] bytes(String text) {
		return text.getBytes(StandardCharsets.UTF_8);
	}
}
