package dev.reviewflow.web.moderation;

import java.util.List;

import dev.reviewflow.web.api.ApiRefusal;
import dev.reviewflow.web.api.Page;
import dev.reviewflow.web.api.Services.Apis;
import dev.reviewflow.web.titles.TitleNames;
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
 * {@code /moderation}: moderation's queue in its own order (highest priority first, then oldest), narrowed by kind and
 * status, page by page. The filters are in the page's address, so a link or a reload keeps them.
 */
@Controller
class ModerationQueue {

	static final ParameterizedTypeReference<Page<CaseView>> CASES = new ParameterizedTypeReference<>() {
	};

	static final List<String> KINDS = List.of("REPORTED", "HELD", "APPEAL");

	static final List<String> STATUSES = List.of("OPEN", "CLAIMED", "RESOLVED");

	static final int CASES_PER_PAGE = 20;

	private final Apis apis;

	private final TitleNames titles;

	ModerationQueue(Apis apis, TitleNames titles) {
		this.apis = apis;
		this.titles = titles;
	}

	@GetMapping(path = "/moderation", headers = "HX-Request=true")
	String queue(@RequestParam(defaultValue = "") String kind, @RequestParam(defaultValue = "") String status,
			@RequestParam(defaultValue = "0") int page,
			@RequestHeader(name = HttpHeaders.AUTHORIZATION, required = false) @Nullable String authorization,
			Model model) {
		String chosenKind = KINDS.contains(kind) ? kind : "";
		String chosenStatus = STATUSES.contains(status) ? status : "";
		model.addAttribute("kind", chosenKind);
		model.addAttribute("status", chosenStatus);
		model.addAttribute("kinds", KINDS);
		model.addAttribute("statuses", STATUSES);
		try {
			Page<CaseView> cases = apis.moderation().get(authorization, CASES, address(chosenKind, chosenStatus,
					Math.max(0, page)));
			model.addAttribute("cases", cases);
			model.addAttribute("titles", titles.of(cases.items().stream().map(CaseView::titleId).toList()));
			model.addAttribute("previous", link(chosenKind, chosenStatus, cases.page() - 1));
			model.addAttribute("next", link(chosenKind, chosenStatus, cases.page() + 1));
		}
		catch (ApiRefusal refusal) {
			if (!Consoles.needsSignIn(refusal)) {
				throw refusal;
			}
			model.addAttribute("refusal", refusal);
			model.addAttribute("role", "MODERATOR");
			model.addAttribute("next", "/moderation");
			return Consoles.NEEDS_SIGN_IN;
		}
		return "moderation/queue";
	}

	/** This page's address with the same filters: a link keeps them. */
	static String link(String kind, String status, int page) {
		UriComponentsBuilder uri = UriComponentsBuilder.fromPath("/moderation");
		if (!kind.isEmpty()) {
			uri.queryParam("kind", kind);
		}
		if (!status.isEmpty()) {
			uri.queryParam("status", status);
		}
		return uri.queryParam("page", page).build().toUriString();
	}

	/** The API's address with only the filters chosen. */
	static String address(String kind, String status, int page) {
		UriComponentsBuilder uri = UriComponentsBuilder.fromPath("/api/moderation/cases");
		if (!status.isEmpty()) {
			uri.queryParam("status", status);
		}
		if (!kind.isEmpty()) {
			uri.queryParam("kind", kind);
		}
		return uri.queryParam("page", page).queryParam("size", CASES_PER_PAGE).build().toUriString();
	}
}
