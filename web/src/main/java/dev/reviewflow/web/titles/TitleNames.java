package dev.reviewflow.web.titles;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import dev.reviewflow.web.api.ApiRefusal;
import dev.reviewflow.web.api.Services.Apis;
import org.springframework.stereotype.Component;

/**
 * Titles by name instead of their ids, as review-intake has them (a public read). A title it does not know, or a
 * review-intake that is not answering, shows as its id: a page works on without the names.
 */
@Component
public class TitleNames {

	private final Apis apis;

	TitleNames(Apis apis) {
		this.apis = apis;
	}

	/** Each id's name, "Name (year)", or the id itself. */
	public Map<String, String> of(Collection<String> titleIds) {
		Map<String, String> names = new LinkedHashMap<>();
		for (String titleId : titleIds) {
			names.computeIfAbsent(titleId, this::name);
		}
		return names;
	}

	/** The title, if review-intake has it and answers. */
	public Optional<Title> find(String titleId) {
		try {
			return Optional.of(apis.reviewIntake().get(null, Title.class, "/api/titles/{titleId}", titleId));
		}
		catch (ApiRefusal refusal) {
			return Optional.empty();
		}
	}

	/** The id's name, "Name (year)", or the id itself. */
	public String name(String titleId) {
		return find(titleId).map(title -> title.name() + " (" + title.year() + ")").orElse(titleId);
	}
}
