package dev.reviewflow.platform;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

import javax.crypto.spec.SecretKeySpec;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.boot.security.oauth2.server.resource.autoconfigure.OAuth2ResourceServerAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.jose.jws.MacAlgorithm;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtAudienceValidator;
import org.springframework.security.oauth2.jwt.JwtClaimValidator;
import org.springframework.security.oauth2.jwt.JwtClaimNames;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.MappedJwtClaimSetConverter;
import org.springframework.security.oauth2.jwt.JwtIssuerValidator;
import org.springframework.security.oauth2.jwt.JwtTimestampValidator;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.server.resource.InvalidBearerTokenException;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationConverter;
import org.springframework.security.oauth2.server.resource.authentication.JwtGrantedAuthoritiesConverter;
import org.springframework.security.oauth2.server.resource.web.BearerTokenResolver;
import org.springframework.security.oauth2.server.resource.web.DefaultBearerTokenResolver;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.util.matcher.RequestMatcher;
import org.springframework.web.cors.CorsConfiguration;
import org.springframework.web.cors.CorsConfigurationSource;
import org.springframework.web.cors.UrlBasedCorsConfigurationSource;

/**
 * Stateless JWT resource server: roles come from the {@code roles} claim as {@code ROLE_*} authorities; tokens are
 * checked against the HMAC secret {@code reviewflow.security.jwt-secret} unless Boot's resource-server properties
 * configure an issuer, which then takes over. Either way a token needs an expiry and the audience, and its roles must
 * be a list. Without a secret or an issuer the service does not start: there is no default secret.
 * <p>
 * Liveness and readiness are public (their details only for admins); Prometheus metrics are public on a separate
 * management port ({@code management.server.port}, not published to the outside) and need ADMIN on the service port.
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

	/**
	 * What every token must satisfy, whoever issued it: an expiry (with the configured clock skew), our audience, and
	 * roles as a list of strings (Spring would otherwise split a string {@code "USER ADMIN"} into two roles); and the
	 * configured issuer, unless {@code issuer-uri} is set, whose issuer Boot checks itself. Boot adds this to every
	 * decoder it builds (issuer URI, JWK set URI, public key); the HS256 decoder below uses it too.
	 */
	@Bean
	OAuth2TokenValidator<Jwt> reviewflowJwtValidator(ReviewflowSecurityProperties properties, Environment environment) {
		JwtTimestampValidator timestamps = new JwtTimestampValidator(properties.clockSkew());
		timestamps.setAllowEmptyExpiryClaim(false);
		List<OAuth2TokenValidator<Jwt>> validators = new ArrayList<>(List.of(timestamps,
				new JwtAudienceValidator(properties.audience()), new JwtClaimValidator<Object>("roles",
						roles -> roles == null || roles instanceof Collection<?> list
								&& list.stream().allMatch(String.class::isInstance))));
		if (!environment.containsProperty("spring.security.oauth2.resourceserver.jwt.issuer-uri")) {
			validators.add(new JwtIssuerValidator(properties.issuer()));
		}
		return new DelegatingOAuth2TokenValidator<>(validators);
	}

	@Bean
	@ConditionalOnMissingBean
	JwtDecoder jwtDecoder(ReviewflowSecurityProperties properties, List<OAuth2TokenValidator<Jwt>> validators) {
		String secret = properties.jwtSecret();
		if (secret == null) {
			throw new InvalidConfigurationPropertyValueException("reviewflow.security.jwt-secret", null,
					"The service has no way to check tokens. Set reviewflow.security.jwt-secret "
							+ "(REVIEWFLOW_SECURITY_JWT_SECRET, at least 32 bytes) to accept HS256 tokens, or "
							+ "spring.security.oauth2.resourceserver.jwt.issuer-uri to accept an identity provider's.");
		}
		NimbusJwtDecoder decoder = NimbusJwtDecoder
			.withSecretKey(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"))
			.macAlgorithm(MacAlgorithm.HS256)
			.build();
		decoder.setJwtValidator(new DelegatingOAuth2TokenValidator<>(validators));
		// the issuer stays the string it is: the default converter tries to make a URL of it, and an issuer such as
		// local mode's "reviewflow-local" is not one, so every request threw and caught an exception
		decoder.setClaimSetConverter(MappedJwtClaimSetConverter
			.withDefaults(Map.of(JwtClaimNames.ISS, issuer -> issuer == null ? null : issuer.toString())));
		return decoder;
	}

	/** The standard header resolver, refusing tokens longer than the limit before anything parses them. */
	static BearerTokenResolver limitedBearerTokens(ReviewflowSecurityProperties properties) {
		DefaultBearerTokenResolver standard = new DefaultBearerTokenResolver();
		long limit = properties.maxTokenSize().toBytes();
		return request -> {
			String token = standard.resolve(request);
			if (token != null && token.length() > limit) {
				throw new InvalidBearerTokenException(
						"The bearer token is longer than " + properties.maxTokenSize().toKilobytes() + " KB.");
			}
			return token;
		};
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
			ReviewflowSecurityProperties properties, ObjectProvider<EndpointRules> rules, Environment environment)
			throws Exception {
		ProblemResponses problems = new ProblemResponses();
		RequestMatcher onManagementPort = managementPort(environment);
		http.csrf(csrf -> csrf.disable())
			.cors(cors -> cors.configurationSource(publicReads()))
			.sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
			.headers(headers -> headers.addHeaderWriter(ContentSecurityPolicy.headerWriter()))
			.authorizeHttpRequests(registry -> {
				registry.requestMatchers("/actuator/health/**", "/actuator/health", "/actuator/info",
						"/v3/api-docs/**", "/swagger-ui/**", "/swagger-ui.html", "/error")
					.permitAll();
				registry.requestMatchers(onManagementPort).permitAll();
				registry.requestMatchers("/actuator/**").hasRole("ADMIN");
				registry.requestMatchers(HttpMethod.OPTIONS, "/**").permitAll();
				rules.orderedStream().forEach(rule -> rule.configure(registry));
				registry.anyRequest().authenticated();
			})
			.oauth2ResourceServer(server -> server.jwt(jwt -> jwt.jwtAuthenticationConverter(converter))
				.bearerTokenResolver(limitedBearerTokens(properties))
				.authenticationEntryPoint(problems)
				.accessDeniedHandler(problems))
			.exceptionHandling(handling -> handling.authenticationEntryPoint(problems).accessDeniedHandler(problems));
		return http.build();
	}

	/**
	 * Requests that arrive on a management port of their own ({@code management.server.port}, different from the
	 * service's): only operators' tools (Prometheus) can reach it, so its endpoints need no token.
	 */
	private static RequestMatcher managementPort(Environment environment) {
		Integer management = environment.getProperty("management.server.port", Integer.class);
		Integer server = environment.getProperty("server.port", Integer.class, 8080);
		if (management == null || management <= 0 || management.equals(server)) {
			return request -> false;
		}
		return (HttpServletRequest request) -> request.getLocalPort() == management;
	}
}
