package dev.reviewflow.scoring.web;

import java.security.Principal;
import java.util.LinkedHashSet;
import java.util.List;

import dev.reviewflow.events.TitleIds;
import dev.reviewflow.platform.ApiException;
import dev.reviewflow.platform.EndpointRules;
import dev.reviewflow.scoring.live.LiveProperties;
import dev.reviewflow.scoring.live.LiveScores;
import jakarta.servlet.http.HttpServletRequest;
import org.jspecify.annotations.Nullable;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * {@code GET /api/stream/scores?titleId=…}: Server-Sent Events {@code title-score} and {@code review-score}; public.
 * Checks the titles asked for and who asks (a signed-in user, else an address), and leaves the stream to
 * {@link LiveScores}.
 */
@RestController
class LiveController {

	private final LiveScores live;

	private final LiveProperties properties;

	LiveController(LiveScores live, LiveProperties properties) {
		this.live = live;
		this.properties = properties;
	}

	@GetMapping(path = "/api/stream/scores", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
	SseEmitter scores(@RequestParam(name = "titleId", required = false) @Nullable List<String> titleIds,
			@Nullable Principal caller, HttpServletRequest request) {
		LinkedHashSet<String> titles = new LinkedHashSet<>(titleIds == null ? List.of() : titleIds);
		if (titles.size() > properties.maxTitles() || !titles.stream().allMatch(TitleIds::isValid)) {
			throw ApiException.badRequest("titleId: give up to " + properties.maxTitles() + " title ids matching "
					+ TitleIds.PATTERN + ".");
		}
		// a signed-in caller counts as one client wherever they connect from; anyone else by address
		String client = caller != null ? "user " + caller.getName() : "address " + request.getRemoteAddr();
		return live.connect(titles, client);
	}

	@Configuration(proxyBeanMethods = false)
	static class Rules {

		@Bean
		EndpointRules liveRules() {
			return registry -> registry
				.requestMatchers(HttpMethod.GET, "/api/stream/scores")
				.permitAll();
		}
	}
}
