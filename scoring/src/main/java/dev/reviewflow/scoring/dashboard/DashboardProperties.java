package dev.reviewflow.scoring.dashboard;

import java.net.URI;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The live dashboard.
 * @param reviewIntakeUrl where the dashboard's script, in the viewer's browser, reads review headlines (review-intake's
 * public {@code GET /api/titles/{titleId}/reviews}); the page's Content-Security-Policy allows connections to this
 * origin besides its own
 */
@ConfigurationProperties("reviewflow.scoring.dashboard")
record DashboardProperties(@DefaultValue("http://localhost:8081") URI reviewIntakeUrl) {
}
