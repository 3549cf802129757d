package dev.reviewflow.web.signin;

import java.io.IOException;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;

import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClient;
import org.springframework.security.oauth2.client.authentication.OAuth2AuthenticationToken;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.security.oauth2.client.web.DefaultOAuth2AuthorizationRequestResolver;
import org.springframework.security.oauth2.client.web.HttpSessionOAuth2AuthorizedClientRepository;
import org.springframework.security.oauth2.client.web.OAuth2AuthorizationRequestCustomizers;
import org.springframework.security.oauth2.client.web.OAuth2AuthorizedClientRepository;
import org.springframework.security.web.authentication.AuthenticationSuccessHandler;

/**
 * Sign-in through the configured OpenID Connect provider ({@code spring.security.oauth2.client.registration.*}):
 * Spring Security's OAuth 2.0 client runs the authorization code flow with PKCE (S256), keeping the state, the nonce
 * and the code verifier in a session for the length of the dance; the provider's access token is then handed to the
 * page ({@code /login/handoff}), which keeps it in localStorage like a development token, and the session is ended.
 * The services check that token against the same provider (their {@code issuer-uri}).
 */
public final class ProviderSignIn {

	/** Where {@code /login/oidc?next=…} keeps the page to return to, and the handoff the token, in the session. */
	static final String NEXT = ProviderSignIn.class.getName() + ".next";

	static final String TOKEN = ProviderSignIn.class.getName() + ".token";

	private ProviderSignIn() {
	}

	public static void configure(HttpSecurity http, ClientRegistrationRepository registrations) throws Exception {
		DefaultOAuth2AuthorizationRequestResolver requests = new DefaultOAuth2AuthorizationRequestResolver(
				registrations, "/oauth2/authorization");
		requests.setAuthorizationRequestCustomizer(OAuth2AuthorizationRequestCustomizers.withPkce());
		OAuth2AuthorizedClientRepository clients = new HttpSessionOAuth2AuthorizedClientRepository();
		http.oauth2Login(login -> login.loginPage("/login")
			.authorizationEndpoint(endpoint -> endpoint.authorizationRequestResolver(requests))
			.authorizedClientRepository(clients)
			.successHandler(handoff(clients))
			.failureUrl("/login?failed"));
	}

	private static AuthenticationSuccessHandler handoff(OAuth2AuthorizedClientRepository clients) {
		return (HttpServletRequest request, HttpServletResponse response, Authentication authentication) -> {
			OAuth2AuthenticationToken signedIn = (OAuth2AuthenticationToken) authentication;
			OAuth2AuthorizedClient client = clients
				.loadAuthorizedClient(signedIn.getAuthorizedClientRegistrationId(), authentication, request);
			HttpSession session = request.getSession();
			if (client == null) {
				throw new IOException("the provider's sign-in left no access token");
			}
			session.setAttribute(TOKEN, client.getAccessToken().getTokenValue());
			response.sendRedirect("/login/handoff");
		};
	}
}
