package dev.reviewflow.intake;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * review-intake's settings.
 * @param maxPageSize the largest page a list endpoint returns
 */
@ConfigurationProperties("reviewflow.intake")
public record IntakeProperties(@DefaultValue("100") int maxPageSize) {
}
