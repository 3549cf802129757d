package dev.reviewflow.moderation.policy;

/** The administrator edited a version of the policy that is no longer the latest. */
public class PolicyChangedMeanwhile extends RuntimeException {

	public PolicyChangedMeanwhile(int current, int expected) {
		super("The policy is at version " + current + ", not " + expected
				+ "; read it again and reapply your change.");
	}
}
