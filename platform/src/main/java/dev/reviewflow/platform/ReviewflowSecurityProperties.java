package dev.reviewflow.platform;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * JWT settings shared by the services. Tokens are HS256-signed with {@code jwtSecret} unless
 * {@code spring.security.oauth2.resourceserver.jwt.issuer-uri} (or another Boot resource-server setting) names an
 * issuer, which then takes over.
 * @param jwtSecret the HMAC secret, at least 32 bytes; the default is the local development secret
 */
@ConfigurationProperties("reviewflow.security")
public record ReviewflowSecurityProperties(
		@DefaultValue(DevelopmentTokens.LOCAL_SECRET) String jwtSecret) {

	public ReviewflowSecurityProperties {
		if (jwtSecret.getBytes(java.nio.charset.StandardCharsets.UTF_8).length < 32) {
			throw new IllegalArgumentException("reviewflow.security.jwt-secret must be at least 32 bytes");
		}
	}
}
