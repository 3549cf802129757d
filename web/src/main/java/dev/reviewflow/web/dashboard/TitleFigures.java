package dev.reviewflow.web.dashboard;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import dev.reviewflow.events.TitleScoreChanged;
import dev.reviewflow.web.api.ApiRefusal;
import dev.reviewflow.web.api.Page;
import dev.reviewflow.web.api.Services.Apis;
import dev.reviewflow.web.titles.Title;
import org.jspecify.annotations.Nullable;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.stereotype.Component;

/**
 * Titles with their figures: a page of review-intake's catalogue joined with scoring's scores. Both list in the order
 * of the title ids, so while every title has a score, scoring's page of the same number and size holds exactly the
 * catalogue page's titles, and two calls answer for the whole page. A title not on it (it has no score yet, or titles
 * before it have none and shift the pages apart) is read on its own: at most one call per title on the page.
 */
@Component
class TitleFigures {


	static final ParameterizedTypeReference<Page<TitleScoreChanged>> SCORES = new ParameterizedTypeReference<>() {
	};

	/** What a row says when scoring could not be asked. */
	static final String UNAVAILABLE = "Figures not available just now.";

	private final Apis apis;

	TitleFigures(Apis apis) {
		this.apis = apis;
	}

	/** A page of titles with their figures; {@code problem} says why scoring's figures are missing, if it failed. */
	record Rows(Page<Title> titles, List<TitleRow> rows, @Nullable ApiRefusal problem) {
	}

	Rows page(int page, int size) {
		Page<Title> titles = apis.reviewIntake()
			.get(null, Title.PAGE, "/api/titles?page={page}&size={size}", page, size);
		if (titles.empty()) {
			return new Rows(titles, List.of(), null);
		}
		Map<String, TitleScoreChanged> scores = new HashMap<>();
		ApiRefusal problem = null;
		try {
			apis.scoring()
				.get(null, SCORES, "/api/titles/scores?page={page}&size={size}", page, titles.size())
				.items()
				.forEach(score -> scores.put(score.titleId(), score));
		}
		catch (ApiRefusal refusal) {
			// a page beyond the titles scoring lists (400): each title is read on its own; scoring failing: no figures
			if (refusal.status() != 400) {
				problem = refusal;
			}
		}
		List<TitleRow> rows = new ArrayList<>();
		for (Title title : titles.items()) {
			TitleScoreChanged score = scores.get(title.titleId());
			if (score != null) {
				rows.add(new TitleRow(title.titleId(), title.name(), score, null));
			}
			else if (problem != null) {
				rows.add(new TitleRow(title.titleId(), title.name(), null, UNAVAILABLE));
			}
			else {
				try {
					rows.add(new TitleRow(title.titleId(), title.name(), score(title.titleId()), null));
				}
				catch (ApiRefusal refusal) {
					// scoring stopped answering: the rest of the page is not asked for, one by one
					problem = refusal;
					rows.add(new TitleRow(title.titleId(), title.name(), null, UNAVAILABLE));
				}
			}
		}
		return new Rows(titles, rows, problem);
	}

	/** One title's row as it stands now, its name and figures read afresh; a refusal is said in the row. */
	TitleRow row(String titleId) {
		String name = titleId;
		try {
			name = apis.reviewIntake().get(null, Title.class, "/api/titles/{titleId}", titleId).name();
			return new TitleRow(titleId, name, score(titleId), null);
		}
		catch (ApiRefusal refusal) {
			return new TitleRow(titleId, name, null, refusal.detail());
		}
	}

	/** The title's score, or null when it has none yet. */
	private @Nullable TitleScoreChanged score(String titleId) {
		try {
			return apis.scoring().get(null, TitleScoreChanged.class, "/api/titles/{titleId}/score", titleId);
		}
		catch (ApiRefusal refusal) {
			if (refusal.notFound()) {
				return null;
			}
			throw refusal;
		}
	}
}
