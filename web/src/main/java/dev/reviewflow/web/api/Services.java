package dev.reviewflow.web.api;

import dev.reviewflow.web.WebProperties;
import org.springframework.boot.http.client.ClientHttpRequestFactoryBuilder;
import org.springframework.boot.http.client.HttpClientSettings;
import org.springframework.boot.http.client.HttpRedirects;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.client.ClientHttpRequestFactory;
import org.springframework.web.client.RestClient;
import tools.jackson.databind.json.JsonMapper;

/** The three services' APIs, each from Boot's {@code RestClient.Builder} with the configured timeouts. */
@Configuration(proxyBeanMethods = false)
public class Services {

	public record Apis(Api reviewIntake, Api moderation, Api scoring) {
	}

	/** Requests with the configured connect and read timeouts. */
	@Bean
	ClientHttpRequestFactory serviceRequests(ClientHttpRequestFactoryBuilder<?> requests, HttpClientSettings settings,
			WebProperties properties) {
		// a redirect is not followed: it would carry the user's token wherever it points
		return requests.build(settings.withTimeouts(properties.connectTimeout(), properties.readTimeout())
			.withRedirects(HttpRedirects.DONT_FOLLOW));
	}

	@Bean
	Apis apis(RestClient.Builder builder, ClientHttpRequestFactory factory, WebProperties properties,
			JsonMapper json) {
		return new Apis(api("review-intake", builder, factory, properties.reviewIntake().toString(), json),
				api("moderation", builder, factory, properties.moderation().toString(), json),
				api("scoring", builder, factory, properties.scoring().toString(), json));
	}

	private static Api api(String name, RestClient.Builder builder, ClientHttpRequestFactory factory, String baseUrl,
			JsonMapper json) {
		Api[] api = new Api[1];
		RestClient client = builder.clone()
			.baseUrl(baseUrl)
			.requestFactory(factory)
			.defaultStatusHandler(Api::isError, (request, response) -> api[0].refuse(response))
			.build();
		api[0] = new Api(name, client, json);
		return api[0];
	}
}
