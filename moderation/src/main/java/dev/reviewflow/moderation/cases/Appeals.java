package dev.reviewflow.moderation.cases;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

import dev.reviewflow.moderation.policy.Policies;
import dev.reviewflow.moderation.policy.Policy;
import dev.reviewflow.moderation.policy.PolicyVersion;
import dev.reviewflow.moderation.policy.Screening;
import dev.reviewflow.moderation.review.Decision;
import dev.reviewflow.moderation.review.KnownReview;
import dev.reviewflow.moderation.review.KnownReviews;
import dev.reviewflow.moderation.review.UnknownReview;
import dev.reviewflow.platform.RateLimits;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Authors appeal the removal or rejection of their reviews (the rules: {@link ModerationCase#appeal}). */
@Service
public class Appeals {

	private final CaseStore store;

	private final CaseQueue queue;

	private final KnownReviews reviews;

	private final Policies policies;

	private final RateLimits rateLimits;

	private final Clock clock;

	Appeals(CaseStore store, CaseQueue queue, KnownReviews reviews, Policies policies, RateLimits rateLimits,
			Clock clock) {
		this.store = store;
		this.queue = queue;
		this.reviews = reviews;
		this.policies = policies;
		this.rateLimits = rateLimits;
		this.clock = clock;
	}

	/** Opens an APPEAL case; 429 beyond the policy's appeals per user (counted only if the appeal commits). */
	@Transactional
	public CaseView appeal(UUID reviewId, String authorId, String statement) {
		PolicyVersion policy = policies.current();
		Policy.RateLimit limit = policy.policy().rateLimits().appeals();
		rateLimits.acquire(authorId, "appeal", limit.max(), limit.window());
		KnownReview review = reviews.lock(reviewId).orElseThrow(() -> new UnknownReview(reviewId));
		List<Decision> decided = reviews.decisions(reviewId);
		ModerationCase appeal = ModerationCase.appeal(review, authorId, statement, queue.appealOf(reviewId).orElse(null),
				decided.isEmpty() ? null : decided.getLast(), appealedReasons(review), policy.policy().appealWindowDays(),
				policy.version(), Instant.now(clock).truncatedTo(ChronoUnit.MICROS));
		store.insert(appeal);
		return queue.find(appeal.caseId()).orElseThrow();
	}

	/**
	 * What the appealed decision was about, in the codes the queue filters by: the reasons of the case whose REMOVE
	 * it was (report reasons, pre-moderation findings), or BANNED_TERM for a rejection by pre-moderation.
	 */
	private List<String> appealedReasons(KnownReview review) {
		return switch (review.status()) {
			case REJECTED -> List.of(Screening.Kind.BANNED_TERM.name());
			case REMOVED -> store.reasonsOfLastRemoval(review.reviewId());
			default -> List.of();
		};
	}
}
