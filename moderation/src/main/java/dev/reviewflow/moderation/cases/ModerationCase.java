package dev.reviewflow.moderation.cases;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import dev.reviewflow.events.ReviewStatus;
import dev.reviewflow.moderation.review.Decision;
import dev.reviewflow.moderation.review.KnownReview;
import dev.reviewflow.moderation.review.UnknownReview;
import org.jspecify.annotations.Nullable;

/**
 * A moderator's work item about one review, and the rules of its life: OPEN → CLAIMED (by one moderator, until the
 * claim expires; given back → OPEN) → RESOLVED (decided KEEP or REMOVE by a moderator, or closed without a decision
 * because its review changed or was deleted). An author's appeal of a removal or rejection opens an APPEAL case,
 * once per review and within the policy's window. Each transition checks the state first and then registers an
 * event ({@link CaseOpened}, {@link CaseClaimed}, {@link CaseReleased}, {@link CaseResolved}, {@link CaseClosed});
 * what is not allowed raises a domain exception.
 * <p>
 * Claims are compared with {@code now} as the database tells it, so a claim's deadline is set and checked on one
 * clock alone.
 */
public class ModerationCase {

	private final UUID caseId;

	private final UUID reviewId;

	private final String reviewAuthorId;

	private final CaseKind kind;

	private CaseState state;

	private double weight;

	private final List<String> reasons;

	private final @Nullable String statement;

	private final Instant openedAt;

	private @Nullable String claimedBy;

	private @Nullable Instant claimExpiresAt;

	private @Nullable Instant resolvedAt;

	private @Nullable String resolvedBy;

	private @Nullable CaseAction action;

	private @Nullable String resolution;

	private @Nullable Integer policyVersion;

	private final List<Object> events = new ArrayList<>();

	ModerationCase(UUID caseId, UUID reviewId, String reviewAuthorId, CaseKind kind, CaseState state, double weight,
			List<String> reasons, @Nullable String statement, Instant openedAt, @Nullable String claimedBy,
			@Nullable Instant claimExpiresAt, @Nullable Instant resolvedAt, @Nullable String resolvedBy,
			@Nullable CaseAction action, @Nullable String resolution, @Nullable Integer policyVersion) {
		this.caseId = caseId;
		this.reviewId = reviewId;
		this.reviewAuthorId = reviewAuthorId;
		this.kind = kind;
		this.state = state;
		this.weight = weight;
		this.reasons = new ArrayList<>(reasons);
		this.statement = statement;
		this.openedAt = openedAt;
		this.claimedBy = claimedBy;
		this.claimExpiresAt = claimExpiresAt;
		this.resolvedAt = resolvedAt;
		this.resolvedBy = resolvedBy;
		this.action = action;
		this.resolution = resolution;
		this.policyVersion = policyVersion;
	}

	/**
	 * A new OPEN case about the review, opened automatically (reports reached the threshold, pre-moderation held the
	 * review).
	 * @param why what the audit log records as the reasons
	 */
	public static ModerationCase open(KnownReview review, CaseKind kind, double weight, List<String> reasons,
			List<String> why, int policyVersion, Instant at) {
		if (kind == CaseKind.APPEAL) {
			throw new IllegalArgumentException("An appeal is opened by its author: ModerationCase.appeal");
		}
		return opened(review, kind, weight, reasons, null, null, why, policyVersion, at);
	}

	/**
	 * The author appeals the last decision about their review: only its author (to anyone else a review that is not
	 * published does not exist), only a REMOVED or REJECTED review, once per review, and within {@code windowDays}
	 * of the decision.
	 * @param earlierAppeal the author's appeal about the review, if they made one
	 * @param appealed the last decision about the review
	 * @param reasons what the appealed decision was about, in the codes the queue filters by
	 */
	public static ModerationCase appeal(KnownReview review, String authorId, String statement,
			@Nullable CaseView earlierAppeal, @Nullable Decision appealed, List<String> reasons, int windowDays,
			int policyVersion, Instant now) {
		boolean author = review.authorId().equals(authorId);
		if (review.status() == ReviewStatus.DELETED || (!author && review.status() != ReviewStatus.PUBLISHED)) {
			throw new UnknownReview(review.reviewId());
		}
		if (!author) {
			throw new NotTheAuthor();
		}
		if (review.status() != ReviewStatus.REMOVED && review.status() != ReviewStatus.REJECTED) {
			throw new NotAppealable(review.status());
		}
		if (earlierAppeal != null) {
			throw new AlreadyAppealed(earlierAppeal.caseId(), earlierAppeal.status());
		}
		if (appealed == null) {
			throw new IllegalStateException("A removed or rejected review " + review.reviewId() + " has no decision");
		}
		Instant deadline = appealDeadline(appealed, windowDays);
		if (now.isAfter(deadline)) {
			throw new AppealWindowClosed(windowDays, deadline);
		}
		return opened(review, CaseKind.APPEAL, 1.0, reasons, statement, authorId, List.of(statement), policyVersion,
				now);
	}

	/** Until when the author may appeal the decision. */
	public static Instant appealDeadline(Decision decision, int windowDays) {
		return decision.decidedAt().plus(Duration.ofDays(windowDays));
	}

	private static ModerationCase opened(KnownReview review, CaseKind kind, double weight, List<String> reasons,
			@Nullable String statement, @Nullable String appellant, List<String> why, int policyVersion, Instant at) {
		ModerationCase opened = new ModerationCase(UUID.randomUUID(), review.reviewId(), review.authorId(), kind,
				CaseState.OPEN, weight, reasons, statement, at, null, null, null, null, null, null, null);
		opened.events.add(new CaseOpened(opened.caseId, opened.reviewId, kind, weight, reasons, appellant, why,
				policyVersion, at));
		return opened;
	}

	/** Where the case stands at {@code now} (the database's clock): a claim past its expiry is OPEN again. */
	public CaseState status(Instant now) {
		return state == CaseState.CLAIMED && claimLapsed(now) ? CaseState.OPEN : state;
	}

	/**
	 * A moderator takes the case for {@code timeout}, or renews their claim; not while another moderator's claim
	 * lasts, not once resolved, never a case about their own review.
	 */
	public void claim(String moderatorId, Instant now, Duration timeout, int policyVersion) {
		notAboutOwnReview(moderatorId);
		availableTo(moderatorId, now);
		state = CaseState.CLAIMED;
		claimedBy = moderatorId;
		claimExpiresAt = now.plus(timeout);
		events.add(new CaseClaimed(caseId, reviewId, moderatorId, claimExpiresAt, policyVersion));
	}

	/** The moderator whose claim lasts gives the case back to the queue. */
	public void release(String moderatorId, Instant now, int policyVersion) {
		if (state != CaseState.CLAIMED || !moderatorId.equals(claimedBy) || claimLapsed(now)) {
			throw new NoClaimHeld(status(now), claimedBy);
		}
		state = CaseState.OPEN;
		claimedBy = null;
		claimExpiresAt = null;
		events.add(new CaseReleased(caseId, reviewId, moderatorId, policyVersion));
	}

	/**
	 * A moderator decides: the case is RESOLVED with their action. Not once resolved, not while another moderator's
	 * claim lasts, never a case about their own review.
	 * @param at when (moderation's clock, for people)
	 * @param now the database's clock, to compare with the claim's expiry
	 */
	public void decide(String moderatorId, CaseAction action, String reason, Instant at, Instant now,
			int policyVersion) {
		notAboutOwnReview(moderatorId);
		availableTo(moderatorId, now);
		state = CaseState.RESOLVED;
		resolvedAt = at;
		resolvedBy = moderatorId;
		this.action = action;
		resolution = reason;
		this.policyVersion = policyVersion;
		events.add(new CaseResolved(caseId, reviewId, kind, action, moderatorId, reason, openedAt, at, policyVersion));
	}

	/** Closes the case without a decision: its review changed or was deleted. A resolved case stays as it is. */
	public void close(String why, Instant at, int policyVersion) {
		if (state == CaseState.RESOLVED) {
			throw new CaseAlreadyResolved(action, resolvedBy, resolvedAt, resolution);
		}
		state = CaseState.RESOLVED;
		resolvedAt = at;
		resolution = why;
		events.add(new CaseClosed(caseId, reviewId, kind, why, policyVersion));
	}

	/** One more report on the review while the case is unresolved: it weighs in on the case's priority. */
	public void reportedAgain(double reportWeight, String reason) {
		if (state == CaseState.RESOLVED) {
			throw new CaseAlreadyResolved(action, resolvedBy, resolvedAt, resolution);
		}
		weight += reportWeight;
		if (!reasons.contains(reason)) {
			reasons.add(reason);
		}
	}

	/**
	 * Where the review stands after this case's decision: KEEP publishes it (an appeal kept restores it); REMOVE
	 * removes it, and an appeal refused leaves the removal or rejection as it was, now final.
	 */
	public ReviewStatus reviewStatusAfterDecision(ReviewStatus current) {
		if (action == null) {
			throw new IllegalStateException("Case " + caseId + " is not decided");
		}
		return action == CaseAction.KEEP ? ReviewStatus.PUBLISHED
				: kind == CaseKind.APPEAL ? current : ReviewStatus.REMOVED;
	}

	/** Whether the decision kept a review that reports or an appeal were about: the report threshold doubles. */
	public boolean keptAfterReports() {
		return action == CaseAction.KEEP && kind != CaseKind.HELD;
	}

	/** Moderators do not claim or decide cases about their own reviews ({@link OwnReviewCase}). */
	public void notAboutOwnReview(String moderatorId) {
		if (reviewAuthorId.equals(moderatorId)) {
			throw new OwnReviewCase();
		}
	}

	private void availableTo(String moderatorId, Instant now) {
		if (state == CaseState.RESOLVED) {
			throw new CaseAlreadyResolved(action, resolvedBy, resolvedAt, resolution);
		}
		if (state == CaseState.CLAIMED && !moderatorId.equals(claimedBy) && !claimLapsed(now)) {
			throw new CaseClaimedByAnother(String.valueOf(claimedBy), claimExpiresAt);
		}
	}

	private boolean claimLapsed(Instant now) {
		return claimExpiresAt != null && !claimExpiresAt.isAfter(now);
	}

	/** The events registered since the case was loaded or last saved, oldest first. */
	public List<Object> events() {
		return List.copyOf(events);
	}

	void clearEvents() {
		events.clear();
	}

	public UUID caseId() {
		return caseId;
	}

	public UUID reviewId() {
		return reviewId;
	}

	public String reviewAuthorId() {
		return reviewAuthorId;
	}

	public CaseKind kind() {
		return kind;
	}

	/** The stored state: CLAIMED also after the claim lapsed (see {@link #status(Instant)}). */
	public CaseState state() {
		return state;
	}

	public double weight() {
		return weight;
	}

	public List<String> reasons() {
		return List.copyOf(reasons);
	}

	public @Nullable String statement() {
		return statement;
	}

	public Instant openedAt() {
		return openedAt;
	}

	public @Nullable String claimedBy() {
		return claimedBy;
	}

	public @Nullable Instant claimExpiresAt() {
		return claimExpiresAt;
	}

	public @Nullable Instant resolvedAt() {
		return resolvedAt;
	}

	public @Nullable String resolvedBy() {
		return resolvedBy;
	}

	public @Nullable CaseAction action() {
		return action;
	}

	public @Nullable String resolution() {
		return resolution;
	}

	public @Nullable Integer policyVersion() {
		return policyVersion;
	}
}
