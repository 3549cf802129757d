package dev.reviewflow.web.me;

import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import dev.reviewflow.events.ReviewStatus;
import dev.reviewflow.web.api.ApiRefusal;
import dev.reviewflow.web.api.Page;
import dev.reviewflow.web.api.Services.Apis;
import dev.reviewflow.web.titles.Review;
import dev.reviewflow.web.titles.Title;
import dev.reviewflow.web.titles.TitleNames;
import org.jspecify.annotations.Nullable;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * {@code /me}: the caller's reviews (every state but deleted, newest first) with their status and, for those not
 * published, the moderators' reasons and the appeal; and the caller's reports with what became of them. Each list
 * pages on its own ({@code reviews}, {@code reports}); a part whose service refused shows its words in place. Who the
 * caller is, is the services' to say: their 401 asks the browser to sign in.
 */
@Controller
class MePage {


	static final ParameterizedTypeReference<Page<MyReport>> REPORTS = new ParameterizedTypeReference<>() {
	};

	static final int PER_PAGE = 10;

	/** The statuses a moderation decision put a review in: these show the decision and the appeal. */
	static final Set<ReviewStatus> DECIDED = EnumSet.of(ReviewStatus.HELD, ReviewStatus.HIDDEN, ReviewStatus.REMOVED,
			ReviewStatus.REJECTED);

	private final Apis apis;

	private final Standings standings;

	private final TitleNames titleNames;

	MePage(Apis apis, Standings standings, TitleNames titleNames) {
		this.apis = apis;
		this.titleNames = titleNames;
		this.standings = standings;
	}

	@GetMapping(path = "/me", headers = "HX-Request=true")
	String me(@RequestParam(name = "reviews", defaultValue = "0") int reviewsPage,
			@RequestParam(name = "reports", defaultValue = "0") int reportsPage,
			@RequestHeader(name = HttpHeaders.AUTHORIZATION, required = false) @Nullable String authorization,
			Model model) {
		Page<Review> reviews = null;
		Page<MyReport> reports = null;
		model.addAttribute("reviewsRefusal", null);
		model.addAttribute("reportsRefusal", null);
		try {
			reviews = apis.reviewIntake()
				.get(authorization, Review.PAGE, "/api/me/reviews?page={page}&size={size}", Math.max(0, reviewsPage),
						PER_PAGE);
		}
		catch (ApiRefusal refusal) {
			if (refusal.status() == 401) {
				return signIn(authorization, refusal, model);
			}
			model.addAttribute("reviewsRefusal", refusal);
		}
		try {
			reports = apis.moderation()
				.get(authorization, REPORTS, "/api/me/reports?page={page}&size={size}", Math.max(0, reportsPage),
						PER_PAGE);
		}
		catch (ApiRefusal refusal) {
			if (refusal.status() == 401) {
				return signIn(authorization, refusal, model);
			}
			model.addAttribute("reportsRefusal", refusal);
		}
		Map<String, String> titles = new LinkedHashMap<>();
		Map<UUID, StandingPanel> panels = new LinkedHashMap<>();
		if (reviews != null) {
			for (Review review : reviews.items()) {
				titles.computeIfAbsent(review.titleId(), this::titleName);
				if (DECIDED.contains(review.status())) {
					panels.put(review.reviewId(), standings.of(review.reviewId(), authorization, null, null, null));
				}
			}
		}
		if (reports != null) {
			reports.items().forEach(report -> titles.computeIfAbsent(report.titleId(), this::titleName));
		}
		model.addAttribute("signIn", false);
		model.addAttribute("reviews", reviews);
		model.addAttribute("reports", reports);
		model.addAttribute("reviewsPage", reviews == null ? Math.max(0, reviewsPage) : reviews.page());
		model.addAttribute("reportsPage", reports == null ? Math.max(0, reportsPage) : reports.page());
		model.addAttribute("titles", titles);
		model.addAttribute("panels", panels);
		return "me/me";
	}

	/**
	 * Nobody is signed in, or the sign-in has expired: a way to sign in, with the service's words when a token was
	 * sent (nobody signed in needs no explanation about bearer tokens).
	 */
	private static String signIn(@Nullable String authorization, ApiRefusal refusal, Model model) {
		model.addAttribute("signIn", true);
		model.addAttribute("signInWords", authorization == null ? null : refusal.detail());
		return "me/me";
	}

	/** The title's name, or its id when review-intake cannot say. */
	private String titleName(String titleId) {
		return titleNames.find(titleId).map(Title::name).orElse(titleId);
	}
}
