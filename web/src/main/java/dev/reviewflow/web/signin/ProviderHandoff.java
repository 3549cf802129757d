package dev.reviewflow.web.signin;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;

import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The two ends of a provider sign-in around Spring Security's flow: {@code /login/oidc?next=…} remembers where to go
 * and starts it with the {@code reviewflow} registration; {@code /login/handoff} gives the access token to the page's
 * script (which keeps it in localStorage and goes on to {@code next}) and ends the session.
 */
@Controller
class ProviderHandoff {

	static final String REGISTRATION = "reviewflow";

	private final boolean configured;

	ProviderHandoff(ObjectProvider<ClientRegistrationRepository> providers) {
		ClientRegistrationRepository provider = providers.getIfAvailable();
		this.configured = provider != null && provider.findByRegistrationId(REGISTRATION) != null;
	}

	@GetMapping("/login/oidc")
	String start(@RequestParam(defaultValue = "/") String next, HttpServletRequest request) {
		if (!configured) {
			return "redirect:/login";
		}
		request.getSession().setAttribute(ProviderSignIn.NEXT, SignIn.local(next));
		return "redirect:/oauth2/authorization/" + REGISTRATION;
	}

	@GetMapping("/login/handoff")
	String handoff(HttpServletRequest request, Model model) {
		HttpSession session = request.getSession(false);
		if (session == null) {
			return "redirect:/login";
		}
		@Nullable Object token = session.getAttribute(ProviderSignIn.TOKEN);
		@Nullable Object next = session.getAttribute(ProviderSignIn.NEXT);
		session.invalidate();
		if (!(token instanceof String value)) {
			return "redirect:/login";
		}
		model.addAttribute("token", value);
		model.addAttribute("next", next instanceof String path ? path : "/");
		return "signin/handoff";
	}
}
