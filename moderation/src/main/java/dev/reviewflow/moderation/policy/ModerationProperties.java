package dev.reviewflow.moderation.policy;

import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * moderation's settings.
 * @param bannedTerms words or phrases that get a review rejected outright; matched as whole words, case- and
 * width-insensitively
 */
@ConfigurationProperties("reviewflow.moderation")
public record ModerationProperties(@DefaultValue List<String> bannedTerms) {
}
