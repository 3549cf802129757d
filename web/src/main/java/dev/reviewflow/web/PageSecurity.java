package dev.reviewflow.web;

import dev.reviewflow.web.signin.ProviderSignIn;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpHeaders;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.security.web.context.RequestAttributeSecurityContextRepository;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter.ReferrerPolicy;
import org.springframework.security.web.header.writers.StaticHeadersWriter;

/**
 * Spring Security here writes the response headers and, with an identity provider configured, runs its sign-in
 * ({@link ProviderSignIn}); nothing else: the pages are public, and what a user may do is decided by the service each
 * call goes to, on the token the page's script adds to it. No request is authenticated by a cookie (the security
 * context is never kept in a session; a session lives only through a provider sign-in), so there is nothing for a
 * cross-site request to ride on: CSRF protection has nothing to protect and is off.
 */
@Configuration(proxyBeanMethods = false)
class PageSecurity {

	/** No inline script or style: the pages' scripts and styles are files of this origin. */
	static final String POLICY = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
			+ "connect-src 'self'; font-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; "
			+ "frame-ancestors 'none'";

	@Bean
	SecurityFilterChain pages(HttpSecurity http, ObjectProvider<ClientRegistrationRepository> providers)
			throws Exception {
		ClientRegistrationRepository provider = providers.getIfAvailable();
		if (provider != null) {
			// sign-in through the identity provider: a session lives only from /login/oidc to the handoff
			ProviderSignIn.configure(http, provider);
		}
		return http.authorizeHttpRequests(requests -> requests.anyRequest().permitAll())
			.csrf(AbstractHttpConfigurer::disable)
			.sessionManagement(sessions -> sessions.sessionCreationPolicy(
					provider == null ? SessionCreationPolicy.STATELESS : SessionCreationPolicy.IF_REQUIRED))
			.securityContext(context -> context.securityContextRepository(new RequestAttributeSecurityContextRepository()))
			.requestCache(AbstractHttpConfigurer::disable)
			.httpBasic(AbstractHttpConfigurer::disable)
			.formLogin(AbstractHttpConfigurer::disable)
			.logout(AbstractHttpConfigurer::disable)
			.anonymous(AbstractHttpConfigurer::disable)
			.headers(headers -> headers.contentSecurityPolicy(csp -> csp.policyDirectives(POLICY))
				.referrerPolicy(referrer -> referrer.policy(ReferrerPolicy.SAME_ORIGIN))
				// a page's shell and its content share an address and differ by this header (see Shell)
				.addHeaderWriter(new StaticHeadersWriter(HttpHeaders.VARY, Shell.HX_REQUEST)))
			.build();
	}
}
