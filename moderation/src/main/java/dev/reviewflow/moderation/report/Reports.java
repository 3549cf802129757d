package dev.reviewflow.moderation.report;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import dev.reviewflow.events.ReportReason;
import dev.reviewflow.events.ReviewReported;
import dev.reviewflow.events.ReviewStatus;
import dev.reviewflow.moderation.cases.CaseAction;
import dev.reviewflow.moderation.cases.CaseKind;
import dev.reviewflow.moderation.cases.CaseReports;
import dev.reviewflow.moderation.cases.Cases;
import dev.reviewflow.moderation.policy.Policies;
import dev.reviewflow.moderation.policy.Policy;
import dev.reviewflow.moderation.policy.PolicyVersion;
import dev.reviewflow.moderation.review.KnownReview;
import dev.reviewflow.moderation.review.KnownReviews;
import dev.reviewflow.moderation.review.ReviewWithdrawn;
import dev.reviewflow.platform.ApiException;
import dev.reviewflow.platform.Outbox;
import dev.reviewflow.platform.RateLimits;
import io.micrometer.core.instrument.MeterRegistry;
import org.jspecify.annotations.Nullable;

import org.springframework.context.annotation.Lazy;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Reports on published reviews. When the open reports on a review, each weighted by its reporter's record
 * ({@link ReporterWeights}), reach the policy's threshold — doubled for each time moderators kept the review after
 * reports — a REPORTED case opens. Reporters whose report on a review was dismissed cannot report it again.
 */
@Service
public class Reports implements CaseReports {

	private final JdbcClient jdbc;

	private final KnownReviews reviews;

	private final Cases cases;

	private final Policies policies;

	private final ReporterWeights weights;

	private final RateLimits rateLimits;

	private final Outbox outbox;

	private final MeterRegistry meters;

	/** {@code cases} lazily: cases ask reports (as {@link CaseReports}) about the reports behind a case. */
	private final Clock clock;

	Reports(JdbcClient jdbc, KnownReviews reviews, @Lazy Cases cases,
			Policies policies, ReporterWeights weights, RateLimits rateLimits, Outbox outbox, MeterRegistry meters, Clock clock) {
		this.clock = clock;
		this.jdbc = jdbc;
		this.reviews = reviews;
		this.cases = cases;
		this.policies = policies;
		this.weights = weights;
		this.rateLimits = rateLimits;
		this.outbox = outbox;
		this.meters = meters;
	}

	/** A report and whether this call made it (false: the reporter's open report from before). */
	public record Filed(Report report, boolean created) {
	}

	@Transactional
	public Filed report(UUID reviewId, String reporterId, ReportReason reason, @Nullable String note) {
		KnownReview review = reviews.lock(reviewId)
			.filter(known -> known.status() != ReviewStatus.DELETED)
			.orElseThrow(() -> ApiException.notFound("There is no review " + reviewId + "."));
		List<Report> earlier = jdbc.sql(SELECT + " where r.review_id = ? and r.reporter_id = ?")
			.params(reviewId, reporterId)
			.query((rs, n) -> report(rs))
			.list();
		Optional<Report> open = earlier.stream().filter(report -> report.outcome().equals("OPEN")).findFirst();
		if (open.isPresent()) {
			return new Filed(open.get(), false);
		}
		if (review.authorId().equals(reporterId)) {
			throw ApiException.forbidden("You cannot report your own review.");
		}
		if (review.status() != ReviewStatus.PUBLISHED) {
			throw ApiException.notFound("There is no review " + reviewId + ".");
		}
		if (earlier.stream().anyMatch(report -> report.outcome().equals("DISMISSED"))) {
			throw ApiException.conflict("Moderators looked at this review after your report and kept it; "
					+ "you cannot report it again.");
		}
		PolicyVersion policy = policies.current();
		Policy.RateLimit limit = policy.policy().rateLimits().reports();
		rateLimits.acquire(reporterId, "report", limit.max(), limit.window());

		UUID reportId = UUID.randomUUID();
		double weight = weights.of(reporterId);
		Instant now = Instant.now(clock).truncatedTo(ChronoUnit.MICROS);
		Optional<UUID> unresolved = cases.unresolved(reviewId);
		jdbc.sql("""
				insert into report (report_id, review_id, reporter_id, reason, note, weight, reported_at, case_id, outcome)
				values (?, ?, ?, ?, ?, ?, ?, ?, 'OPEN')""")
			.params(reportId, reviewId, reporterId, reason.name(), note, weight, Timestamp.from(now),
					unresolved.orElse(null))
			.update();
		outbox.publish(reviewId.toString(), new ReviewReported(reportId, reviewId, reporterId, reason, note, now));
		meters.counter("reviewflow.reports", "reason", reason.name()).increment();

		if (unresolved.isPresent()) {
			cases.reportedAgain(unresolved.get(), weight, reason.name());
		}
		else {
			openCaseAtThreshold(review, policy);
		}
		return new Filed(new Report(reportId, reviewId, review.titleId(), reason, note, now, "OPEN", null), true);
	}

	private void openCaseAtThreshold(KnownReview review, PolicyVersion policy) {
		Pending pending = jdbc.sql("""
				select coalesce(sum(weight), 0), coalesce(array_agg(distinct reason), '{}')
				from report where review_id = ? and outcome = 'OPEN' and case_id is null""")
			.param(review.reviewId())
			.query((rs, n) -> new Pending(rs.getDouble(1), List.of((String[]) rs.getArray(2).getArray())))
			.single();
		double threshold = policy.policy().reportThreshold() * Math.pow(2, review.keeps());
		if (pending.weight() + 1e-9 >= threshold) {
			UUID caseId = cases.reportsReached(review, pending.weight(), threshold, pending.reasons(), policy);
			jdbc.sql("update report set case_id = ? where review_id = ? and outcome = 'OPEN' and case_id is null")
				.params(caseId, review.reviewId())
				.update();
		}
	}

	private record Pending(double weight, List<String> reasons) {
	}

	/** The reporter's reports, newest first. */
	public List<Report> of(String reporterId, long offset, int limit) {
		return jdbc.sql(SELECT + " where r.reporter_id = ? order by r.reported_at desc, r.report_id offset ? limit ?")
			.params(reporterId, offset, limit)
			.query((rs, n) -> report(rs))
			.list();
	}

	public long count(String reporterId) {
		return jdbc.sql("select count(*) from report where reporter_id = ?").param(reporterId).query(Long.class).single();
	}

	@Override
	public List<CaseReport> ofCase(UUID caseId) {
		return jdbc.sql("""
				select report_id, reporter_id, reason, note, weight, reported_at, outcome from report
				where case_id = ? order by reported_at, report_id""")
			.param(caseId)
			.query((rs, n) -> new CaseReport(rs.getObject(1, UUID.class), rs.getString(2),
					ReportReason.valueOf(rs.getString(3)), rs.getString(4), rs.getDouble(5),
					rs.getTimestamp(6).toInstant(), rs.getString(7)))
			.list();
	}

	@Override
	@Transactional(propagation = Propagation.MANDATORY)
	public void resolved(UUID caseId, UUID reviewId, CaseKind kind, @Nullable CaseAction action) {
		Timestamp now = Timestamp.from(Instant.now(clock));
		if (action == null) {
			jdbc.sql("update report set case_id = null where case_id = ? and outcome = 'OPEN'").param(caseId).update();
			return;
		}
		String outcome = action == CaseAction.KEEP ? "DISMISSED" : "UPHELD";
		jdbc.sql("update report set outcome = ?, resolved_at = ? where case_id = ? and outcome = 'OPEN'")
			.params(outcome, now, caseId)
			.update();
		if (kind == CaseKind.APPEAL && action == CaseAction.KEEP) {
			// the removal was overturned: the reports that led to it were not upheld after all
			jdbc.sql("update report set outcome = 'DISMISSED', resolved_at = ? where review_id = ? and outcome = 'UPHELD'")
				.params(now, reviewId)
				.update();
		}
	}

	/** The author deleted the review: its open reports are closed. */
	@EventListener
	@Transactional(propagation = Propagation.MANDATORY)
	void on(ReviewWithdrawn withdrawn) {
		jdbc.sql("update report set outcome = 'CLOSED', resolved_at = ? where review_id = ? and outcome = 'OPEN'")
			.params(Timestamp.from(Instant.now(clock)), withdrawn.reviewId())
			.update();
	}

	private static final String SELECT = """
			select r.report_id, r.review_id, v.title_id, r.reason, r.note, r.reported_at, r.outcome, r.resolved_at
			from report r join review v on v.review_id = r.review_id""";

	private static Report report(java.sql.ResultSet rs) throws java.sql.SQLException {
		Timestamp resolvedAt = rs.getTimestamp(8);
		return new Report(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class), rs.getString(3),
				ReportReason.valueOf(rs.getString(4)), rs.getString(5), rs.getTimestamp(6).toInstant(),
				rs.getString(7), resolvedAt == null ? null : resolvedAt.toInstant());
	}
}
