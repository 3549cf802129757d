package dev.reviewflow.web.moderation;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.function.Supplier;

import dev.reviewflow.events.ReviewStatus;
import dev.reviewflow.events.Verdict;
import dev.reviewflow.web.Formats;
import dev.reviewflow.web.api.ApiRefusal;
import dev.reviewflow.web.api.Services.Apis;
import dev.reviewflow.web.titles.TitleNames;
import dev.reviewflow.web.api.Viewer;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code /moderation/cases/{caseId}}: a case in full (the review as submitted, its reports, the decisions about it, the
 * author's earlier reviews of the title, an appeal's statement) and what a moderator does with it: claim it, give it
 * back, decide KEEP or REMOVE with a reason. Each action answers with the case's action panel as it now stands, the
 * outcome or moderation's words next to the action or field they concern.
 */
@Controller
class CasePage {

	static final String PANEL = "moderation/case :: actions";

	/** What review-intake adds: the rating or verdict and the spoiler flag, which moderation does not keep. */
	public record SubmittedReview(UUID reviewId, int revision, @Nullable Integer rating, @Nullable Verdict verdict,
			@Nullable String publication, boolean topCritic, boolean containsSpoilers, ReviewStatus status) {
	}

	private final Apis apis;

	private final TitleNames titles;

	private final JsonMapper json;

	private final Formats formats;

	CasePage(Apis apis, TitleNames titles, JsonMapper json, Formats formats) {
		this.apis = apis;
		this.titles = titles;
		this.json = json;
		this.formats = formats;
	}

	@GetMapping(path = "/moderation/cases/{caseId}", headers = "HX-Request=true")
	String detail(@PathVariable String caseId,
			@RequestHeader(name = HttpHeaders.AUTHORIZATION, required = false) @Nullable String authorization,
			Model model) {
		JsonNode found;
		try {
			found = apis.moderation().get(authorization, JsonNode.class, "/api/moderation/cases/{caseId}", caseId);
		}
		catch (ApiRefusal refusal) {
			if (!Consoles.needsSignIn(refusal)) {
				throw refusal;
			}
			model.addAttribute("refusal", refusal);
			model.addAttribute("role", "MODERATOR");
			model.addAttribute("next", "/moderation/cases/" + caseId);
			return Consoles.NEEDS_SIGN_IN;
		}
		CaseView moderationCase = json.treeToValue(found, CaseView.class);
		CaseFile file = json.treeToValue(found, CaseFile.class);
		model.addAttribute("file", file);
		model.addAttribute("titleName", titles.name(moderationCase.titleId()));
		submitted(moderationCase.reviewId(), authorization, model);
		panel(moderationCase, authorization, model);
		return "moderation/case";
	}

	@PostMapping(path = "/moderation/cases/{caseId}/claim", headers = "HX-Request=true")
	String claim(@PathVariable String caseId,
			@RequestHeader(name = HttpHeaders.AUTHORIZATION, required = false) @Nullable String authorization,
			Model model) {
		return act(caseId, "claim", authorization, model,
				() -> apis.moderation().send(HttpMethod.POST, authorization, null,
						"/api/moderation/cases/{caseId}/claim", caseId),
				claimed -> "Claimed: the case is yours until " + formats.dateTime(claimed.claimExpiresAt()) + ".");
	}

	@DeleteMapping(path = "/moderation/cases/{caseId}/claim", headers = "HX-Request=true")
	String release(@PathVariable String caseId,
			@RequestHeader(name = HttpHeaders.AUTHORIZATION, required = false) @Nullable String authorization,
			Model model) {
		return act(caseId, "release", authorization, model,
				() -> apis.moderation().send(HttpMethod.DELETE, authorization, null,
						"/api/moderation/cases/{caseId}/claim", caseId),
				released -> "Released: the case is back in the queue for any moderator.");
	}

	@PostMapping(path = "/moderation/cases/{caseId}/decision", headers = "HX-Request=true")
	String decide(@PathVariable String caseId, @RequestParam(defaultValue = "") String action,
			@RequestParam(defaultValue = "") String reason,
			@RequestHeader(name = HttpHeaders.AUTHORIZATION, required = false) @Nullable String authorization,
			Model model) {
		model.addAttribute("action", action);
		model.addAttribute("reason", reason);
		Map<String, @Nullable Object> body = new LinkedHashMap<>();
		body.put("action", action.isBlank() ? null : action);
		body.put("reason", reason);
		return act(caseId, "decide", authorization, model,
				() -> apis.moderation().send(HttpMethod.POST, authorization, body,
						"/api/moderation/cases/{caseId}/decision", caseId),
				CasePage::decided);
	}

	/** What the decision did, in words. */
	static String decided(CaseView decided) {
		boolean keep = "KEEP".equals(decided.action());
		if (decided.appeal()) {
			return keep ? "Appeal upheld: the review is published again."
					: "Appeal refused: the removal stands, and is final.";
		}
		return keep ? "Kept: the review is published." : "Removed: the review is taken down; its author may appeal.";
	}

	private String act(String caseId, String attempted, @Nullable String authorization, Model model,
			Supplier<@Nullable JsonNode> action, Function<CaseView, String> outcome) {
		model.addAttribute("attempted", attempted);
		CaseView now;
		try {
			JsonNode answer = action.get();
			if (answer == null) {
				throw new IllegalStateException("moderation answered " + attempted + " without the case");
			}
			now = json.treeToValue(answer, CaseView.class);
			model.addAttribute("done", outcome.apply(now));
		}
		catch (ApiRefusal refusal) {
			model.addAttribute("refusal", refusal);
			now = current(caseId, authorization);
		}
		panel(now, authorization, model);
		return PANEL;
	}

	/** The case as it stands after a refused action, or null when moderation will not show it either. */
	private @Nullable CaseView current(String caseId, @Nullable String authorization) {
		try {
			return json.treeToValue(
					apis.moderation().get(authorization, JsonNode.class, "/api/moderation/cases/{caseId}", caseId),
					CaseView.class);
		}
		catch (ApiRefusal again) {
			return null;
		}
	}

	private void panel(@Nullable CaseView moderationCase, @Nullable String authorization, Model model) {
		Viewer viewer = Viewer.of(authorization).orElse(null);
		model.addAttribute("moderationCase", moderationCase);
		model.addAttribute("me", viewer == null ? null : viewer.subject());
		for (String name : new String[] { "attempted", "done", "refusal", "action", "reason" }) {
			if (!model.containsAttribute(name)) {
				model.addAttribute(name, null);
			}
		}
	}

	/** The review as review-intake has it, for its rating or verdict and spoiler flag; null when it cannot say. */
	private void submitted(UUID reviewId, @Nullable String authorization, Model model) {
		try {
			model.addAttribute("submitted",
					apis.reviewIntake().get(authorization, SubmittedReview.class, "/api/reviews/{reviewId}", reviewId));
		}
		catch (ApiRefusal refusal) {
			model.addAttribute("submitted", null);
			model.addAttribute("submittedRefusal", refusal);
		}
	}
}
