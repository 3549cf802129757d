package dev.reviewflow.web.moderation;

import dev.reviewflow.web.api.ApiRefusal;

/** What the console's pages share. */
final class Consoles {

	/** The words a page shows instead when moderation will not show it: which sign-in it needs, and a link. */
	static final String NEEDS_SIGN_IN = "moderation/needs :: refused";

	private Consoles() {
	}

	/**
	 * Moderation would not show the page to this browser: no token or an expired one (401), or roles that do not
	 * allow it (403). The page then says which sign-in it needs; moderation's answer, not the token read here, decides.
	 */
	static boolean needsSignIn(ApiRefusal refusal) {
		return refusal.status() == 401 || refusal.status() == 403;
	}
}
