package dev.reviewflow.moderation.audit;

import java.util.List;

import dev.reviewflow.events.DecisionActor;
import dev.reviewflow.moderation.audit.AuditLog.Actor;
import dev.reviewflow.moderation.cases.CaseClaimed;
import dev.reviewflow.moderation.cases.CaseClosed;
import dev.reviewflow.moderation.cases.CaseKind;
import dev.reviewflow.moderation.cases.CaseOpened;
import dev.reviewflow.moderation.cases.CaseReleased;
import dev.reviewflow.moderation.policy.PolicyReplaced;
import dev.reviewflow.moderation.review.ReviewDecided;

import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Writes the audit log from the features' in-process events, synchronously, in the database transaction of the change
 * each entry records: the log never tells of something that did not happen, nor misses something that did.
 */
@Component
class AuditTrail {

	private final AuditLog log;

	AuditTrail(AuditLog log) {
		this.log = log;
	}

	@EventListener
	@Transactional(propagation = Propagation.MANDATORY)
	void on(ReviewDecided decided) {
		log.record(decided.actor() == DecisionActor.AUTOMATIC ? Actor.AUTOMATIC : Actor.moderator(decided.moderatorId()),
				"DECIDED", decided.reviewId(), decided.caseId(), decided.policyVersion(), decided.reasons(),
				"revision " + decided.revision() + " → " + decided.status().name());
	}

	@EventListener
	@Transactional(propagation = Propagation.MANDATORY)
	void on(CaseOpened opened) {
		boolean appeal = opened.kind() == CaseKind.APPEAL;
		log.record(opened.appellant() == null ? Actor.AUTOMATIC : Actor.user(opened.appellant()),
				appeal ? "APPEALED" : "CASE_OPENED", opened.reviewId(), opened.caseId(), opened.policyVersion(),
				opened.why(), opened.kind().name());
	}

	@EventListener
	@Transactional(propagation = Propagation.MANDATORY)
	void on(CaseClaimed claimed) {
		log.record(Actor.moderator(claimed.moderatorId()), "CLAIMED", claimed.reviewId(), claimed.caseId(),
				claimed.policyVersion(), List.of(), "until " + claimed.until());
	}

	@EventListener
	@Transactional(propagation = Propagation.MANDATORY)
	void on(CaseReleased released) {
		log.record(Actor.moderator(released.moderatorId()), "RELEASED", released.reviewId(), released.caseId(),
				released.policyVersion(), List.of(), null);
	}

	@EventListener
	@Transactional(propagation = Propagation.MANDATORY)
	void on(CaseClosed closed) {
		log.record(Actor.AUTOMATIC, "CASE_CLOSED", closed.reviewId(), closed.caseId(), closed.policyVersion(),
				List.of(closed.why()), null);
	}

	@EventListener
	@Transactional(propagation = Propagation.MANDATORY)
	void on(PolicyReplaced replaced) {
		log.record(Actor.admin(replaced.adminId()), "POLICY_CHANGED", null, null, replaced.version(),
				replaced.changes(), "version " + replaced.fromVersion() + " → " + replaced.version());
	}
}
