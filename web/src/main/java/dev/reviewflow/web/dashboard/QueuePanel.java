package dev.reviewflow.web.dashboard;

import dev.reviewflow.web.api.ApiRefusal;
import dev.reviewflow.web.api.Services.Apis;
import dev.reviewflow.web.api.Viewer;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestHeader;

/**
 * The moderation queue's depth and its oldest open case, for moderators; the dashboard asks every 10 s. Whether the
 * caller may see it is moderation's decision on the token: the page only spares others a call bound to be refused.
 */
@Controller
class QueuePanel {

	private final Apis apis;

	QueuePanel(Apis apis) {
		this.apis = apis;
	}

	@GetMapping(path = "/dashboard/queue", headers = "HX-Request=true")
	String queue(@RequestHeader(name = HttpHeaders.AUTHORIZATION, required = false) @Nullable String authorization,
			Model model) {
		model.addAttribute("depth", null);
		model.addAttribute("problem", null);
		if (!Viewer.of(authorization).map(Viewer::moderates).orElse(false)) {
			return "dashboard/queue :: for-moderators";
		}
		try {
			model.addAttribute("depth",
					apis.moderation().get(authorization, QueueDepth.class, "/api/moderation/queue"));
		}
		catch (ApiRefusal refusal) {
			model.addAttribute("problem", refusal.detail());
		}
		return "dashboard/queue :: queue";
	}
}
