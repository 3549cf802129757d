package dev.reviewflow.web.signin;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import dev.reviewflow.web.WebProperties;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.client.ClientHttpRequestFactory;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientException;
import org.springframework.web.client.RestClientResponseException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code /login}: in local mode a form that signs in as any user with any roles; the answer hands the token to the
 * page's script ({@code HX-Trigger: signed-in}), which keeps it in localStorage. {@code POST /dev/tokens} passes a
 * tool's request to the minter as well, so {@code curl localhost:8080/dev/tokens} works as before. Both answer only
 * requests that name this machine in {@code Host} (and, from a browser, come from this origin): a page elsewhere
 * cannot reach them through DNS rebinding.
 */
@Controller
class SignIn {

	static final List<String> ROLES = List.of("USER", "CRITIC", "MODERATOR", "ADMIN");

	private final @Nullable URI minter;

	private final boolean provider;

	private final RestClient http;

	private final JsonMapper json;

	SignIn(WebProperties properties, RestClient.Builder builder, ClientHttpRequestFactory requests, JsonMapper json,
			ObjectProvider<ClientRegistrationRepository> providers) {
		this.minter = properties.developmentTokens();
		ClientRegistrationRepository registrations = providers.getIfAvailable();
		this.provider = registrations != null
				&& registrations.findByRegistrationId(ProviderHandoff.REGISTRATION) != null;
		this.http = builder.clone().requestFactory(requests).build();
		this.json = json;
	}

	@GetMapping(path = "/login", headers = "HX-Request=true")
	String login(@RequestParam(defaultValue = "/") String next, @RequestParam(required = false) @Nullable String failed,
			Model model) {
		model.addAttribute("development", minter != null);
		model.addAttribute("provider", provider);
		model.addAttribute("failed", failed != null);
		model.addAttribute("next", local(next));
		model.addAttribute("roles", ROLES);
		model.addAttribute("refusal", null);
		model.addAttribute("sub", "");
		model.addAttribute("chosen", Set.of("USER"));
		return "signin/login";
	}

	@PostMapping(path = "/login/development", headers = "HX-Request=true")
	String signIn(@RequestParam(defaultValue = "") String sub, @RequestParam(defaultValue = "") List<String> roles,
			@RequestParam(defaultValue = "false") boolean topCritic, @RequestParam(defaultValue = "/") String next,
			HttpServletRequest request, Model model, HttpServletResponse response) {
		model.addAttribute("development", minter != null);
		model.addAttribute("next", local(next));
		model.addAttribute("roles", ROLES);
		model.addAttribute("sub", sub);
		model.addAttribute("chosen", Set.copyOf(roles));
		model.addAttribute("refusal", null);
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("sub", sub.strip());
		body.put("roles", roles);
		body.put("topCritic", topCritic);
		try {
			JsonNode minted = json.readTree(mint(request, json.writeValueAsString(body)).getBody());
			Map<String, Object> handed = new LinkedHashMap<>();
			handed.put("token", minted.path("token").asString());
			handed.put("next", local(next));
			Map<String, Object> signedIn = Map.of("signed-in", handed);
			response.setHeader("HX-Trigger", json.writeValueAsString(signedIn));
			model.addAttribute("signedIn", sub.strip());
		}
		catch (Refused refused) {
			model.addAttribute("refusal", refused.getMessage());
		}
		return "signin/login :: form";
	}

	/** The development token helper, as the landing page had it: {@code {"sub": "alice", "roles": ["USER"]}}. */
	@PostMapping(path = "/dev/tokens", consumes = MediaType.APPLICATION_JSON_VALUE)
	ResponseEntity<?> token(@RequestBody String body, HttpServletRequest request) {
		try {
			ResponseEntity<String> minted = mint(request, body);
			return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(minted.getBody());
		}
		catch (Refused refused) {
			ProblemDetail problem = ProblemDetail.forStatusAndDetail(refused.status, refused.getMessage());
			return ResponseEntity.status(refused.status).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
		}
	}

	private ResponseEntity<String> mint(HttpServletRequest request, String body) {
		if (minter == null) {
			throw new Refused(HttpStatus.NOT_FOUND,
					"Development tokens exist in local mode only; sign in through the identity provider.");
		}
		// only this machine: the request comes over loopback (the local stack binds the pages to it) and names this
		// machine in Host, and a browser's comes from this origin (not a page elsewhere through DNS rebinding)
		if (!loopback(request.getRemoteAddr())) {
			throw new Refused(HttpStatus.FORBIDDEN, "Development tokens are only for pages and tools on this machine.");
		}
		String host = request.getHeader(HttpHeaders.HOST);
		String origin = request.getHeader(HttpHeaders.ORIGIN);
		int port = request.getLocalPort();
		List<String> local = List.of("localhost:" + port, "127.0.0.1:" + port, "[::1]:" + port);
		if (host == null || !local.contains(host)
				|| origin != null && local.stream().noneMatch(name -> origin.equals("http://" + name))) {
			throw new Refused(HttpStatus.FORBIDDEN, "Development tokens are only for pages and tools on this machine "
					+ "(Host " + String.join(" or ", local) + ").");
		}
		try {
			return http.post().uri(minter).contentType(MediaType.APPLICATION_JSON).body(body).retrieve()
				.toEntity(String.class);
		}
		catch (RestClientResponseException ex) {
			String detail = "The token minter refused (" + ex.getStatusCode().value() + ").";
			try {
				detail = json.readTree(ex.getResponseBodyAsString()).path("detail").asString(detail);
			}
			catch (tools.jackson.core.JacksonException unreadable) {
				// not a problem document: the status says enough
			}
			HttpStatus status = HttpStatus.resolve(ex.getStatusCode().value());
			throw new Refused(status != null && status.is4xxClientError() ? status : HttpStatus.BAD_GATEWAY, detail);
		}
		catch (RestClientException ex) {
			throw new Refused(HttpStatus.BAD_GATEWAY, "The local token minter is not answering.");
		}
	}

	private static boolean loopback(String address) {
		return address.startsWith("127.") || address.equals("::1") || address.equals("0:0:0:0:0:0:0:1");
	}

	/** Where to go after signing in: a path of this site, never another origin. */
	static String local(String next) {
		// a path of this site: one slash, then printable ASCII only (no second slash or backslash right after it, no
		// tab or line break, which a browser drops and which could so turn "/\t/evil.example" into "//evil.example")
		return LOCAL_PATH.matcher(next).matches() ? next : "/";
	}

	private static final java.util.regex.Pattern LOCAL_PATH = java.util.regex.Pattern
		.compile("/(?![/\\\\])[\\x21-\\x7E]*");

	static final class Refused extends RuntimeException {

		final HttpStatus status;

		Refused(HttpStatus status, String message) {
			super(message);
			this.status = status;
		}
	}
}
