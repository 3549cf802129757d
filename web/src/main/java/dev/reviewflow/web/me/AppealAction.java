package dev.reviewflow.web.me;

import java.util.Map;
import java.util.UUID;

import dev.reviewflow.web.api.ApiRefusal;
import dev.reviewflow.web.api.Services.Apis;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The author appeals a decision about their review ({@code POST /api/reviews/{reviewId}/appeal}). Whether they may is
 * moderation's to decide (only the author, once, a removed or rejected review, before the deadline); the answer is
 * the review's panel as it now stands, with moderation's words next to the statement when it refused.
 */
@Controller
class AppealAction {

	static final String PANEL = "me/standing :: standing";

	private final Apis apis;

	private final Standings standings;

	AppealAction(Apis apis, Standings standings) {
		this.apis = apis;
		this.standings = standings;
	}

	@PostMapping(path = "/reviews/{reviewId}/appeal", headers = "HX-Request=true")
	String appeal(@PathVariable UUID reviewId, @RequestParam(defaultValue = "") String statement,
			@RequestHeader(name = HttpHeaders.AUTHORIZATION, required = false) @Nullable String authorization,
			Model model) {
		StandingPanel panel;
		try {
			apis.moderation()
				.send(HttpMethod.POST, authorization, Map.of("statement", statement), "/api/reviews/{reviewId}/appeal",
						reviewId);
			panel = standings.of(reviewId, authorization, null, null,
					"Your appeal is sent. A moderator will look at the review again; this page shows the outcome.");
		}
		catch (ApiRefusal refusal) {
			panel = standings.of(reviewId, authorization, statement, refusal, null);
		}
		model.addAttribute("panel", panel);
		return PANEL;
	}
}
