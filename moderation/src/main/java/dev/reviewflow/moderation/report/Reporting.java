package dev.reviewflow.moderation.report;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import dev.reviewflow.events.ReportReason;
import dev.reviewflow.events.ReviewReported;
import dev.reviewflow.events.ReviewStatus;
import dev.reviewflow.moderation.cases.CaseOpening;
import dev.reviewflow.moderation.policy.Policies;
import dev.reviewflow.moderation.policy.Policy;
import dev.reviewflow.moderation.policy.PolicyVersion;
import dev.reviewflow.moderation.review.KnownReview;
import dev.reviewflow.moderation.review.KnownReviews;
import dev.reviewflow.moderation.review.UnknownReview;
import dev.reviewflow.platform.Outbox;
import dev.reviewflow.platform.RateLimits;
import org.jspecify.annotations.Nullable;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Files reports on published reviews (the rules: {@link Report#file}). When the open reports on a review, each
 * weighted by its reporter's record ({@link ReporterWeights}), reach the policy's threshold — doubled for each time
 * moderators kept the review after reports — a REPORTED case opens ({@link CaseOpening#reportsReached}).
 */
@Service
public class Reporting {

	private final ReportStore store;

	private final ReportQueries queries;

	private final KnownReviews reviews;

	private final CaseOpening cases;

	private final Policies policies;

	private final ReporterWeights weights;

	private final RateLimits rateLimits;

	private final Outbox outbox;

	private final Clock clock;

	Reporting(ReportStore store, ReportQueries queries, KnownReviews reviews, CaseOpening cases, Policies policies,
			ReporterWeights weights, RateLimits rateLimits, Outbox outbox, Clock clock) {
		this.store = store;
		this.queries = queries;
		this.reviews = reviews;
		this.cases = cases;
		this.policies = policies;
		this.weights = weights;
		this.rateLimits = rateLimits;
		this.outbox = outbox;
		this.clock = clock;
	}

	/** A report and whether this call made it (false: the reporter's open report from before). */
	public record Filed(ReportView report, boolean created) {
	}

	@Transactional
	public Filed report(UUID reviewId, String reporterId, ReportReason reason, @Nullable String note) {
		KnownReview review = reviews.lock(reviewId)
			.filter(known -> known.status() != ReviewStatus.DELETED)
			.orElseThrow(() -> new UnknownReview(reviewId));
		List<Report> earlier = store.byReporter(reviewId, reporterId);
		Optional<Report> open = earlier.stream().filter(report -> report.outcome() == ReportOutcome.OPEN).findFirst();
		if (open.isPresent()) {
			return new Filed(queries.view(open.get(), review.titleId()), false);
		}
		Optional<UUID> unresolved = cases.unresolved(reviewId);
		Report filed = Report.file(review, reporterId, reason, note, earlier, weights.of(reporterId),
				unresolved.orElse(null), Instant.now(clock).truncatedTo(ChronoUnit.MICROS));
		PolicyVersion policy = policies.current();
		Policy.RateLimit limit = policy.policy().rateLimits().reports();
		rateLimits.acquire(reporterId, "report", limit.max(), limit.window());

		store.insert(filed);
		outbox.publish(reviewId.toString(), new ReviewReported(filed.reportId(), reviewId, reporterId, reason, note,
				filed.reportedAt()));
		if (unresolved.isPresent()) {
			cases.reportedAgain(unresolved.get(), filed.weight(), reason.name());
		}
		else {
			openCaseAtThreshold(review, policy);
		}
		return new Filed(queries.view(filed, review.titleId()), true);
	}

	private void openCaseAtThreshold(KnownReview review, PolicyVersion policy) {
		ReportStore.Pending pending = store.pending(review.reviewId());
		double threshold = policy.policy().reportThreshold() * Math.pow(2, review.keeps());
		if (pending.weight() + 1e-9 >= threshold) {
			UUID caseId = cases.reportsReached(review, pending.weight(), threshold, pending.reasons(), policy);
			store.attachPending(review.reviewId(), caseId);
		}
	}
}
