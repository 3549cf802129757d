import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Executors;

/**
 * A quick load of moderation's helpfulness votes on the local stack (./reviewflow up): reviews are posted through
 * review-intake and awaited until moderation published them, then each vote comes from another user (so no rate
 * limit applies), spread over the reviews, a fixed number in flight. Prints votes/s and latency percentiles.
 * Uses IntakeLoad's helpers (the source launcher of JDK 22+ compiles both).
 *
 *   java bench/VoteLoad.java [votes, default 3000] [concurrency, default 32] [intake URL] [moderation URL]
 */
public class VoteLoad {

	static final int REVIEWS = 50;

	public static void main(String[] args) throws Exception {
		int votes = args.length > 0 ? Integer.parseInt(args[0]) : 3000;
		int concurrency = args.length > 1 ? Integer.parseInt(args[1]) : 32;
		String intake = args.length > 2 ? args[2] : "http://localhost:8081";
		String moderation = args.length > 3 ? args[3] : "http://localhost:8082";
		HttpClient http = HttpClient.newBuilder().executor(Executors.newVirtualThreadPerTaskExecutor()).build();
		String run = UUID.randomUUID().toString().substring(0, 8);
		String titleId = "bench-votes-" + run;
		IntakeLoad.send(http, "PUT", intake + "/api/titles/" + titleId, IntakeLoad.token("bench-admin", "ADMIN"),
				"{\"name\":\"Vote benchmark\",\"year\":2026,\"kind\":\"MOVIE\"}");
		List<String> reviews = new ArrayList<>();
		for (int i = 0; i < REVIEWS; i++) {
			HttpResponse<String> posted = http.send(IntakeLoad.request(intake + "/api/titles/" + titleId + "/reviews",
					"POST", IntakeLoad.token("a-" + run + "-" + i, "USER"), IntakeLoad.review(i)),
					HttpResponse.BodyHandlers.ofString());
			reviews.add(posted.body().replaceAll(".*\"reviewId\":\"([^\"]+)\".*", "$1"));
		}
		for (String reviewId : reviews) {
			awaitPublished(http, intake + "/api/reviews/" + reviewId);
		}
		System.out.println(REVIEWS + " reviews published; voting");
		IntakeLoad.load(http, Math.min(500, votes), concurrency, i -> vote(moderation, reviews, "w-" + run + "-" + i, i));
		IntakeLoad.report("PUT /api/reviews/{id}/vote", IntakeLoad.load(http, votes, concurrency,
				i -> vote(moderation, reviews, "v-" + run + "-" + i, i)));
	}

	static HttpRequest vote(String moderation, List<String> reviews, String voter, int i) throws Exception {
		return IntakeLoad.request(moderation + "/api/reviews/" + reviews.get(i % reviews.size()) + "/vote", "PUT",
				IntakeLoad.token(voter, "USER"), "{\"helpful\":" + (i % 3 != 0) + "}");
	}

	static void awaitPublished(HttpClient http, String url) throws Exception {
		long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
		while (System.nanoTime() < deadline) {
			HttpResponse<String> review = http.send(HttpRequest.newBuilder(URI.create(url)).build(),
					HttpResponse.BodyHandlers.ofString());
			if (review.statusCode() == 200 && review.body().contains("\"status\":\"PUBLISHED\"")) {
				return;
			}
			Thread.sleep(100);
		}
		throw new IllegalStateException(url + " was not published within 60 s");
	}
}
