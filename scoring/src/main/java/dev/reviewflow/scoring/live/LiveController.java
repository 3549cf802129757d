package dev.reviewflow.scoring.live;

import java.util.LinkedHashSet;
import java.util.List;

import dev.reviewflow.events.TitleIds;
import dev.reviewflow.platform.ApiException;
import dev.reviewflow.platform.EndpointRules;
import org.jspecify.annotations.Nullable;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/** {@code GET /api/stream/scores?titleId=…}: Server-Sent Events {@code title-score} and {@code review-score}. */
@RestController
class LiveController {

	static final int MAX_TITLES = 100;

	private final LiveScores live;

	LiveController(LiveScores live) {
		this.live = live;
	}

	@GetMapping(path = "/api/stream/scores", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
	SseEmitter scores(@RequestParam(name = "titleId", required = false) @Nullable List<String> titleIds) {
		LinkedHashSet<String> titles = new LinkedHashSet<>(titleIds == null ? List.of() : titleIds);
		if (titles.size() > MAX_TITLES || !titles.stream().allMatch(TitleIds::isValid)) {
			throw ApiException.badRequest("titleId: give up to " + MAX_TITLES + " title ids matching "
					+ TitleIds.PATTERN + ".");
		}
		return live.connect(titles);
	}

	@Configuration(proxyBeanMethods = false)
	static class Rules {

		@Bean
		EndpointRules liveRules() {
			return registry -> registry
				.requestMatchers(HttpMethod.GET, "/api/stream/scores", "/", "/index.html", "/dashboard/**",
						"/favicon.ico")
				.permitAll();
		}
	}
}
