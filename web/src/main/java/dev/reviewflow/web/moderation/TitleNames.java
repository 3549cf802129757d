package dev.reviewflow.web.moderation;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;

import dev.reviewflow.web.api.ApiRefusal;
import dev.reviewflow.web.api.Services.Apis;
import dev.reviewflow.web.titles.Title;
import org.springframework.stereotype.Component;

/**
 * Titles by name instead of their ids, as review-intake has them (a public read). A title it does not know, or a
 * review-intake that is not answering, shows as its id: the console works on without the names.
 */
@Component
class TitleNames {

	private final Apis apis;

	TitleNames(Apis apis) {
		this.apis = apis;
	}

	/** Each id's name, "Name (year)", or the id itself. */
	Map<String, String> of(Collection<String> titleIds) {
		Map<String, String> names = new LinkedHashMap<>();
		for (String titleId : titleIds) {
			names.computeIfAbsent(titleId, this::name);
		}
		return names;
	}

	String name(String titleId) {
		try {
			Title title = apis.reviewIntake().get(null, Title.class, "/api/titles/{titleId}", titleId);
			return title.name() + " (" + title.year() + ")";
		}
		catch (ApiRefusal refusal) {
			return titleId;
		}
	}
}
