package dev.reviewflow.moderation.policy;

import java.util.List;

import dev.reviewflow.platform.PlainText;
import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/**
 * The moderation policy: what pre-moderation looks for, when reports open a case, how long a claim lasts, how long an
 * author may appeal, and how often a user may vote or report. Administrators change it
 * ({@code PUT /api/moderation/policy}); every change is a new version and every decision records the one it used.
 * @param bannedTerms words or phrases that reject a review outright
 * @param suspectTerms words or phrases that hold a review for a moderator
 * @param reportThreshold the weighted reports that open a case (doubled after each time a moderator kept the review)
 * @param autoHide whether a review is hidden (HIDDEN) while its reports case is undecided
 * @param maxLinks more links than this hold a review
 * @param shouting when capitals count as shouting
 * @param nearDuplicateSimilarity how alike (0.5–1, word-trigram Jaccard) two reviews of one author must be to hold
 * the newer one
 * @param claimTimeoutMinutes how long a moderator's claim on a case lasts
 * @param appealWindowDays how long after a removal or rejection its author may appeal
 * @param rateLimits how often one user may do each kind of write
 */
public record Policy(@NotNull @Size(max = 500) List<@NotBlank @Size(max = 100) @PlainText String> bannedTerms,
		@NotNull @Size(max = 500) List<@NotBlank @Size(max = 100) @PlainText String> suspectTerms,
		@NotNull @DecimalMin("1") @DecimalMax("1000") Double reportThreshold, @NotNull Boolean autoHide,
		@NotNull @Min(0) @Max(100) Integer maxLinks, @NotNull @Valid Shouting shouting,
		@NotNull @DecimalMin("0.5") @DecimalMax("1") Double nearDuplicateSimilarity,
		@NotNull @Min(1) @Max(1440) Integer claimTimeoutMinutes, @NotNull @Min(1) @Max(365) Integer appealWindowDays,
		@NotNull @Valid RateLimits rateLimits) {

	public Policy {
		bannedTerms = List.copyOf(bannedTerms);
		suspectTerms = List.copyOf(suspectTerms);
	}

	/**
	 * Shouting: at least {@code minLetters} letters, of which at least {@code capitalsPercent} % are capitals.
	 */
	public record Shouting(@NotNull @Min(1) @Max(10_000) Integer minLetters,
			@NotNull @Min(50) @Max(100) Integer capitalsPercent) {
	}

	/**
	 * How often one user may act, each kind of write counted on its own. {@code reviews}, {@code reviewEdits},
	 * {@code reviewDeletes} and {@code ratings} are applied by review-intake, which receives them on
	 * {@code reviews.moderation-policy}; the others here. A limit left out (a document written before it existed, or
	 * a PUT without it) is its default.
	 * @param votes helpfulness votes set or retracted
	 * @param reports reports filed
	 * @param reviews reviews submitted
	 * @param reviewEdits edits of one's reviews
	 * @param reviewDeletes deletions of one's reviews
	 * @param ratings ratings set or withdrawn ({@code PUT|DELETE /api/titles/{titleId}/rating})
	 * @param appeals appeals filed
	 * @param claims a moderator's claims on cases (giving a claim back is not limited: it frees the case)
	 * @param decisions a moderator's decisions
	 */
	public record RateLimits(@NotNull @Valid RateLimit votes, @NotNull @Valid RateLimit reports,
			@Valid RateLimit reviews, @Valid RateLimit reviewEdits, @Valid RateLimit reviewDeletes,
			@Valid RateLimit ratings, @Valid RateLimit appeals, @Valid RateLimit claims, @Valid RateLimit decisions) {

		public RateLimits {
			reviews = reviews == null ? DEFAULTS.reviews() : reviews;
			// a policy stored before edits had a limit of their own counted them as reviews: they keep that pace
			reviewEdits = reviewEdits == null ? reviews : reviewEdits;
			reviewDeletes = reviewDeletes == null ? DEFAULTS.reviewDeletes() : reviewDeletes;
			ratings = ratings == null ? DEFAULTS.ratings() : ratings;
			appeals = appeals == null ? DEFAULTS.appeals() : appeals;
			claims = claims == null ? DEFAULTS.claims() : claims;
			decisions = decisions == null ? DEFAULTS.decisions() : decisions;
		}
	}

	/**
	 * The default limits: 60 votes a minute, 10 reports an hour, 20 reviews, 20 edits, 20 deletions and 20 rating
	 * changes an hour (what an event written before review-intake's later limits existed reads them as), 10 appeals a
	 * day, 30 claims and 30 decisions a minute.
	 */
	static final RateLimits DEFAULTS = defaults();

	private static RateLimits defaults() {
		RateLimit hourly = new RateLimit(20, 60);
		RateLimit moderatorsPace = new RateLimit(30, 1);
		return new RateLimits(new RateLimit(60, 1), new RateLimit(10, 60), hourly, hourly, hourly, hourly,
				new RateLimit(10, 1440), moderatorsPace, moderatorsPace);
	}

	/** At most {@code max} actions per {@code perMinutes} minutes. */
	public record RateLimit(@NotNull @Min(1) @Max(100_000) Integer max, @NotNull @Min(1) @Max(1440) Integer perMinutes) {

		public java.time.Duration window() {
			return java.time.Duration.ofMinutes(perMinutes);
		}
	}

	/** The policy in force before any administrator changed it: the configured terms and the defaults. */
	static Policy initial(ModerationProperties properties) {
		return new Policy(properties.bannedTerms(), properties.suspectTerms(), 3.0, true, 2, new Shouting(20, 70), 0.8,
				30, 20, DEFAULTS);
	}
}
