package dev.reviewflow.web.dashboard;

import dev.reviewflow.events.TitleIds;
import dev.reviewflow.web.api.ApiRefusal;
import dev.reviewflow.web.api.Services.Apis;
import dev.reviewflow.web.titles.Review;
import dev.reviewflow.web.titles.Title;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/** The chosen title's most helpful user reviews, asked for again whenever the dashboard's choice of title changes. */
@Controller
class HelpfulReviews {


	static final int SHOWN = 5;

	private final Apis apis;

	HelpfulReviews(Apis apis) {
		this.apis = apis;
	}

	@GetMapping(path = "/dashboard/reviews", headers = "HX-Request=true")
	String reviews(@RequestParam(defaultValue = "") String titleId, Model model) {
		model.addAttribute("title", null);
		model.addAttribute("reviews", null);
		model.addAttribute("problem", null);
		if (!TitleIds.isValid(titleId)) {
			model.addAttribute("problem", "Choose a title to see its most helpful reviews.");
			return "dashboard/reviews :: reviews";
		}
		try {
			model.addAttribute("title", apis.reviewIntake().get(null, Title.class, "/api/titles/{titleId}", titleId));
			model.addAttribute("reviews", apis.reviewIntake()
				.get(null, Review.PAGE, "/api/titles/{titleId}/reviews?type=USER&sort=helpful&size={size}", titleId, SHOWN));
		}
		catch (ApiRefusal refusal) {
			model.addAttribute("problem", refusal.detail());
		}
		return "dashboard/reviews :: reviews";
	}
}
