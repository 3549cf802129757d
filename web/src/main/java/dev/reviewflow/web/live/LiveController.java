package dev.reviewflow.web.live;

import java.util.List;
import java.util.UUID;

import jakarta.servlet.http.HttpServletRequest;

import org.jspecify.annotations.Nullable;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/** {@code GET /live/scores?titleId=…&reviewId=…}: the changes to what a page shows, as Server-Sent Events. */
@RestController
class LiveController {

	private final LiveScores live;

	LiveController(LiveScores live) {
		this.live = live;
	}

	@GetMapping(path = "/live/scores", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
	SseEmitter scores(@RequestParam(name = "titleId", required = false) @Nullable List<String> titleIds,
			@RequestParam(name = "reviewId", required = false) @Nullable List<UUID> reviewIds,
			HttpServletRequest request) {
		return live.follow(titleIds == null ? List.of() : titleIds, reviewIds == null ? List.of() : reviewIds,
				request.getRemoteAddr());
	}
}
