package dev.reviewflow.scoring.query;

import java.util.Optional;

import org.apache.kafka.streams.state.HostInfo;

import org.springframework.boot.http.client.ClientHttpRequestFactoryBuilder;
import org.springframework.boot.http.client.HttpClientSettings;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.converter.HttpMessageConversionException;
import org.springframework.stereotype.Component;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientException;

/**
 * Asks another scoring instance, over the same HTTP API, for what it keeps: a GET marked {@link #FORWARDED}, so the
 * owner answers from its own stores. Boot's auto-configured {@link RestClient.Builder} (its message converters,
 * so Boot's {@code JsonMapper}, and its observations) with the connect and read timeouts of
 * {@code reviewflow.scoring.queries.forwarding}: an owner that does not connect, answer in time, or answer 200 or
 * 404 is a {@link ScoresUnavailable}, never a hanging request.
 */
@Component
class RemoteScores {

	/** Marks a query one instance forwarded to another, which then answers from its own stores only. */
	static final String FORWARDED = "X-Reviewflow-Forwarded";

	private final RestClient http;

	RemoteScores(RestClient.Builder http, ClientHttpRequestFactoryBuilder<?> requests,
			HttpClientSettings clientSettings, QueryProperties properties) {
		this.http = http
			.requestFactory(requests.build(clientSettings.withTimeouts(properties.forwarding().connectTimeout(),
					properties.forwarding().readTimeout())))
			.build();
	}

	/**
	 * What {@code owner} answers to {@code GET path}: its body for 200, empty for 404.
	 * @param path a URI template; the variables are encoded, so a title id cannot change where the query goes
	 * @throws ScoresUnavailable for any other answer, an unreadable body, or no answer in time
	 */
	<T> Optional<T> get(HostInfo owner, ParameterizedTypeReference<T> type, String path, Object... variables) {
		Object[] all = new Object[variables.length + 2];
		all[0] = owner.host();
		all[1] = owner.port();
		System.arraycopy(variables, 0, all, 2, variables.length);
		try {
			return http.get()
				.uri("http://{host}:{port}" + path, all)
				.header(FORWARDED, "true")
				.exchange((request, response) -> {
					int status = response.getStatusCode().value();
					if (status == 404) {
						return Optional.<T>empty();
					}
					T body = status == 200 ? response.bodyTo(type) : null;
					if (body == null) {
						throw ScoresUnavailable.ownerSilent();
					}
					return Optional.of(body);
				});
		}
		catch (RestClientException | HttpMessageConversionException ex) {
			// refused, timed out connecting or waiting for the answer, or an answer that is no score
			throw ScoresUnavailable.ownerSilent();
		}
	}
}
