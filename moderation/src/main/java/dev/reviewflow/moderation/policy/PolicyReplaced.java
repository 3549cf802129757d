package dev.reviewflow.moderation.policy;

import java.util.List;

/**
 * In-process event: an administrator replaced the policy with a new version.
 * @param changes the names of the rules that differ
 */
public record PolicyReplaced(int fromVersion, int version, String adminId, List<String> changes) {

	public PolicyReplaced {
		changes = List.copyOf(changes);
	}
}
