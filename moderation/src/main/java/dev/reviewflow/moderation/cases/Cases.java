package dev.reviewflow.moderation.cases;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;

import dev.reviewflow.events.DecisionActor;
import dev.reviewflow.events.ReviewStatus;
import dev.reviewflow.moderation.audit.AuditLog;
import dev.reviewflow.moderation.policy.Policies;
import dev.reviewflow.moderation.policy.Policy;
import dev.reviewflow.moderation.policy.PolicyVersion;
import dev.reviewflow.moderation.policy.Screening;
import dev.reviewflow.moderation.review.Decision;
import dev.reviewflow.moderation.review.KnownReview;
import dev.reviewflow.moderation.review.KnownReviews;
import dev.reviewflow.moderation.review.ReviewScreened;
import dev.reviewflow.moderation.review.ReviewWithdrawn;
import dev.reviewflow.platform.ApiException;
import dev.reviewflow.platform.RateLimits;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.jspecify.annotations.Nullable;

import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Opens, claims and resolves cases. At most one unresolved case exists per review. Whatever changes a case first
 * locks its review ({@link KnownReviews#lock}), then the case, so concurrent reports, decisions and revisions of one
 * review never deadlock and never both win.
 */
@Service
public class Cases {

	private final JdbcClient jdbc;

	private final KnownReviews reviews;

	private final Policies policies;

	private final CaseQueue queue;

	private final CaseReports reports;

	private final AuditLog audit;

	private final MeterRegistry meters;

	private final RateLimits rateLimits;

	private final Clock clock;

	Cases(JdbcClient jdbc, KnownReviews reviews, Policies policies, CaseQueue queue, CaseReports reports,
			AuditLog audit, MeterRegistry meters, RateLimits rateLimits, Clock clock) {
		this.rateLimits = rateLimits;
		this.clock = clock;
		this.jdbc = jdbc;
		this.reviews = reviews;
		this.policies = policies;
		this.queue = queue;
		this.reports = reports;
		this.audit = audit;
		this.meters = meters;
	}

	/** A new revision was screened: earlier cases about the review are moot; a held revision gets a case of its own. */
	@EventListener
	@Transactional(propagation = Propagation.MANDATORY)
	void on(ReviewScreened screened) {
		close(screened.reviewId(), "superseded by revision " + screened.revision());
		if (screened.screening().outcome() == ReviewStatus.HELD) {
			open(screened.reviewId(), CaseKind.HELD, 1.0, screened.screening().kinds(), null, AuditLog.Actor.AUTOMATIC,
					screened.screening().reasons());
		}
	}

	/** The author deleted the review: its cases close without a decision. */
	@EventListener
	@Transactional(propagation = Propagation.MANDATORY)
	void on(ReviewWithdrawn withdrawn) {
		close(withdrawn.reviewId(), "review deleted by its author");
	}

	/** The review's unresolved case, if it has one. */
	@Transactional(propagation = Propagation.MANDATORY)
	public Optional<UUID> unresolved(UUID reviewId) {
		return jdbc.sql("select case_id from moderation_case where review_id = ? and state <> 'RESOLVED'")
			.param(reviewId)
			.query(UUID.class)
			.optional();
	}

	/** One more report on a review whose case is still open: it weighs in on the case's priority. */
	@Transactional(propagation = Propagation.MANDATORY)
	public void reportedAgain(UUID caseId, double weight, String reason) {
		jdbc.sql("""
				update moderation_case set weight = weight + ?,
				  reasons = case when ? = any(reasons) then reasons else array_append(reasons, ?) end
				where case_id = ?""")
			.params(weight, reason, reason, caseId)
			.update();
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
		UUID caseId = open(review.reviewId(), CaseKind.REPORTED, weight, List.copyOf(reasons), null,
				AuditLog.Actor.AUTOMATIC, List.of(why));
		if (policy.policy().autoHide() && review.status() == ReviewStatus.PUBLISHED) {
			reviews.decide(review.reviewId(), caseId, ReviewStatus.HIDDEN, DecisionActor.AUTOMATIC, null,
					List.of(why + "; hidden until a moderator decides"), policy.version());
		}
		return caseId;
	}

	/**
	 * A moderator takes the case; 409 while another moderator's claim lasts, 429 beyond the policy's claims per
	 * moderator.
	 */
	@Transactional
	public ModerationCase claim(UUID caseId, String moderatorId) {
		queue.find(caseId).ifPresent(found -> notTheAuthor(found.authorId(), moderatorId));
		PolicyVersion policy = policies.current();
		acquire(moderatorId, "claim", policy.policy().rateLimits().claims());
		// a claim's deadline is set and compared on the database's clock alone (now() there), like the queue reads it
		int claimed = jdbc.sql("""
				update moderation_case set state = 'CLAIMED', claimed_by = ?,
				  claim_expires_at = now() + make_interval(mins => ?)
				where case_id = ? and (state = 'OPEN' or (state = 'CLAIMED' and (claimed_by = ? or claim_expires_at <= now())))""")
			.params(moderatorId, policy.policy().claimTimeoutMinutes(), caseId, moderatorId)
			.update();
		if (claimed == 0) {
			throw unavailable(caseId, moderatorId);
		}
		ModerationCase claimedCase = queue.find(caseId).orElseThrow();
		audit.record(AuditLog.Actor.moderator(moderatorId), "CLAIMED", claimedCase.reviewId(), caseId,
				policy.version(), List.of(), "until " + claimedCase.claimExpiresAt());
		return claimedCase;
	}

	/** The moderator who holds the claim gives the case back to the queue; 409 when they do not hold it. */
	@Transactional
	public ModerationCase release(UUID caseId, String moderatorId) {
		int released = jdbc.sql("""
				update moderation_case set state = 'OPEN', claimed_by = null, claim_expires_at = null
				where case_id = ? and state = 'CLAIMED' and claimed_by = ? and claim_expires_at > now()""")
			.params(caseId, moderatorId)
			.update();
		ModerationCase current = queue.find(caseId)
			.orElseThrow(() -> ApiException.notFound("There is no case " + caseId + "."));
		if (released == 0) {
			throw ApiException.conflict("You do not hold a claim on this case; it is "
					+ current.status().name().toLowerCase(Locale.ROOT)
					+ (current.status() == CaseState.CLAIMED ? " by " + current.claimedBy() : "") + ".");
		}
		audit.record(AuditLog.Actor.moderator(moderatorId), "RELEASED", current.reviewId(), caseId,
				policies.current().version(), List.of(), null);
		return current;
	}

	/**
	 * A moderator decides: KEEP publishes the review (an appeal kept restores it), REMOVE removes it (an appeal
	 * refused makes the removal or rejection final). 409 when the case is resolved already or another moderator's
	 * claim lasts; of two moderators deciding at once exactly one succeeds. 429 beyond the policy's decisions per
	 * moderator.
	 */
	@Transactional
	public ModerationCase decide(UUID caseId, String moderatorId, CaseAction action, String reason) {
		UUID reviewId = queue.find(caseId)
			.orElseThrow(() -> ApiException.notFound("There is no case " + caseId + "."))
			.reviewId();
		PolicyVersion policy = policies.current();
		// counted before the review is locked, so a moderator's decisions waiting on each other hold no review
		acquire(moderatorId, "decision", policy.policy().rateLimits().decisions());
		KnownReview review = reviews.lock(reviewId).orElseThrow();
		notTheAuthor(review.authorId(), moderatorId);
		Instant now = Instant.now(clock).truncatedTo(ChronoUnit.MICROS);
		List<Resolved> resolved = jdbc.sql("""
				update moderation_case set state = 'RESOLVED', resolved_at = ?, resolved_by = ?, action = ?,
				  resolution = ?, policy_version = ?
				where case_id = ? and state <> 'RESOLVED'
				  and (state = 'OPEN' or claimed_by = ? or claim_expires_at <= now())
				returning kind, opened_at""")
			.params(Timestamp.from(now), moderatorId, action.name(), reason, policy.version(), caseId, moderatorId)
			.query((rs, n) -> new Resolved(CaseKind.valueOf(rs.getString(1)), rs.getTimestamp(2).toInstant()))
			.list();
		if (resolved.isEmpty()) {
			throw unavailable(caseId, moderatorId);
		}
		CaseKind kind = resolved.getFirst().kind();
		ReviewStatus status = action == CaseAction.KEEP ? ReviewStatus.PUBLISHED
				: kind == CaseKind.APPEAL ? review.status() : ReviewStatus.REMOVED;
		reviews.decide(reviewId, caseId, status, DecisionActor.MODERATOR, moderatorId,
				List.of(kind.name().toLowerCase(Locale.ROOT) + " case " + action.name() + ": " + reason),
				policy.version());
		if (action == CaseAction.KEEP && kind != CaseKind.HELD) {
			reviews.kept(reviewId);
		}
		reports.resolved(caseId, reviewId, kind, action);
		Timer.builder("reviewflow.moderation.case.decision.time")
			.description("From a case opened to a moderator's decision")
			.tags("kind", kind.name(), "action", action.name())
			.register(meters)
			.record(Duration.between(resolved.getFirst().openedAt(), now));
		return queue.find(caseId).orElseThrow();
	}

	/**
	 * The author appeals the removal or rejection of their review: once per review, within the policy's appeal window
	 * after the decision; 429 beyond the policy's appeals per user.
	 */
	@Transactional
	public ModerationCase appeal(UUID reviewId, String authorId, String statement) {
		acquire(authorId, "appeal", policies.current().policy().rateLimits().appeals());
		KnownReview review = reviews.lock(reviewId)
			.filter(known -> known.status() != ReviewStatus.DELETED)
			.filter(known -> known.authorId().equals(authorId) || known.status() == ReviewStatus.PUBLISHED)
			.orElseThrow(() -> ApiException.notFound("There is no review " + reviewId + "."));
		if (!review.authorId().equals(authorId)) {
			throw ApiException.forbidden("Only the author of a review can appeal a decision about it.");
		}
		if (review.status() != ReviewStatus.REMOVED && review.status() != ReviewStatus.REJECTED) {
			throw ApiException.conflict("Only a removed or rejected review can be appealed; this one is "
					+ review.status().name().toLowerCase(Locale.ROOT) + ".");
		}
		Optional<ModerationCase> earlier = queue.appealOf(reviewId);
		if (earlier.isPresent()) {
			throw ApiException.conflict("A review can be appealed once; your appeal (case " + earlier.get().caseId()
					+ ") is " + earlier.get().status().name().toLowerCase(Locale.ROOT) + ".");
		}
		PolicyVersion policy = policies.current();
		Decision appealed = reviews.decisions(reviewId).getLast();
		Instant deadline = appealDeadline(appealed, policy);
		if (Instant.now(clock).isAfter(deadline)) {
			throw ApiException.conflict("Appeals are possible for " + policy.policy().appealWindowDays()
					+ " days after the decision; the time to appeal this one ended at " + deadline + ".");
		}
		UUID caseId = open(reviewId, CaseKind.APPEAL, 1.0, appealedReasons(reviewId, review.status()), statement, AuditLog.Actor.user(authorId),
				List.of(statement));
		return queue.find(caseId).orElseThrow();
	}

	/**
	 * Where the review stands in moderation, for its author: every decision and why, and whether and until when they
	 * may appeal.
	 */
	public Standing standing(KnownReview review) {
		List<Decision> decisions = reviews.decisions(review.reviewId());
		Optional<ModerationCase> appeal = queue.appealOf(review.reviewId());
		Standing.Appeal appealView;
		if (appeal.isPresent()) {
			appealView = new Standing.Appeal(appeal.get().status().name(), null, appeal.get().caseId(),
					appeal.get().action());
		}
		else if (decisions.isEmpty()
				|| (review.status() != ReviewStatus.REMOVED && review.status() != ReviewStatus.REJECTED)) {
			appealView = new Standing.Appeal("NOT_APPLICABLE", null, null, null);
		}
		else {
			Instant deadline = appealDeadline(decisions.getLast(), policies.current());
			appealView = new Standing.Appeal(Instant.now(clock).isAfter(deadline) ? "EXPIRED" : "AVAILABLE", deadline, null,
					null);
		}
		return new Standing(review.reviewId(), review.status(), decisions, appealView);
	}

	/** A review's moderation history and appeal, as its author sees it. */
	public record Standing(UUID reviewId, ReviewStatus status, List<Decision> decisions, Appeal appeal) {

		/**
		 * @param status AVAILABLE (until {@code until}), EXPIRED, NOT_APPLICABLE, or the appeal case's status (OPEN,
		 * CLAIMED, RESOLVED with its {@code action})
		 */
		public record Appeal(String status, @Nullable Instant until, @Nullable UUID caseId,
				@Nullable CaseAction action) {
		}
	}

	/**
	 * What the appealed decision was about, in the codes the queue filters by: the reasons of the case whose REMOVE
	 * it was (report reasons, pre-moderation findings), or BANNED_TERM for a rejection by pre-moderation.
	 */
	private List<String> appealedReasons(UUID reviewId, ReviewStatus status) {
		if (status == ReviewStatus.REJECTED) {
			return List.of(Screening.Kind.BANNED_TERM.name());
		}
		return jdbc.sql("""
				select reasons from moderation_case where review_id = ? and action = 'REMOVE'
				order by resolved_at desc limit 1""")
			.param(reviewId)
			.query((rs, n) -> List.of((String[]) rs.getArray(1).getArray()))
			.optional()
			.orElse(List.of());
	}

	private static Instant appealDeadline(Decision decision, PolicyVersion policy) {
		return decision.decidedAt().plus(Duration.ofDays(policy.policy().appealWindowDays()));
	}

	private UUID open(UUID reviewId, CaseKind kind, double weight, List<String> reasons, @Nullable String statement,
			AuditLog.Actor actor, List<String> why) {
		UUID caseId = UUID.randomUUID();
		jdbc.sql("""
				insert into moderation_case (case_id, review_id, kind, state, reasons, weight, statement, opened_at)
				values (?, ?, ?, 'OPEN', ?, ?, ?, ?)""")
			.params(caseId, reviewId, kind.name(), reasons.toArray(String[]::new), weight, statement,
					Timestamp.from(Instant.now(clock).truncatedTo(ChronoUnit.MICROS)))
			.update();
		audit.record(actor, kind == CaseKind.APPEAL ? "APPEALED" : "CASE_OPENED", reviewId, caseId,
				policies.current().version(), why, kind.name());
		meters.counter("reviewflow.moderation.cases.opened", "kind", kind.name()).increment();
		return caseId;
	}

	/** Closes the review's unresolved case without a decision. */
	private void close(UUID reviewId, String why) {
		List<Closed> closed = jdbc.sql("""
				update moderation_case set state = 'RESOLVED', resolved_at = ?, resolution = ?
				where review_id = ? and state <> 'RESOLVED' returning case_id, kind""")
			.params(Timestamp.from(Instant.now(clock)), why, reviewId)
			.query((rs, n) -> new Closed(rs.getObject(1, UUID.class), CaseKind.valueOf(rs.getString(2))))
			.list();
		for (Closed each : closed) {
			reports.resolved(each.caseId(), reviewId, each.kind(), null);
			audit.record(AuditLog.Actor.AUTOMATIC, "CASE_CLOSED", reviewId, each.caseId(),
					policies.current().version(), List.of(why), null);
		}
	}

	private record Closed(UUID caseId, CaseKind kind) {
	}

	/**
	 * One more action of the kind by the user, within the policy's limit, or 429 with {@code Retry-After}; counted
	 * only if the action's transaction commits.
	 */
	private void acquire(String userId, String action, Policy.RateLimit limit) {
		rateLimits.acquire(userId, action, limit.max(), limit.window());
	}

	private static void notTheAuthor(String authorId, String moderatorId) {
		if (authorId.equals(moderatorId)) {
			throw ApiException.forbidden("Moderators do not decide cases about their own reviews.");
		}
	}

	private ApiException unavailable(UUID caseId, String moderatorId) {
		ModerationCase current = queue.find(caseId)
			.orElseThrow(() -> ApiException.notFound("There is no case " + caseId + "."));
		if (current.status() == CaseState.RESOLVED) {
			return ApiException.conflict("This case is resolved already"
					+ (current.action() == null ? " (" + current.resolution() + ")."
							: ": " + current.resolvedBy() + " decided " + current.action() + " at " + current.resolvedAt()
									+ "."));
		}
		return ApiException.conflict("Moderator " + current.claimedBy() + " has claimed this case until "
				+ current.claimExpiresAt() + ".");
	}

	private record Resolved(CaseKind kind, Instant openedAt) {
	}
}
