import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * A quick load of review-intake on the local stack (./reviewflow up): POST review and PUT rating, each by a different
 * user on one fresh title, with a fixed number of requests in flight. Prints requests/s and latency percentiles.
 *
 *   java bench/IntakeLoad.java [requests per scenario, default 3000] [concurrency, default 32] [base URL]
 */
public class IntakeLoad {

	static final String SECRET = "reviewflow-local-development-secret-0123456789";

	public static void main(String[] args) throws Exception {
		int requests = args.length > 0 ? Integer.parseInt(args[0]) : 3000;
		int concurrency = args.length > 1 ? Integer.parseInt(args[1]) : 32;
		String base = args.length > 2 ? args[2] : "http://localhost:8081";
		HttpClient http = HttpClient.newBuilder().executor(Executors.newVirtualThreadPerTaskExecutor()).build();
		String run = UUID.randomUUID().toString().substring(0, 8);
		String titleId = "bench-" + run;
		send(http, "PUT", base + "/api/titles/" + titleId, token("bench-admin", "ADMIN"),
				"{\"name\":\"Benchmark\",\"year\":2026,\"kind\":\"MOVIE\"}");

		// warm-up on another title, not measured
		String warmTitle = titleId + "-warm";
		send(http, "PUT", base + "/api/titles/" + warmTitle, token("bench-admin", "ADMIN"),
				"{\"name\":\"Warm-up\",\"year\":2026,\"kind\":\"MOVIE\"}");
		load(http, Math.min(500, requests), concurrency, i -> request(base + "/api/titles/" + warmTitle + "/reviews", "POST",
				token("warm-" + run + "-" + i, "USER"), review(i)));

		report("POST /api/titles/{id}/reviews", load(http, requests, concurrency,
				i -> request(base + "/api/titles/" + titleId + "/reviews", "POST", token("u-" + run + "-" + i, "USER"),
						review(i))));
		report("PUT /api/titles/{id}/rating", load(http, requests, concurrency,
				i -> request(base + "/api/titles/" + titleId + "/rating", "PUT", token("r-" + run + "-" + i, "USER"),
						"{\"rating\":" + (1 + i % 10) + "}")));
	}

	record Result(int requests, int failures, long nanos, List<Long> latencies) {
	}

	interface RequestFactory {
		HttpRequest create(int i) throws Exception;
	}

	static Result load(HttpClient http, int requests, int concurrency, RequestFactory factory) throws Exception {
		List<Long> latencies = Collections.synchronizedList(new ArrayList<>());
		AtomicInteger failures = new AtomicInteger();
		Semaphore inFlight = new Semaphore(concurrency);
		long start = System.nanoTime();
		try (var executor = Executors.newVirtualThreadPerTaskExecutor()) {
			for (int i = 0; i < requests; i++) {
				HttpRequest request = factory.create(i);
				inFlight.acquire();
				executor.submit(() -> {
					long t0 = System.nanoTime();
					try {
						HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
						if (response.statusCode() >= 300) {
							failures.incrementAndGet();
						}
					}
					catch (Exception ex) {
						failures.incrementAndGet();
					}
					finally {
						latencies.add(System.nanoTime() - t0);
						inFlight.release();
					}
				});
			}
		}
		return new Result(requests, failures.get(), System.nanoTime() - start, latencies);
	}

	static void report(String name, Result result) {
		List<Long> sorted = new ArrayList<>(result.latencies());
		Collections.sort(sorted);
		double seconds = result.nanos() / 1e9;
		System.out.printf("%-32s %6d requests, %d failed, %7.1f req/s, p50 %6.1f ms, p99 %6.1f ms, max %6.1f ms%n",
				name, result.requests(), result.failures(), result.requests() / seconds, percentile(sorted, 0.50),
				percentile(sorted, 0.99), sorted.getLast() / 1e6);
	}

	static double percentile(List<Long> sorted, double p) {
		return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(p * sorted.size()) - 1)) / 1e6;
	}

	static String review(int i) {
		return "{\"rating\":" + (1 + i % 10) + ",\"headline\":\"Benchmark " + i
				+ "\",\"body\":\"A review written by the load generator.\",\"containsSpoilers\":false}";
	}

	static HttpRequest request(String url, String method, String token, String json) {
		return HttpRequest.newBuilder(URI.create(url))
			.method(method, HttpRequest.BodyPublishers.ofString(json))
			.header("Content-Type", "application/json")
			.header("Authorization", "Bearer " + token)
			.timeout(Duration.ofSeconds(30))
			.build();
	}

	static void send(HttpClient http, String method, String url, String token, String json) throws Exception {
		HttpResponse<String> response = http.send(request(url, method, token, json), HttpResponse.BodyHandlers.ofString());
		if (response.statusCode() >= 300) {
			throw new IllegalStateException(method + " " + url + ": " + response.statusCode() + " " + response.body());
		}
	}

	/** An HS256 development token as local mode expects it (issuer, audience, expiry), signed with the local secret. */
	static String token(String subject, String role) throws Exception {
		Base64.Encoder base64 = Base64.getUrlEncoder().withoutPadding();
		long now = System.currentTimeMillis() / 1000;
		String header = base64.encodeToString("{\"alg\":\"HS256\"}".getBytes(StandardCharsets.UTF_8));
		String payload = base64.encodeToString(("{\"iss\":\"reviewflow-local\",\"aud\":\"reviewflow\",\"sub\":\"" + subject
				+ "\",\"roles\":[\"" + role + "\"],\"iat\":" + now
				+ ",\"exp\":" + (now + 3600) + "}").getBytes(StandardCharsets.UTF_8));
		Mac mac = Mac.getInstance("HmacSHA256");
		mac.init(new SecretKeySpec(SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
		String signature = base64.encodeToString(mac.doFinal((header + "." + payload).getBytes(StandardCharsets.UTF_8)));
		return header + "." + payload + "." + signature;
	}
}
