package dev.reviewflow.scoring.query;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How scores are read over HTTP.
 * @param forwarding how one instance asks the instance that keeps a key
 */
@ConfigurationProperties("reviewflow.scoring.queries")
public record QueryProperties(@DefaultValue Forwarding forwarding) {

	/**
	 * A query forwarded to the instance that keeps its key: an owner that does not answer within these times is
	 * answered for with 503 and {@code Retry-After}, so it cannot hold request threads.
	 * @param connectTimeout how long to wait for the connection
	 * @param readTimeout how long to wait for the answer once connected
	 */
	public record Forwarding(@DefaultValue("1s") Duration connectTimeout, @DefaultValue("2s") Duration readTimeout) {
	}
}
