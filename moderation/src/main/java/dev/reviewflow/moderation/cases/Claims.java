package dev.reviewflow.moderation.cases;

import java.time.Duration;
import java.util.UUID;

import dev.reviewflow.moderation.policy.Policies;
import dev.reviewflow.moderation.policy.Policy;
import dev.reviewflow.moderation.policy.PolicyVersion;
import dev.reviewflow.platform.RateLimits;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Moderators take cases from the queue for a while, and give them back. */
@Service
public class Claims {

	private final CaseStore store;

	private final CaseQueue queue;

	private final Policies policies;

	private final RateLimits rateLimits;

	Claims(CaseStore store, CaseQueue queue, Policies policies, RateLimits rateLimits) {
		this.store = store;
		this.queue = queue;
		this.policies = policies;
		this.rateLimits = rateLimits;
	}

	/**
	 * A moderator takes the case for the policy's claim timeout: {@link CaseClaimedByAnother} while another
	 * moderator's claim lasts, {@link CaseAlreadyResolved}, {@link OwnReviewCase}; 429 beyond the policy's claims per
	 * moderator (counted only if the claim commits).
	 */
	@Transactional
	public CaseView claim(UUID caseId, String moderatorId) {
		store.find(caseId).orElseThrow(() -> new CaseNotFound(caseId)).notAboutOwnReview(moderatorId);
		PolicyVersion policy = policies.current();
		Policy.RateLimit limit = policy.policy().rateLimits().claims();
		rateLimits.acquire(moderatorId, "claim", limit.max(), limit.window());
		ModerationCase locked = store.lock(caseId).orElseThrow(() -> new CaseNotFound(caseId));
		// a claim's deadline is set and compared on the database's clock alone, like the queue reads it
		locked.claim(moderatorId, store.databaseNow(), Duration.ofMinutes(policy.policy().claimTimeoutMinutes()),
				policy.version());
		store.save(locked);
		return queue.find(caseId).orElseThrow();
	}

	/** The moderator who holds the claim gives the case back to the queue; {@link NoClaimHeld} otherwise. */
	@Transactional
	public CaseView release(UUID caseId, String moderatorId) {
		ModerationCase locked = store.lock(caseId).orElseThrow(() -> new CaseNotFound(caseId));
		locked.release(moderatorId, store.databaseNow(), policies.current().version());
		store.save(locked);
		return queue.find(caseId).orElseThrow();
	}
}
