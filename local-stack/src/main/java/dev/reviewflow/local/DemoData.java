package dev.reviewflow.local;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;

import dev.reviewflow.devtokens.DevelopmentTokens;

/**
 * Loads the demo title "Won't Back Down" (2012) with a few reviews (one of them held for moderators), through the
 * public API as its users would, the first time the stack starts.
 */
final class DemoData {

	static final String TITLE = "wont-back-down-2012";

	private record DemoReview(String author, String role, String json) {
	}

	private static final List<DemoReview> REVIEWS = List.of(
			new DemoReview("maggie-fan", "USER", """
					{"rating":8,"headline":"Two mothers, one school","body":"Viola Davis and Maggie Gyllenhaal carry it. \
					Predictable, but it moved me.","containsSpoilers":false}"""),
			new DemoReview("teacher-tom", "USER", """
					{"rating":4,"headline":"One-sided","body":"Well acted, but it paints every union teacher as a \
					villain.","containsSpoilers":false}"""),
			new DemoReview("film-buff", "USER", """
					{"rating":6,"headline":"Decent Friday-night drama","body":"Nothing new, honestly made. The ending \
					is never in doubt.","containsSpoilers":true}"""),
			new DemoReview("daily-planet", "CRITIC", """
					{"verdict":"ROTTEN","publication":"The Daily Planet","headline":"Earnest and schematic",\
					"body":"Its heart is in the right place; its argument is not."}"""),
			// a suspect term: held for moderators, so the queue has a case to claim and decide
			new DemoReview("promo-poster", "USER", """
					{"rating":10,"headline":"Must see","body":"Loved it! Use promo code WBD2012 for cheap tickets.",\
					"containsSpoilers":false}"""));

	private DemoData() {
	}

	/** Loads the demo data unless the demo title is already there; says what it did. */
	static String loadIfMissing(String intakeUrl, DevelopmentTokens tokens) throws IOException, InterruptedException {
		HttpClient http = HttpClient.newHttpClient();
		HttpResponse<String> existing = http.send(
				HttpRequest.newBuilder(URI.create(intakeUrl + "/api/titles/" + TITLE)).build(),
				HttpResponse.BodyHandlers.ofString());
		if (existing.statusCode() == 200) {
			return "demo data already loaded";
		}
		send(http, "PUT", intakeUrl + "/api/titles/" + TITLE, tokens.mint("demo-admin", "ADMIN"), """
				{"name":"Won't Back Down","year":2012,"kind":"MOVIE"}""");
		for (DemoReview review : REVIEWS) {
			send(http, "POST", intakeUrl + "/api/titles/" + TITLE + "/reviews",
					tokens.mint(review.author(), review.role()), review.json());
		}
		return "loaded demo title " + TITLE + " with " + REVIEWS.size() + " reviews";
	}

	private static void send(HttpClient http, String method, String url, String token, String json)
			throws IOException, InterruptedException {
		HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(url))
			.method(method, HttpRequest.BodyPublishers.ofString(json))
			.header("Content-Type", "application/json")
			.header("Authorization", "Bearer " + token)
			.build(), HttpResponse.BodyHandlers.ofString());
		if (response.statusCode() >= 300) {
			throw new IllegalStateException(
					method + " " + url + " answered " + response.statusCode() + ": " + response.body());
		}
	}
}
