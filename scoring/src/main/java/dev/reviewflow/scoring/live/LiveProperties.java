package dev.reviewflow.scoring.live;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The live score stream.
 * @param heartbeat how often an idle stream sends a comment, so proxies keep it open
 * @param clientBuffer how many distinct scores may wait for a slow client; beyond that the oldest waiting one is
 * dropped (a newer value of the same score always replaces the waiting one)
 * @param maxTitles the most titles one stream may follow
 * @param maxStreams the most streams open at once on this instance; one more is answered 503 with Retry-After
 * @param maxStreamsPerClient the most streams open at once for one user (or, anonymous, one address); one more is
 * answered 429 with Retry-After (a dashboard page holds two, and a title clicked opens one while the one it
 * replaces is noticed gone only at the next heartbeat)
 * @param maxStreamAge how long a stream lasts before the server ends it; browsers reconnect on their own, so a
 * client that went away without a word frees its place within this time at the latest
 * @param snapshotTitles how many titles a stream for all titles gets first (the first by id, title scores only);
 * the rest arrive as they change, or page by page from {@code GET /api/titles/scores}
 */
@ConfigurationProperties("reviewflow.scoring.live")
public record LiveProperties(@DefaultValue("15s") Duration heartbeat, @DefaultValue("500") int clientBuffer,
		@DefaultValue("20") int maxTitles, @DefaultValue("200") int maxStreams,
		@DefaultValue("20") int maxStreamsPerClient, @DefaultValue("30m") Duration maxStreamAge,
		@DefaultValue("100") int snapshotTitles) {
}
