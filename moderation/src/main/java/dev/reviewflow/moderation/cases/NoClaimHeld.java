package dev.reviewflow.moderation.cases;

import java.util.Locale;

import org.jspecify.annotations.Nullable;

/** A moderator gave back a claim they do not hold. */
public class NoClaimHeld extends RuntimeException {

	public NoClaimHeld(CaseState status, @Nullable String claimedBy) {
		super("You do not hold a claim on this case; it is " + status.name().toLowerCase(Locale.ROOT)
				+ (status == CaseState.CLAIMED ? " by " + claimedBy : "") + ".");
	}
}
