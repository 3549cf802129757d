package dev.reviewflow.moderation.report;

import java.time.Clock;
import java.time.Instant;

import dev.reviewflow.moderation.cases.CaseAction;
import dev.reviewflow.moderation.cases.CaseClosed;
import dev.reviewflow.moderation.cases.CaseKind;
import dev.reviewflow.moderation.cases.CaseResolved;
import dev.reviewflow.moderation.review.ReviewWithdrawn;

import org.springframework.context.event.EventListener;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * What the end of a case or of a review means for its reports, in the transaction of that change: a decision upholds
 * (REMOVE) or dismisses (KEEP) the case's reports, an appeal kept overturns the reports upheld before, a case closed
 * without a decision lets its reports count again towards a new case, a deleted review closes its open reports.
 */
@Component
class ReportOutcomes {

	/** Reports react to a withdrawn review before its case does. */
	static final int BEFORE_CASES = 0;

	private final ReportStore store;

	private final Clock clock;

	ReportOutcomes(ReportStore store, Clock clock) {
		this.store = store;
		this.clock = clock;
	}

	@EventListener
	@Transactional(propagation = Propagation.MANDATORY)
	void on(CaseResolved resolved) {
		for (Report report : store.openOfCase(resolved.caseId())) {
			report.resolve(resolved.action(), resolved.resolvedAt());
			store.save(report);
		}
		if (resolved.kind() == CaseKind.APPEAL && resolved.action() == CaseAction.KEEP) {
			// the removal was overturned: the reports that led to it were not upheld after all
			for (Report report : store.ofReview(resolved.reviewId(), ReportOutcome.UPHELD)) {
				report.overturn(resolved.resolvedAt());
				store.save(report);
			}
		}
	}

	@EventListener
	@Transactional(propagation = Propagation.MANDATORY)
	void on(CaseClosed closed) {
		for (Report report : store.openOfCase(closed.caseId())) {
			report.detach();
			store.save(report);
		}
	}

	/**
	 * The author deleted the review: its open reports are closed, before the case feature closes the review's case
	 * ({@link dev.reviewflow.moderation.cases.CaseOpening}), so they stay listed on that case.
	 */
	@EventListener
	@Order(ReportOutcomes.BEFORE_CASES)
	@Transactional(propagation = Propagation.MANDATORY)
	void on(ReviewWithdrawn withdrawn) {
		Instant now = Instant.now(clock);
		for (Report report : store.ofReview(withdrawn.reviewId(), ReportOutcome.OPEN)) {
			report.close(now);
			store.save(report);
		}
	}
}
