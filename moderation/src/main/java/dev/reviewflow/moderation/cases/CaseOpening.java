package dev.reviewflow.moderation.cases;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;

import dev.reviewflow.events.DecisionActor;
import dev.reviewflow.events.ReviewStatus;
import dev.reviewflow.moderation.policy.Policies;
import dev.reviewflow.moderation.policy.PolicyVersion;
import dev.reviewflow.moderation.review.KnownReview;
import dev.reviewflow.moderation.review.KnownReviews;
import dev.reviewflow.moderation.review.ReviewDecisions;
import dev.reviewflow.moderation.review.ReviewScreened;
import dev.reviewflow.moderation.review.ReviewWithdrawn;

import org.springframework.context.event.EventListener;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Opens and closes cases as reviews change: pre-moderation held a revision (HELD), reports reached the threshold
 * (REPORTED, asked by the report feature), a new revision or a deletion makes earlier cases moot. At most one
 * unresolved case exists per review.
 */
@Service
public class CaseOpening {

	private final CaseStore store;

	private final KnownReviews reviews;

	private final ReviewDecisions decisions;

	private final Policies policies;

	private final Clock clock;

	CaseOpening(CaseStore store, KnownReviews reviews, ReviewDecisions decisions, Policies policies, Clock clock) {
		this.store = store;
		this.reviews = reviews;
		this.decisions = decisions;
		this.policies = policies;
		this.clock = clock;
	}

	/** A new revision was screened: earlier cases about the review are moot; a held revision gets a case of its own. */
	@EventListener
	@Transactional(propagation = Propagation.MANDATORY)
	void on(ReviewScreened screened) {
		close(screened.reviewId(), "superseded by revision " + screened.revision());
		if (screened.screening().outcome() == ReviewStatus.HELD) {
			KnownReview review = reviews.find(screened.reviewId()).orElseThrow();
			store.insert(ModerationCase.open(review, CaseKind.HELD, 1.0, screened.screening().kinds(),
					screened.screening().reasons(), policies.current().version(), now()));
		}
	}

	/** The author deleted the review: its cases close without a decision. */
	@EventListener
	@Order(1) // after the report feature has closed the review's reports, which stay on the case
	@Transactional(propagation = Propagation.MANDATORY)
	void on(ReviewWithdrawn withdrawn) {
		close(withdrawn.reviewId(), "review deleted by its author");
	}

	/** The review's unresolved case, if it has one. */
	@Transactional(propagation = Propagation.MANDATORY)
	public Optional<UUID> unresolved(UUID reviewId) {
		return store.unresolved(reviewId);
	}

	/** One more report on a review whose case is still open: it weighs in on the case's priority. */
	@Transactional(propagation = Propagation.MANDATORY)
	public void reportedAgain(UUID caseId, double weight, String reason) {
		ModerationCase open = store.lock(caseId).orElseThrow(() -> new CaseNotFound(caseId));
		open.reportedAgain(weight, reason);
		store.save(open);
	}

	/**
	 * Reports on a locked, published review reached the threshold: a REPORTED case opens and, when the policy says
	 * so, the review is hidden until a moderator decides.
	 */
	@Transactional(propagation = Propagation.MANDATORY)
	public UUID reportsReached(KnownReview review, double weight, double threshold, Collection<String> reasons,
			PolicyVersion policy) {
		String why = String.format(Locale.ROOT, "reports weighing %.2f reached the threshold of %.2f", weight,
				threshold);
		ModerationCase opened = ModerationCase.open(review, CaseKind.REPORTED, weight, List.copyOf(reasons),
				List.of(why), policies.current().version(), now());
		store.insert(opened);
		if (policy.policy().autoHide() && review.status() == ReviewStatus.PUBLISHED) {
			decisions.decide(review.reviewId(), opened.caseId(), ReviewStatus.HIDDEN, DecisionActor.AUTOMATIC, null,
					List.of(why + "; hidden until a moderator decides"), policy.version());
		}
		return opened.caseId();
	}

	/** Closes the review's unresolved case without a decision. */
	private void close(UUID reviewId, String why) {
		for (ModerationCase open : store.lockUnresolved(reviewId)) {
			open.close(why, Instant.now(clock), policies.current().version());
			store.save(open);
		}
	}

	private Instant now() {
		return Instant.now(clock).truncatedTo(ChronoUnit.MICROS);
	}
}
