package dev.reviewflow.platform;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * HTTP settings every service shares.
 * @param maxRequestBody request bodies over this are refused with 413 ({@link RequestSizeLimit})
 * @param maxPageSize the largest page a list endpoint returns; a larger {@code size} is cut to it ({@link Paging})
 */
@ConfigurationProperties("reviewflow.web")
public record ReviewflowWebProperties(@DefaultValue("64KB") DataSize maxRequestBody,
		@DefaultValue("100") int maxPageSize) {

	public ReviewflowWebProperties {
		if (maxPageSize < 1) {
			throw new IllegalArgumentException("reviewflow.web.max-page-size must be at least 1, not " + maxPageSize);
		}
	}
}
