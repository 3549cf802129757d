package dev.reviewflow.platform;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.security.oauth2.server.resource.autoconfigure.OAuth2ResourceServerAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.oauth2.jose.jws.MacAlgorithm;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationConverter;
import org.springframework.security.oauth2.server.resource.authentication.JwtGrantedAuthoritiesConverter;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.web.cors.CorsConfiguration;
import org.springframework.web.cors.CorsConfigurationSource;
import org.springframework.web.cors.UrlBasedCorsConfigurationSource;

/**
 * Stateless JWT resource server: roles come from the {@code roles} claim as {@code ROLE_*} authorities; tokens are
 * checked against the shared HMAC secret unless Boot's resource-server properties configure an issuer.
 */
@AutoConfiguration(after = OAuth2ResourceServerAutoConfiguration.class)
@EnableConfigurationProperties(ReviewflowSecurityProperties.class)
public class ReviewflowSecurityAutoConfiguration {

	/**
	 * Browsers on other origins (the scoring dashboard, a site showing reviews) may read; writing needs a token, which
	 * pages on other origins do not get.
	 */
	private static CorsConfigurationSource publicReads() {
		CorsConfiguration reads = new CorsConfiguration();
		reads.addAllowedOriginPattern("*");
		reads.addAllowedMethod(HttpMethod.GET);
		reads.addAllowedHeader("*");
		UrlBasedCorsConfigurationSource source = new UrlBasedCorsConfigurationSource();
		source.registerCorsConfiguration("/api/**", reads);
		return source;
	}

	@Bean
	@ConditionalOnMissingBean
	JwtDecoder jwtDecoder(ReviewflowSecurityProperties properties) {
		return NimbusJwtDecoder.withSecretKey(DevelopmentTokens.key(properties.jwtSecret()))
			.macAlgorithm(MacAlgorithm.HS256)
			.build();
	}

	@Bean
	@ConditionalOnMissingBean
	JwtAuthenticationConverter jwtAuthenticationConverter() {
		JwtGrantedAuthoritiesConverter authorities = new JwtGrantedAuthoritiesConverter();
		authorities.setAuthoritiesClaimName("roles");
		authorities.setAuthorityPrefix("ROLE_");
		JwtAuthenticationConverter converter = new JwtAuthenticationConverter();
		converter.setJwtGrantedAuthoritiesConverter(authorities);
		return converter;
	}

	@Bean
	@ConditionalOnMissingBean
	SecurityFilterChain reviewflowSecurityFilterChain(HttpSecurity http, JwtAuthenticationConverter converter,
			ObjectProvider<EndpointRules> rules) throws Exception {
		ProblemResponses problems = new ProblemResponses();
		http.csrf(csrf -> csrf.disable())
			.cors(cors -> cors.configurationSource(publicReads()))
			.sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
			.headers(headers -> headers.addHeaderWriter(ContentSecurityPolicy.headerWriter()))
			.authorizeHttpRequests(registry -> {
				registry.requestMatchers("/actuator/health/**", "/actuator/health", "/actuator/info",
						"/actuator/prometheus", "/v3/api-docs/**", "/swagger-ui/**", "/swagger-ui.html", "/error")
					.permitAll();
				registry.requestMatchers(HttpMethod.OPTIONS, "/**").permitAll();
				rules.orderedStream().forEach(rule -> rule.configure(registry));
				registry.anyRequest().authenticated();
			})
			.oauth2ResourceServer(server -> server.jwt(jwt -> jwt.jwtAuthenticationConverter(converter))
				.authenticationEntryPoint(problems)
				.accessDeniedHandler(problems))
			.exceptionHandling(handling -> handling.authenticationEntryPoint(problems).accessDeniedHandler(problems));
		return http.build();
	}
}
