package dev.reviewflow.web.titles;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import dev.reviewflow.events.Verdict;
import dev.reviewflow.web.api.ApiRefusal;
import dev.reviewflow.web.api.Page;
import dev.reviewflow.web.api.Services.Apis;
import dev.reviewflow.web.api.Viewer;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import tools.jackson.databind.JsonNode;

/**
 * The signed-in user's part of a title's page: their review with its status (posted, edited, deleted here) and their
 * rating (set or withdrawn). Every action answers with the panel as it now stands, with the service's words next to
 * the field or action it refused.
 */
@Controller
class MyReview {

	static final String PANEL = "titles/mine :: mine";

	/** What the review form sends; empty fields are left out of the request. */
	record ReviewForm(@Nullable Integer rating, @Nullable Verdict verdict, @Nullable String publication,
			@Nullable String headline, @Nullable String body, @Nullable Boolean containsSpoilers) {

		Map<String, Object> json() {
			Map<String, Object> json = new LinkedHashMap<>();
			put(json, "rating", rating);
			put(json, "verdict", verdict);
			put(json, "publication", publication == null || publication.isBlank() ? null : publication);
			put(json, "headline", headline);
			put(json, "body", body);
			json.put("containsSpoilers", Boolean.TRUE.equals(containsSpoilers));
			return json;
		}

		private static void put(Map<String, Object> json, String name, @Nullable Object value) {
			if (value != null) {
				json.put(name, value);
			}
		}
	}

	private final Apis apis;

	MyReview(Apis apis) {
		this.apis = apis;
	}

	@GetMapping(path = "/titles/{titleId}/mine", headers = "HX-Request=true")
	String panel(@PathVariable String titleId,
			@RequestHeader(name = HttpHeaders.AUTHORIZATION, required = false) @Nullable String authorization,
			Model model) {
		return render(titleId, authorization, model);
	}

	@PostMapping(path = "/titles/{titleId}/reviews", headers = "HX-Request=true")
	String submit(@PathVariable String titleId, @ModelAttribute("form") ReviewForm form,
			@RequestHeader(name = HttpHeaders.AUTHORIZATION, required = false) @Nullable String authorization,
			Model model) {
		return act(titleId, authorization, model, "Posted. It is published once moderation has screened it.",
				() -> apis.reviewIntake().send(HttpMethod.POST, authorization, form.json(),
						"/api/titles/{titleId}/reviews", titleId));
	}

	@PatchMapping(path = "/titles/{titleId}/reviews/{reviewId}", headers = "HX-Request=true")
	String edit(@PathVariable String titleId, @PathVariable UUID reviewId, @ModelAttribute("form") ReviewForm form,
			@RequestHeader(name = HttpHeaders.AUTHORIZATION, required = false) @Nullable String authorization,
			Model model) {
		return act(titleId, authorization, model, "Saved. The edit is published once moderation has screened it.",
				() -> apis.reviewIntake().send(HttpMethod.PATCH, authorization, form.json(), "/api/reviews/{reviewId}",
						reviewId));
	}

	@DeleteMapping(path = "/titles/{titleId}/reviews/{reviewId}", headers = "HX-Request=true")
	String delete(@PathVariable String titleId, @PathVariable UUID reviewId,
			@RequestHeader(name = HttpHeaders.AUTHORIZATION, required = false) @Nullable String authorization,
			Model model) {
		return act(titleId, authorization, model, "Your review is deleted.", () -> apis.reviewIntake()
			.send(HttpMethod.DELETE, authorization, null, "/api/reviews/{reviewId}", reviewId));
	}

	@PutMapping(path = "/titles/{titleId}/rating", headers = "HX-Request=true")
	String rate(@PathVariable String titleId, @RequestParam(required = false) @Nullable Integer rating,
			@RequestHeader(name = HttpHeaders.AUTHORIZATION, required = false) @Nullable String authorization,
			Model model) {
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("rating", rating);
		return act(titleId, authorization, model, "Your rating is saved.", () -> apis.reviewIntake()
			.send(HttpMethod.PUT, authorization, body, "/api/titles/{titleId}/rating", titleId));
	}

	@DeleteMapping(path = "/titles/{titleId}/rating", headers = "HX-Request=true")
	String unrate(@PathVariable String titleId,
			@RequestHeader(name = HttpHeaders.AUTHORIZATION, required = false) @Nullable String authorization,
			Model model) {
		return act(titleId, authorization, model, "Your rating is withdrawn.", () -> apis.reviewIntake()
			.send(HttpMethod.DELETE, authorization, null, "/api/titles/{titleId}/rating", titleId));
	}

	private String act(String titleId, @Nullable String authorization, Model model, String done, Runnable action) {
		try {
			action.run();
			model.addAttribute("done", done);
		}
		catch (ApiRefusal refusal) {
			model.addAttribute("refusal", refusal);
		}
		return render(titleId, authorization, model);
	}

	private String render(String titleId, @Nullable String authorization, Model model) {
		Viewer viewer = Viewer.of(authorization).orElse(null);
		model.addAttribute("titleId", titleId);
		model.addAttribute("viewer", viewer);
		if (!model.containsAttribute("refusal")) {
			model.addAttribute("refusal", null);
		}
		if (!model.containsAttribute("done")) {
			model.addAttribute("done", null);
		}
		if (!model.containsAttribute("form")) {
			model.addAttribute("form", new ReviewForm(null, null, null, null, null, false));
		}
		model.addAttribute("review", null);
		model.addAttribute("rating", null);
		if (viewer == null) {
			return PANEL;
		}
		try {
			Page<Review> mine = apis.reviewIntake()
				.get(authorization, Review.PAGE, "/api/me/reviews?titleId={titleId}&size=1", titleId);
			model.addAttribute("review", mine.empty() ? null : mine.items().getFirst());
			if (viewer.has("USER")) {
				model.addAttribute("rating", rating(titleId, authorization));
			}
		}
		catch (ApiRefusal refusal) {
			model.addAttribute("refusal", refusal);
		}
		return PANEL;
	}

	private @Nullable Integer rating(String titleId, @Nullable String authorization) {
		try {
			JsonNode rating = apis.reviewIntake().get(authorization, JsonNode.class, "/api/titles/{titleId}/rating",
					titleId);
			return rating.path("rating").asInt();
		}
		catch (ApiRefusal refusal) {
			if (refusal.notFound()) {
				return null;
			}
			throw refusal;
		}
	}
}
