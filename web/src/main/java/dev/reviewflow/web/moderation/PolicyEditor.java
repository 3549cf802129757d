package dev.reviewflow.web.moderation;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

import dev.reviewflow.web.api.ApiRefusal;
import dev.reviewflow.web.api.Services.Apis;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code /moderation/policy} (ADMIN): moderation's policy as a form, one labelled input per setting, saved as a new
 * version with {@code If-Match} naming the version it was loaded from, so a change made meanwhile is not overwritten
 * (412). Moderation's complaints show next to the inputs they name.
 */
@Controller
class PolicyEditor {

	static final String EDITOR = "moderation/policy :: editor";

	private final Apis apis;

	private final JsonMapper json;

	PolicyEditor(Apis apis, JsonMapper json) {
		this.apis = apis;
		this.json = json;
	}

	@GetMapping(path = "/moderation/policy", headers = "HX-Request=true")
	String policy(@RequestHeader(name = HttpHeaders.AUTHORIZATION, required = false) @Nullable String authorization,
			Model model) {
		JsonNode policy;
		try {
			policy = apis.moderation().get(authorization, JsonNode.class, "/api/moderation/policy");
		}
		catch (ApiRefusal refusal) {
			if (!Consoles.needsSignIn(refusal)) {
				throw refusal;
			}
			model.addAttribute("refusal", refusal);
			model.addAttribute("role", "ADMIN");
			model.addAttribute("next", "/moderation/policy");
			return Consoles.NEEDS_SIGN_IN;
		}
		editor(PolicyForm.of(policy), policy, Map.of(), null, null, model);
		return "moderation/policy";
	}

	@PutMapping(path = "/moderation/policy", headers = "HX-Request=true")
	String save(@RequestParam MultiValueMap<String, String> submitted,
			@RequestHeader(name = HttpHeaders.AUTHORIZATION, required = false) @Nullable String authorization,
			Model model) {
		PolicyForm form = PolicyForm.from(submitted);
		Map<String, String> unreadable = form.unreadable();
		if (!unreadable.isEmpty()) {
			editor(form, null, unreadable, null, null, model);
			return EDITOR;
		}
		HttpHeaders headers = new HttpHeaders();
		if (!form.version().isBlank()) {
			headers.setIfMatch("\"" + form.version().strip() + "\"");
		}
		try {
			JsonNode saved = apis.moderation()
				.sendWith(headers, HttpMethod.PUT, authorization, form.document(json), "/api/moderation/policy");
			if (saved == null) {
				throw new IllegalStateException("moderation answered the policy change without the policy");
			}
			editor(PolicyForm.of(saved), saved, Map.of(),
					"Saved: version " + saved.path("version").asString() + " is in force.", null, model);
		}
		catch (ApiRefusal refusal) {
			editor(form, null, refusal.fields(), null, refusal, model);
		}
		return EDITOR;
	}

	private static void editor(PolicyForm form, @Nullable JsonNode policy, Map<String, String> complaints,
			@Nullable String done, @Nullable ApiRefusal refusal, Model model) {
		Map<String, String> errors = form.errors(complaints);
		Map<String, String> elsewhere = new LinkedHashMap<>();
		errors.forEach((field, message) -> {
			if (!form.hasInput(field)) {
				elsewhere.put(field, message);
			}
		});
		model.addAttribute("form", form);
		model.addAttribute("settings", PolicyForm.SETTINGS);
		model.addAttribute("errors", errors);
		model.addAttribute("elsewhere", elsewhere);
		model.addAttribute("done", done);
		model.addAttribute("refusal", refusal);
		model.addAttribute("changedBy", policy == null ? null : policy.path("changedBy").asString(""));
		model.addAttribute("changedAt", policy == null || !policy.path("changedAt").isString() ? null
				: Instant.parse(policy.path("changedAt").asString()));
	}
}
