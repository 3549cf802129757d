package dev.reviewflow.moderation;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

@SpringBootApplication
@ConfigurationPropertiesScan
public class ModerationApplication {

	public static void main(String[] args) {
		SpringApplication.run(ModerationApplication.class, args);
	}
}
