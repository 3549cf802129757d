package dev.reviewflow.intake.review;

import java.util.Set;

/**
 * The signed-in caller as far as reviews are concerned: subject, roles and whether a critic is a top critic.
 */
public record Author(String id, Set<String> roles, boolean topCritic) {

	public boolean isCritic() {
		return roles.contains("CRITIC");
	}

	public boolean isModerator() {
		return roles.contains("MODERATOR") || roles.contains("ADMIN");
	}
}
