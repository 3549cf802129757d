package dev.reviewflow.scoring.live;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The live score stream.
 * @param heartbeat how often an idle stream sends a comment, so proxies keep it open
 * @param clientBuffer how many distinct scores may wait for a slow client; beyond that the oldest waiting one is
 * dropped (a newer value of the same score always replaces the waiting one)
 */
@ConfigurationProperties("reviewflow.scoring.live")
public record LiveProperties(@DefaultValue("15s") Duration heartbeat, @DefaultValue("500") int clientBuffer) {
}
