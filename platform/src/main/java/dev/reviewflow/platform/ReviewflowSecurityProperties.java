package dev.reviewflow.platform;

import java.nio.charset.StandardCharsets;
import java.time.Duration;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * JWT settings shared by the services. Tokens are HS256-signed with {@code jwtSecret} unless
 * {@code spring.security.oauth2.resourceserver.jwt.issuer-uri} (or another Boot resource-server setting) names an
 * issuer, whose keys then check them; with neither the service does not start. Every token needs an expiry, the
 * audience and the issuer ({@code issuer}, or the issuer of {@code issuer-uri} when that is set).
 * @param jwtSecret the HMAC secret, at least 32 bytes; no default outside local mode and tests
 * @param issuer the {@code iss} a token must carry unless {@code issuer-uri} names the issuer
 * @param audience what the {@code aud} of every token must contain
 * @param clockSkew how far {@code exp} and {@code nbf} may be off
 * @param maxTokenSize longer bearer tokens are refused before they are parsed
 */
@ConfigurationProperties("reviewflow.security")
public record ReviewflowSecurityProperties(@Nullable String jwtSecret, @DefaultValue("reviewflow-local") String issuer,
		@DefaultValue("reviewflow") String audience, @DefaultValue("30s") Duration clockSkew,
		@DefaultValue("8KB") DataSize maxTokenSize) {

	public ReviewflowSecurityProperties {
		if (jwtSecret != null && jwtSecret.getBytes(StandardCharsets.UTF_8).length < 32) {
			throw new IllegalArgumentException("reviewflow.security.jwt-secret must be at least 32 bytes");
		}
	}
}
