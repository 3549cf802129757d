package dev.reviewflow.moderation.policy;

import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * moderation's settings.
 * @param bannedTerms the banned terms of the first policy version (later versions are set through the policy API)
 * @param suspectTerms the suspect terms of the first policy version
 * @param maxPageSize the largest page a list endpoint returns
 */
@ConfigurationProperties("reviewflow.moderation")
public record ModerationProperties(@DefaultValue List<String> bannedTerms, @DefaultValue List<String> suspectTerms,
		@DefaultValue("100") int maxPageSize) {
}
