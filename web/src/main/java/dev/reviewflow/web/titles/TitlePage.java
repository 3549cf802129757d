package dev.reviewflow.web.titles;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import dev.reviewflow.events.TitleScoreChanged;
import dev.reviewflow.web.api.ApiRefusal;
import dev.reviewflow.web.api.Page;
import dev.reviewflow.web.api.Services.Apis;
import dev.reviewflow.web.api.Viewer;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.util.UriComponentsBuilder;

/** The titles and a title's page: its figures, its critic and user reviews, page by page in the chosen order. */
@Controller
class TitlePage {



	static final Set<String> SORTS = Set.of("helpful", "newest", "rating");

	static final int REVIEWS_PER_PAGE = 10;

	static final int CRITICS_SHOWN = 5;

	private final Apis apis;

	TitlePage(Apis apis) {
		this.apis = apis;
	}

	@GetMapping(path = "/titles", headers = "HX-Request=true")
	String titles(@RequestParam(defaultValue = "0") int page, Model model) {
		model.addAttribute("titles",
				apis.reviewIntake().get(null, Title.PAGE, "/api/titles?page={page}&size=20", Math.max(0, page)));
		return "titles/titles";
	}

	@GetMapping(path = "/titles/{titleId}", headers = "HX-Request=true")
	String title(@PathVariable String titleId, @RequestParam(defaultValue = "helpful") String sort,
			@RequestParam(defaultValue = "0") int page,
			@RequestHeader(name = HttpHeaders.AUTHORIZATION, required = false) @Nullable String authorization,
			Model model) {
		String order = SORTS.contains(sort) ? sort : "helpful";
		Title title = apis.reviewIntake().get(null, Title.class, "/api/titles/{titleId}", titleId);
		Page<Review> critics = apis.reviewIntake()
			.get(null, Review.PAGE, "/api/titles/{titleId}/reviews?type=CRITIC&sort=helpful&size={size}", titleId,
					CRITICS_SHOWN);
		Page<Review> reviews = apis.reviewIntake()
			.get(null, Review.PAGE, "/api/titles/{titleId}/reviews?type=USER&sort={sort}&page={page}&size={size}",
					titleId, order, Math.max(0, page), REVIEWS_PER_PAGE);
		List<UUID> shown = new ArrayList<>();
		critics.items().forEach(review -> shown.add(review.reviewId()));
		reviews.items().forEach(review -> shown.add(review.reviewId()));
		model.addAttribute("title", title);
		model.addAttribute("critics", critics);
		model.addAttribute("reviews", reviews);
		model.addAttribute("sort", order);
		model.addAttribute("viewer", Viewer.of(authorization).orElse(null));
		model.addAttribute("live", UriComponentsBuilder.fromPath("/live/scores")
			.queryParam("titleId", titleId)
			.queryParam("reviewId", shown.toArray())
			.encode()
			.build()
			.toUriString());
		scores(titleId, model);
		return "titles/title";
	}

	/** The title's figures, refreshed when the live stream says they changed. */
	@GetMapping(path = "/titles/{titleId}/scores", headers = "HX-Request=true")
	String scores(@PathVariable String titleId, Model model) {
		model.addAttribute("titleId", titleId);
		try {
			model.addAttribute("score", apis.scoring().get(null, TitleScoreChanged.class, "/api/titles/{titleId}/score",
					titleId));
		}
		catch (ApiRefusal refusal) {
			// no score yet (nobody has rated or reviewed it), or scoring is not answering: the page says which
			model.addAttribute("score", null);
			model.addAttribute("scoreRefusal", refusal.notFound() ? null : refusal);
		}
		return "titles/scores :: scores";
	}
}
