package dev.reviewflow.web;

import java.net.URI;
import java.time.Duration;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code reviewflow.web.*}: where the three services answer, how long a call to them may take, the live stream's
 * limits and, in local mode only, where development tokens are minted.
 *
 * @param reviewIntake review-intake's base URL
 * @param moderation moderation's base URL
 * @param scoring scoring's base URL
 * @param connectTimeout how long connecting to a service may take
 * @param readTimeout how long a service may take to answer
 * @param developmentTokens local mode's token minter ({@code POST {sub, roles}}), unset elsewhere: then
 * {@code /dev/tokens} does not exist and {@code /login} signs in through the identity provider
 * @param live the browsers' live score streams
 */
@ConfigurationProperties("reviewflow.web")
public record WebProperties(@DefaultValue("http://localhost:8081") URI reviewIntake,
		@DefaultValue("http://localhost:8082") URI moderation, @DefaultValue("http://localhost:8083") URI scoring,
		@DefaultValue("2s") Duration connectTimeout, @DefaultValue("10s") Duration readTimeout,
		@Nullable URI developmentTokens, @DefaultValue Live live) {

	/**
	 * @param maxStreams live streams this instance serves at once
	 * @param maxStreamsPerAddress live streams one address may hold
	 * @param maxTitles titles one stream may follow
	 * @param maxReviews reviews one stream may follow
	 * @param streamAge when a browser's stream ends (the browser reconnects)
	 * @param reconnect how long to wait before reconnecting to scoring after its stream ended or failed
	 * @param silence how long scoring's stream may stay silent before it is taken for dead and reconnected (scoring
	 * sends a heartbeat every 15 s)
	 */
	public record Live(@DefaultValue("1000") int maxStreams, @DefaultValue("20") int maxStreamsPerAddress,
			@DefaultValue("20") int maxTitles, @DefaultValue("100") int maxReviews,
			@DefaultValue("30m") Duration streamAge, @DefaultValue("2s") Duration reconnect,
			@DefaultValue("45s") Duration silence) {
	}
}
