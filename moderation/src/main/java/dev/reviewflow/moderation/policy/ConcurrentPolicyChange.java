package dev.reviewflow.moderation.policy;

/** Two administrators replaced the policy at the same moment; this one lost. */
public class ConcurrentPolicyChange extends RuntimeException {

	public ConcurrentPolicyChange() {
		super("Another administrator changed the policy at the same moment; read it again.");
	}
}
