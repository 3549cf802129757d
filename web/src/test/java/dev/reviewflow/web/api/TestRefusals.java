package dev.reviewflow.web.api;

import java.util.Map;

/** A service's refusal as a page's test needs one (its constructor is the {@code api} package's). */
public final class TestRefusals {

	private TestRefusals() {
	}

	public static ApiRefusal refusal(String service, int status, String detail) {
		return new ApiRefusal(service, status, detail, Map.of(), null);
	}

	public static ApiRefusal refusal(String service, int status, String detail, Map<String, String> fields) {
		return new ApiRefusal(service, status, detail, fields, null);
	}

	public static ApiRefusal unavailable(String service) {
		return ApiRefusal.unavailable(service);
	}
}
