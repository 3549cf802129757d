package dev.reviewflow.web.dashboard;

import dev.reviewflow.events.TitleIds;
import dev.reviewflow.web.WebProperties;
import dev.reviewflow.web.api.ApiRefusal;
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

/**
 * {@code /dashboard}: every title's figures a page at a time, each row refreshed in place when the live stream says
 * its score changed; the panels around them (plot, rate, helpful reviews, the moderation queue) fill themselves.
 */
@Controller
class Dashboard {

	/** Titles per page; the page's live stream follows them all, so never more than a stream may follow. */
	static final int TITLES_PER_PAGE = 20;

	private final TitleFigures figures;

	private final int pageSize;

	Dashboard(TitleFigures figures, WebProperties properties) {
		this.figures = figures;
		this.pageSize = Math.min(TITLES_PER_PAGE, properties.live().maxTitles());
	}

	@GetMapping(path = "/dashboard", headers = "HX-Request=true")
	String dashboard(@RequestParam(defaultValue = "0") int page,
			@RequestHeader(name = HttpHeaders.AUTHORIZATION, required = false) @Nullable String authorization,
			Model model) {
		TitleFigures.Rows rows = figures.page(Math.max(0, page), pageSize);
		ApiRefusal problem = rows.problem();
		model.addAttribute("titles", rows.titles());
		model.addAttribute("rows", rows.rows());
		model.addAttribute("scoresProblem", problem == null ? null : problem.detail());
		model.addAttribute("live", rows.rows().isEmpty() ? null : UriComponentsBuilder.fromPath("/live/scores")
			.queryParam("titleId", rows.rows().stream().map(TitleRow::titleId).toArray())
			.encode()
			.build()
			.toUriString());
		model.addAttribute("moderator", Viewer.of(authorization).map(Viewer::moderates).orElse(false));
		return "dashboard/dashboard";
	}

	/** One title's row as it stands now: what the row asks for when the live stream says its score changed. */
	@GetMapping(path = "/dashboard/titles/{titleId}/row", headers = "HX-Request=true")
	String row(@PathVariable String titleId, Model model) {
		if (!TitleIds.isValid(titleId)) {
			model.addAttribute("row", new TitleRow(titleId, titleId, null, "Not a title id."));
		}
		else {
			model.addAttribute("row", figures.row(titleId));
		}
		return "dashboard/row :: row";
	}
}
