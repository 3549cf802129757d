package dev.reviewflow.web.api;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;

import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Who the browser says it is, read from its bearer token without checking the signature: for what a page shows
 * (a name, which forms to offer), never for what it allows. Every write and every private read goes to a service
 * with the token, and the service checks it.
 */
public record Viewer(String subject, Set<String> roles, @Nullable Instant expiresAt) {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	/** The viewer the {@code Authorization: Bearer …} header names, if it holds a readable token. */
	public static Optional<Viewer> of(@Nullable String authorization) {
		if (authorization == null || !authorization.startsWith("Bearer ")) {
			return Optional.empty();
		}
		String[] parts = authorization.substring("Bearer ".length()).split("\\.");
		if (parts.length != 3) {
			return Optional.empty();
		}
		try {
			JsonNode claims = JSON.readTree(new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8));
			String subject = claims.path("sub").asString("");
			if (subject.isBlank()) {
				return Optional.empty();
			}
			Set<String> roles = new LinkedHashSet<>();
			claims.path("roles").forEach(role -> roles.add(role.asString("")));
			Instant expires = claims.path("exp").isNumber() ? Instant.ofEpochSecond(claims.path("exp").asLong()) : null;
			return Optional.of(new Viewer(subject, Set.copyOf(roles), expires));
		}
		catch (IllegalArgumentException | JacksonException ex) {
			return Optional.empty();
		}
	}

	public boolean has(String role) {
		return roles.contains(role);
	}

	/** Moderators and admins work the queue. */
	public boolean moderates() {
		return has("MODERATOR") || has("ADMIN");
	}

	/** Critics write critic reviews (a verdict, a publication); everyone else rates 1 to 10. */
	public boolean critic() {
		return has("CRITIC");
	}

	public boolean expired() {
		return expiresAt != null && expiresAt.isBefore(Instant.now());
	}
}
