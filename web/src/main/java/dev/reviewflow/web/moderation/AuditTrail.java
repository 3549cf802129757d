package dev.reviewflow.web.moderation;

import java.util.UUID;

import dev.reviewflow.web.api.ApiRefusal;
import dev.reviewflow.web.api.Page;
import dev.reviewflow.web.api.Services.Apis;
import org.jspecify.annotations.Nullable;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * {@code /moderation/audit?reviewId=…}: moderation's audit log of one review (or of everything, without a review),
 * newest first, page by page, as moderation serves it.
 */
@Controller
class AuditTrail {

	static final ParameterizedTypeReference<Page<AuditEntry>> ENTRIES = new ParameterizedTypeReference<>() {
	};

	static final int ENTRIES_PER_PAGE = 50;

	private final Apis apis;

	AuditTrail(Apis apis) {
		this.apis = apis;
	}

	@GetMapping(path = "/moderation/audit", headers = "HX-Request=true")
	String audit(@RequestParam(defaultValue = "") String reviewId, @RequestParam(defaultValue = "0") int page,
			@RequestHeader(name = HttpHeaders.AUTHORIZATION, required = false) @Nullable String authorization,
			Model model) {
		UUID review = review(reviewId.strip());
		model.addAttribute("reviewId", review);
		model.addAttribute("typed", reviewId);
		model.addAttribute("entries", null);
		if (!reviewId.isBlank() && review == null) {
			model.addAttribute("invalid", "That is not a review id: it looks like 0b9e7c1e-3f5a-4c2d-9a8b-1c2d3e4f5a6b.");
			return "moderation/audit";
		}
		model.addAttribute("invalid", null);
		UriComponentsBuilder uri = UriComponentsBuilder.fromPath("/api/moderation/audit");
		if (review != null) {
			uri.queryParam("reviewId", review);
		}
		uri.queryParam("page", Math.max(0, page)).queryParam("size", ENTRIES_PER_PAGE);
		try {
			Page<AuditEntry> entries = apis.moderation().get(authorization, ENTRIES, uri.build().toUriString());
			model.addAttribute("entries", entries);
			model.addAttribute("previous", link(review, entries.page() - 1));
			model.addAttribute("next", link(review, entries.page() + 1));
		}
		catch (ApiRefusal refusal) {
			if (!Consoles.needsSignIn(refusal)) {
				throw refusal;
			}
			model.addAttribute("refusal", refusal);
			model.addAttribute("role", "MODERATOR");
			model.addAttribute("next", "/moderation/audit" + (review == null ? "" : "?reviewId=" + review));
			return Consoles.NEEDS_SIGN_IN;
		}
		return "moderation/audit";
	}

	/** This page's address for another page of the same review's trail. */
	static String link(@Nullable UUID reviewId, int page) {
		UriComponentsBuilder uri = UriComponentsBuilder.fromPath("/moderation/audit");
		if (reviewId != null) {
			uri.queryParam("reviewId", reviewId);
		}
		return uri.queryParam("page", page).build().toUriString();
	}

	private static @Nullable UUID review(String reviewId) {
		try {
			return reviewId.isEmpty() ? null : UUID.fromString(reviewId);
		}
		catch (IllegalArgumentException ex) {
			return null;
		}
	}
}
