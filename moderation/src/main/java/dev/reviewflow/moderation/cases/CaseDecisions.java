package dev.reviewflow.moderation.cases;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

import dev.reviewflow.events.DecisionActor;
import dev.reviewflow.moderation.policy.Policies;
import dev.reviewflow.moderation.policy.Policy;
import dev.reviewflow.moderation.policy.PolicyVersion;
import dev.reviewflow.moderation.review.KnownReview;
import dev.reviewflow.moderation.review.KnownReviews;
import dev.reviewflow.moderation.review.ReviewDecisions;
import dev.reviewflow.platform.RateLimits;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Moderators' decisions: KEEP publishes the review (an appeal kept restores it), REMOVE removes it (an appeal refused
 * makes the removal or rejection final). The review is locked first, then the case: of two moderators deciding at
 * once exactly one succeeds, the other gets {@link CaseAlreadyResolved}.
 */
@Service
public class CaseDecisions {

	private final CaseStore store;

	private final CaseQueue queue;

	private final KnownReviews reviews;

	private final ReviewDecisions decisions;

	private final Policies policies;

	private final RateLimits rateLimits;

	private final Clock clock;

	CaseDecisions(CaseStore store, CaseQueue queue, KnownReviews reviews, ReviewDecisions decisions,
			Policies policies, RateLimits rateLimits, Clock clock) {
		this.store = store;
		this.queue = queue;
		this.reviews = reviews;
		this.decisions = decisions;
		this.policies = policies;
		this.rateLimits = rateLimits;
		this.clock = clock;
	}

	/** 429 beyond the policy's decisions per moderator (counted only if the decision commits). */
	@Transactional
	public CaseView decide(UUID caseId, String moderatorId, CaseAction action, String reason) {
		UUID reviewId = store.find(caseId).orElseThrow(() -> new CaseNotFound(caseId)).reviewId();
		PolicyVersion policy = policies.current();
		// counted before the review is locked, so a moderator's decisions waiting on each other hold no review
		Policy.RateLimit limit = policy.policy().rateLimits().decisions();
		rateLimits.acquire(moderatorId, "decision", limit.max(), limit.window());
		KnownReview review = reviews.lock(reviewId).orElseThrow();
		ModerationCase locked = store.lock(caseId).orElseThrow(() -> new CaseNotFound(caseId));
		locked.decide(moderatorId, action, reason, Instant.now(clock).truncatedTo(ChronoUnit.MICROS),
				store.databaseNow(), policy.version());
		store.save(locked);
		decisions.decide(reviewId, caseId, locked.reviewStatusAfterDecision(review.status()), DecisionActor.MODERATOR,
				moderatorId, List.of(locked.kind().name().toLowerCase(Locale.ROOT) + " case " + action.name() + ": "
						+ reason),
				policy.version());
		if (locked.keptAfterReports()) {
			decisions.kept(reviewId);
		}
		return queue.find(caseId).orElseThrow();
	}
}
