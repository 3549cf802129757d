package dev.reviewflow.scoring.dashboard;

import java.net.URI;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code reviewflow.scoring.dashboard.*}.
 *
 * @param url where people watch the scores: the pages' dashboard, which {@code /} sends them to
 */
@ConfigurationProperties("reviewflow.scoring.dashboard")
record DashboardProperties(@DefaultValue("http://localhost:8080/dashboard") URI url) {
}
