package dev.reviewflow.web.titles;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import dev.reviewflow.events.ReviewScoreChanged;
import dev.reviewflow.web.api.ApiRefusal;
import dev.reviewflow.web.api.Services.Apis;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * What anyone signed in does with someone else's review: say whether it helped (moderation counts the vote, scoring
 * the figure, which comes back over the live stream) or report it. A refusal shows where the action is.
 */
@Controller
class ReviewActions {

	private final Apis apis;

	ReviewActions(Apis apis) {
		this.apis = apis;
	}

	@PutMapping(path = "/reviews/{reviewId}/vote", headers = "HX-Request=true")
	String vote(@PathVariable UUID reviewId, @RequestParam boolean helpful,
			@RequestHeader(name = HttpHeaders.AUTHORIZATION, required = false) @Nullable String authorization,
			Model model) {
		model.addAttribute("helpful", helpful);
		model.addAttribute("refusal", null);
		try {
			apis.moderation().send(HttpMethod.PUT, authorization, Map.of("helpful", helpful),
					"/api/reviews/{reviewId}/vote", reviewId);
		}
		catch (ApiRefusal refusal) {
			model.addAttribute("refusal", refusal);
		}
		return "titles/review :: vote-outcome";
	}

	@PostMapping(path = "/reviews/{reviewId}/reports", headers = "HX-Request=true")
	String report(@PathVariable UUID reviewId, @RequestParam(defaultValue = "") String reason,
			@RequestParam(defaultValue = "") String note,
			@RequestHeader(name = HttpHeaders.AUTHORIZATION, required = false) @Nullable String authorization,
			Model model) {
		model.addAttribute("reviewId", reviewId);
		model.addAttribute("reason", reason);
		model.addAttribute("note", note);
		model.addAttribute("refusal", null);
		model.addAttribute("reported", null);
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("reason", reason.isBlank() ? null : reason);
		if (!note.isBlank()) {
			body.put("note", note);
		}
		try {
			apis.moderation().send(HttpMethod.POST, authorization, body, "/api/reviews/{reviewId}/reports", reviewId);
			model.addAttribute("reported", "Reported. Thank you: a moderator looks at a review once enough people "
					+ "report it. See what became of it under My reviews.");
		}
		catch (ApiRefusal refusal) {
			model.addAttribute("refusal", refusal);
		}
		return "titles/review :: report-form";
	}

	/** The review's "X of Y found this helpful", as scoring has it now. */
	@GetMapping(path = "/reviews/{reviewId}/helpfulness", headers = "HX-Request=true")
	String helpfulness(@PathVariable UUID reviewId, Model model) {
		ReviewScoreChanged score = apis.scoring().get(null, ReviewScoreChanged.class, "/api/reviews/{reviewId}/score",
				reviewId);
		model.addAttribute("reviewId", reviewId);
		model.addAttribute("helpful", score.helpful());
		model.addAttribute("total", score.total());
		return "titles/review :: helpfulness";
	}
}
