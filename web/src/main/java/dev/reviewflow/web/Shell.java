package dev.reviewflow.web;

import jakarta.servlet.http.HttpServletRequest;

import dev.reviewflow.web.api.Viewer;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestHeader;

/**
 * Every page arrives in two steps. A browser's request for a page gets its shell: the header, the scripts and a
 * {@code main} that htmx fills at once by requesting the same address again with {@code HX-Request: true} and the
 * signed-in user's token, which only the page's script can add (it lives in localStorage). Each feature answers that
 * second request with the page's content. Both answers say {@code Vary: HX-Request} ({@link PageSecurity}).
 */
@Controller
class Shell {

	static final String HX_REQUEST = "HX-Request";

	@GetMapping({ "/", "/login", "/titles", "/titles/{titleId}", "/me", "/moderation", "/moderation/cases/{caseId}",
			"/moderation/policy", "/moderation/audit", "/dashboard" })
	String shell(HttpServletRequest request, Model model) {
		String query = request.getQueryString();
		model.addAttribute("content", request.getRequestURI() + (query == null ? "" : "?" + query));
		return "shell";
	}

	/** The header's sign-in part: who the token names, or a link to sign in. */
	@GetMapping(path = "/session", headers = "HX-Request=true")
	String session(@RequestHeader(name = HttpHeaders.AUTHORIZATION, required = false) @Nullable String authorization,
			Model model) {
		model.addAttribute("viewer", Viewer.of(authorization).filter(viewer -> !viewer.expired()).orElse(null));
		return "fragments/session";
	}

	/** The front page: what there is to see and where the services and their API documents are. */
	@GetMapping(path = "/", headers = "HX-Request=true")
	String landing() {
		return "landing";
	}
}
