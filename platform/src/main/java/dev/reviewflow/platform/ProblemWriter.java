package dev.reviewflow.platform;

import java.io.IOException;
import java.net.URI;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.converter.json.ProblemDetailJacksonMixin;

/** Writes a problem document from a servlet filter, where Spring MVC's exception handling does not reach. */
final class ProblemWriter {

	/** With Spring's mix-in, so a problem's extra members are written at the top level, as Spring MVC writes them. */
	private static final JsonMapper JSON = JsonMapper.builder()
		.addMixIn(ProblemDetail.class, ProblemDetailJacksonMixin.class)
		.build();

	private ProblemWriter() {
	}

	static void write(HttpServletRequest request, HttpServletResponse response, HttpStatus status,
			@Nullable String title, String detail) throws IOException {
		write(request, response, status, title, detail, Map.of());
	}

	/** A problem with more members, as {@link ApiException}'s properties add them. */
	static void write(HttpServletRequest request, HttpServletResponse response, HttpStatus status,
			@Nullable String title, String detail, Map<String, Object> properties) throws IOException {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
		if (title != null) {
			problem.setTitle(title);
		}
		properties.forEach(problem::setProperty);
		problem.setInstance(URI.create(request.getRequestURI()));
		response.setStatus(status.value());
		response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
		JSON.writeValue(response.getOutputStream(), problem);
	}
}
