package dev.reviewflow.web.dashboard;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import dev.reviewflow.web.api.Api;
import dev.reviewflow.web.api.ApiRefusal;
import org.jspecify.annotations.Nullable;
import org.mockito.invocation.InvocationOnMock;
import org.springframework.web.util.UriComponentsBuilder;

import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.mock;

/**
 * One service's API as a slice test needs it: each GET answers from a table of request URIs as the service would see
 * them (variables expanded), an unknown one with a 404 refusal; every request is recorded with its Authorization.
 */
final class FakeService {

	private final String name;

	private final Map<String, Object> answers = new HashMap<>();

	final List<String> asked = new ArrayList<>();

	final List<@Nullable String> authorizations = new ArrayList<>();

	final Api api;

	FakeService(String name) {
		this.name = name;
		this.api = mock(Api.class, this::answer);
	}

	/** {@code uri} answers {@code body}, or throws it when it is a refusal. */
	FakeService on(String uri, Object body) {
		answers.put(uri, body);
		return this;
	}

	/** A refusal as {@link Api} raises it: the service's status and its words. */
	static ApiRefusal refusal(int status, String detail) {
		ApiRefusal refusal = mock(ApiRefusal.class);
		given(refusal.status()).willReturn(status);
		given(refusal.detail()).willReturn(detail);
		given(refusal.notFound()).willReturn(status == 404);
		given(refusal.getMessage()).willReturn(detail);
		return refusal;
	}

	private @Nullable Object answer(InvocationOnMock call) {
		String method = call.getMethod().getName();
		if (method.equals("service")) {
			return name;
		}
		if (!method.equals("get")) {
			throw new AssertionError(name + " was not expected to be called with " + call);
		}
		Object[] arguments = call.getRawArguments();
		String uri = UriComponentsBuilder.fromUriString((String) arguments[2])
			.buildAndExpand((Object[]) arguments[3])
			.toUriString();
		asked.add(uri);
		authorizations.add((String) arguments[0]);
		Object answer = answers.get(uri);
		if (answer == null) {
			throw refusal(404, name + " knows nothing at " + uri + ".");
		}
		if (answer instanceof ApiRefusal refusal) {
			throw refusal;
		}
		return answer;
	}
}
