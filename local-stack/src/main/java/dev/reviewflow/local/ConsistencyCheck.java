package dev.reviewflow.local;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code ./reviewflow check}: recomputes every derived figure from its source of truth and lists each divergence.
 * <ul>
 * <li>helpfulness: moderation's votes against review-intake's and scoring's "X of Y found this helpful";</li>
 * <li>ratings: review-intake's ratings against scoring's count, average and histogram of each title;</li>
 * <li>decisions: moderation's status of each review against review-intake's;</li>
 * <li>C: all ratings against scoring's global mean, and each title's weighted rating against the formula.</li>
 * </ul>
 * The services apply events asynchronously, so the check repeats until it finds nothing or {@code settle} has
 * passed, and then reports what it still finds.
 */
public final class ConsistencyCheck {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final String jdbcUrl;

	private final String user;

	private final String password;

	private final URI scoring;

	private final int minVotes;

	/** Titles asked for per page of scoring's {@code GET /api/titles/scores} (its default largest page). */
	private static final int TITLES_PER_PAGE = 100;

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	/** How long a figure scoring answers 503 for is asked again before the check gives up. */
	private static final Duration UNAVAILABLE_WAIT = Duration.ofSeconds(60);

	public ConsistencyCheck(String jdbcUrl, String user, String password, URI scoring, int minVotes) {
		this.jdbcUrl = jdbcUrl;
		this.user = user;
		this.password = password;
		this.scoring = scoring;
		this.minVotes = minVotes;
	}

	/** What one check compared, and what it found different. */
	public record Result(int reviews, int titles, List<String> divergences) {

		public boolean consistent() {
			return divergences.isEmpty();
		}
	}

	/** Checks until nothing diverges or {@code settle} has passed; the last result. */
	public Result run(Duration settle) throws Exception {
		long deadline = System.nanoTime() + settle.toNanos();
		Result result = once();
		while (!result.consistent() && System.nanoTime() < deadline) {
			Thread.sleep(500);
			result = once();
		}
		return result;
	}

	/** One comparison of every figure. */
	public Result once() throws Exception {
		List<String> divergences = new ArrayList<>();
		try (Connection db = DriverManager.getConnection(jdbcUrl, user, password);
				Statement sql = db.createStatement()) {
			int reviews = helpfulness(sql, divergences);
			statuses(sql, divergences);
			int titles = ratings(sql, divergences);
			return new Result(reviews, titles, divergences);
		}
	}

	private int helpfulness(Statement sql, List<String> divergences) throws Exception {
		Map<String, long[]> votes = new HashMap<>();
		try (ResultSet rs = sql.executeQuery("""
				select review_id, count(*) filter (where helpful), count(*) from moderation.vote
				where helpful is not null group by review_id""")) {
			while (rs.next()) {
				votes.put(rs.getString(1), new long[] { rs.getLong(2), rs.getLong(3) });
			}
		}
		Map<String, long[]> intake = new HashMap<>();
		try (ResultSet rs = sql.executeQuery("select review_id, helpful_votes, total_votes from intake.review")) {
			while (rs.next()) {
				intake.put(rs.getString(1), new long[] { rs.getLong(2), rs.getLong(3) });
			}
		}
		for (Map.Entry<String, long[]> review : intake.entrySet()) {
			long[] expected = votes.getOrDefault(review.getKey(), new long[] { 0, 0 });
			long[] shown = review.getValue();
			if (expected[0] != shown[0] || expected[1] != shown[1]) {
				divergences.add("review " + review.getKey() + ": votes say " + expected[0] + " of " + expected[1]
						+ ", review-intake shows " + shown[0] + " of " + shown[1]);
			}
			if (expected[1] > 0) {
				JsonNode score = get("/api/reviews/" + review.getKey() + "/score");
				if (score.get("helpful").asLong() != expected[0] || score.get("total").asLong() != expected[1]) {
					divergences.add("review " + review.getKey() + ": votes say " + expected[0] + " of " + expected[1]
							+ ", scoring shows " + score.get("helpful").asLong() + " of "
							+ score.get("total").asLong());
				}
			}
		}
		return intake.size();
	}

	private void statuses(Statement sql, List<String> divergences) throws SQLException {
		try (ResultSet rs = sql.executeQuery("""
				select i.review_id, i.status, i.revision, m.status, m.revision
				from intake.review i left join moderation.review m on m.review_id = i.review_id
				where i.status <> 'DELETED' and (m.status is distinct from i.status or m.revision <> i.revision)""")) {
			while (rs.next()) {
				divergences.add("review " + rs.getString(1) + ": moderation says " + rs.getString(4) + " (revision "
						+ rs.getString(5) + "), review-intake shows " + rs.getString(2) + " (revision "
						+ rs.getInt(3) + ")");
			}
		}
	}

	private int ratings(Statement sql, List<String> divergences) throws Exception {
		Map<String, long[]> histograms = new TreeMap<>();
		long allCount = 0;
		long allSum = 0;
		try (ResultSet rs = sql.executeQuery("""
				select title_id, rating, count(*) from intake.rating where rating is not null
				group by title_id, rating""")) {
			while (rs.next()) {
				long[] histogram = histograms.computeIfAbsent(rs.getString(1), id -> new long[10]);
				histogram[rs.getInt(2) - 1] = rs.getLong(3);
				allCount += rs.getLong(3);
				allSum += rs.getLong(3) * rs.getInt(2);
			}
		}
		Double c = allCount == 0 ? null : (double) allSum / allCount;
		JsonNode global = get("/api/ratings/global");
		if (global.get("count").asLong() != allCount || !close(c, number(global.get("mean")), 1e-9)) {
			divergences.add("C: ratings say mean " + c + " of " + allCount + ", scoring shows " + global.get("mean")
					+ " of " + global.get("count"));
		}
		Map<String, JsonNode> scores = new HashMap<>();
		// page by page (the pages are in the order of the title ids), until a page comes back short
		for (int page = 0;; page++) {
			JsonNode answer = get("/api/titles/scores?page=" + page + "&size=" + TITLES_PER_PAGE);
			answer.get("items").forEach(score -> scores.put(score.get("titleId").asString(), score));
			if (answer.get("items").size() < answer.get("size").asInt()) {
				break;
			}
		}
		for (Map.Entry<String, long[]> title : histograms.entrySet()) {
			compareTitle(title.getKey(), title.getValue(), scores.get(title.getKey()), c, divergences);
		}
		for (Map.Entry<String, JsonNode> score : scores.entrySet()) {
			if (!histograms.containsKey(score.getKey()) && score.getValue().get("userRating").get("count").asLong() != 0) {
				divergences.add("title " + score.getKey() + ": no ratings, scoring counts "
						+ score.getValue().get("userRating").get("count").asLong());
			}
		}
		return histograms.size();
	}

	private void compareTitle(String titleId, long[] histogram, JsonNode score, Double c, List<String> divergences) {
		long count = 0;
		long sum = 0;
		for (int i = 0; i < 10; i++) {
			count += histogram[i];
			sum += histogram[i] * (i + 1);
		}
		if (score == null) {
			divergences.add("title " + titleId + ": " + count + " ratings, no score in scoring");
			return;
		}
		JsonNode rating = score.get("userRating");
		List<Long> shown = new ArrayList<>();
		rating.get("histogram").forEach(bucket -> shown.add(bucket.asLong()));
		List<Long> expected = java.util.Arrays.stream(histogram).boxed().toList();
		double average = BigDecimal.valueOf(sum).divide(BigDecimal.valueOf(count), 4, RoundingMode.HALF_UP)
			.doubleValue();
		if (rating.get("count").asLong() != count || !shown.equals(expected)
				|| !close(average, number(rating.get("average")), 1e-9)) {
			divergences.add("title " + titleId + ": ratings say " + count + " with average " + average + " and "
					+ expected + ", scoring shows " + rating.get("count") + " with average " + rating.get("average")
					+ " and " + shown);
		}
		double weighted = BigDecimal.valueOf((count * average + minVotes * (c == null ? average : c)) / (count + minVotes))
			.setScale(4, RoundingMode.HALF_UP)
			.doubleValue();
		if (!close(weighted, number(rating.get("weighted")), 0.00011)) {
			divergences.add("title " + titleId + ": weighted by C = " + c + " is " + weighted + ", scoring shows "
					+ rating.get("weighted"));
		}
	}

	private static Double number(JsonNode node) {
		return node == null || node.isNull() ? null : node.asDouble();
	}

	private static boolean close(Double expected, Double actual, double tolerance) {
		if (expected == null || actual == null) {
			return Objects.equals(expected, actual);
		}
		return Math.abs(expected - actual) <= tolerance;
	}

	/**
	 * A figure from scoring. A 503 (an instance restoring its stores, or another instance that keeps the key not
	 * answering yet, as after a restart in the cluster) is asked again after its {@code Retry-After}, for up to
	 * {@link #UNAVAILABLE_WAIT}.
	 */
	private JsonNode get(String path) throws Exception {
		long deadline = System.nanoTime() + UNAVAILABLE_WAIT.toNanos();
		HttpResponse<String> response = send(path);
		while (response.statusCode() == 503 && System.nanoTime() < deadline) {
			Thread.sleep(1000 * response.headers().firstValueAsLong("Retry-After").orElse(1));
			response = send(path);
		}
		if (response.statusCode() != 200) {
			throw new IllegalStateException("scoring answered " + response.statusCode() + " to " + path + ": "
					+ response.body());
		}
		return JSON.readTree(response.body());
	}

	private HttpResponse<String> send(String path) throws Exception {
		return http.send(HttpRequest.newBuilder(scoring.resolve(path)).timeout(Duration.ofSeconds(10)).GET().build(),
				HttpResponse.BodyHandlers.ofString());
	}
}
