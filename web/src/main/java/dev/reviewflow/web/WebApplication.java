package dev.reviewflow.web;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.boot.security.autoconfigure.UserDetailsServiceAutoConfiguration;

/**
 * The pages people use: a title's page, their own reviews and reports, the moderators' console and a live dashboard,
 * server-rendered with Thymeleaf and updated in place with htmx. The browser talks only to this origin; this service
 * calls review-intake, moderation and scoring on its behalf with the browser's token, and every decision about a user
 * is the service's that answers. It has no users of its own (no generated password).
 */
@SpringBootApplication(exclude = UserDetailsServiceAutoConfiguration.class)
@ConfigurationPropertiesScan
public class WebApplication {

	public static void main(String[] args) {
		SpringApplication.run(WebApplication.class, args);
	}
}
