package dev.reviewflow.moderation;

import java.time.Clock;

import dev.reviewflow.moderation.policy.ModerationProperties;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.context.annotation.Bean;

@SpringBootApplication
@ConfigurationPropertiesScan
public class ModerationApplication {

	@Bean
	Clock clock(ModerationProperties properties) {
		return properties.clock();
	}

	public static void main(String[] args) {
		SpringApplication.run(ModerationApplication.class, args);
	}
}
