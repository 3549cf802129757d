package dev.reviewflow.web.api;

import java.util.LinkedHashMap;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * A service said no (or did not answer): its status, its problem document's {@code detail} in words, and each field
 * it named under {@code errors}, so a page can show the words next to the field or action they concern.
 */
public final class ApiRefusal extends RuntimeException {

	private final String service;

	private final int status;

	private final String detail;

	private final Map<String, String> fields;

	private final @Nullable String retryAfter;

	ApiRefusal(String service, int status, String detail, Map<String, String> fields, @Nullable String retryAfter) {
		super(service + " answered " + status + ": " + detail);
		this.service = service;
		this.status = status;
		this.detail = detail;
		this.fields = new LinkedHashMap<>(fields);
		this.retryAfter = retryAfter;
	}

	/** The service could not be reached or did not answer in time. */
	static ApiRefusal unavailable(String service) {
		return new ApiRefusal(service, 503, service + " is not answering just now; try again in a moment.", Map.of(),
				null);
	}

	public String service() {
		return service;
	}

	public int status() {
		return status;
	}

	/**
	 * What went wrong, in the service's words, with a hint where a person can act on the status alone (a 403 is the
	 * service's words only: it may be the role, or a rule such as deciding on one's own review).
	 */
	public String detail() {
		return switch (status) {
			case 401 -> "Your sign-in is missing or has expired: sign in again. (" + detail + ")";
			// the services' own words say when to try again; the header only where they do not mention it
			case 429 -> retryAfter == null || detail.toLowerCase(java.util.Locale.ROOT).contains("try again") ? detail
					: detail + " Try again in " + retryAfter + " s.";
			default -> detail;
		};
	}

	/** The message for one field the service named, or null. */
	public @Nullable String field(String name) {
		return fields.get(name);
	}

	public Map<String, String> fields() {
		return Map.copyOf(fields);
	}

	public boolean notFound() {
		return status == 404;
	}
}
