package dev.reviewflow.intake.title.web;

import dev.reviewflow.events.TitleIds;
import dev.reviewflow.intake.title.Title;
import dev.reviewflow.intake.title.TitleKind;
import dev.reviewflow.intake.title.TitleNotFound;
import dev.reviewflow.intake.title.Titles;
import dev.reviewflow.platform.EndpointRules;
import dev.reviewflow.platform.Page;
import dev.reviewflow.platform.Paging;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** {@code /api/titles}: the catalogue. Anyone reads it; admins write it. */
@RestController
@RequestMapping("/api/titles")
class TitleController {

	private final Titles titles;

	private final Paging paging;

	TitleController(Titles titles, Paging paging) {
		this.titles = titles;
		this.paging = paging;
	}

	record TitleRequest(@NotBlank @Size(max = 300) String name, @NotNull @Min(1870) @Max(2100) Integer year,
			@NotNull TitleKind kind) {
	}

	@PutMapping("/{titleId}")
	ResponseEntity<Title> put(@PathVariable @Pattern(regexp = TitleIds.PATTERN) String titleId,
			@Valid @RequestBody TitleRequest request) {
		Titles.Saved saved = titles.save(titleId, request.name().strip(), request.year(), request.kind());
		return ResponseEntity.status(saved.created() ? HttpStatus.CREATED : HttpStatus.OK).body(saved.title());
	}

	@GetMapping("/{titleId}")
	Title get(@PathVariable String titleId) {
		return titles.find(titleId).orElseThrow(() -> new TitleNotFound(titleId));
	}

	@GetMapping
	Page<Title> list(@RequestParam(defaultValue = "0") @Min(0) int page,
			@RequestParam(defaultValue = "20") @Min(1) int size) {
		return titles.list(page, paging.limit(size));
	}

	@Configuration(proxyBeanMethods = false)
	static class Rules {

		@Bean
		EndpointRules titleRules() {
			return registry -> registry.requestMatchers(HttpMethod.GET, "/api/titles", "/api/titles/*")
				.permitAll()
				.requestMatchers(HttpMethod.PUT, "/api/titles/*")
				.hasRole("ADMIN");
		}
	}
}
