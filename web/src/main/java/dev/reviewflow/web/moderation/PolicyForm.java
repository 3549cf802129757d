package dev.reviewflow.web.moderation;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;
import org.springframework.util.MultiValueMap;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The policy editor's form, one input per setting, each named by its path in moderation's policy document
 * ({@code reportThreshold}, {@code shouting.minLetters}, {@code rateLimits.votes.max}): the same names moderation uses
 * under {@code errors[].field}, so each of its complaints lands next to its input. Terms are a textarea, one per line.
 * Values are kept as typed, so a refused form comes back as the admin left it.
 * @param version the policy version the form was loaded from (sent as {@code If-Match})
 * @param bannedTerms one term per line
 * @param suspectTerms one term per line
 * @param values each setting's value as typed, by path ({@code autoHide} is "true" or "false")
 * @param limits the kinds of rate limit, in the order moderation lists them
 */
public record PolicyForm(String version, String bannedTerms, String suspectTerms, Map<String, String> values,
		List<String> limits) {

	/** One setting other than terms and rate limits. */
	public record Setting(String field, String label, String help, boolean toggle, boolean whole) {

		/** The input's id, which its label and error name. */
		public String id() {
			return PolicyForm.id(field);
		}
	}

	static final List<Setting> SETTINGS = List.of(
			new Setting("reportThreshold", "Report threshold",
					"Weighted reports that open a case; doubled each time moderators kept the review.", false, false),
			new Setting("autoHide", "Hide a reported review until its case is decided",
					"When the threshold is reached, the review is HIDDEN from readers while its case is open.", true,
					false),
			new Setting("maxLinks", "Most links a review may hold", "A review with more links is held for a moderator.",
					false, true),
			new Setting("shouting.minLetters", "Shouting: from this many letters",
					"Shorter reviews never count as shouting.", false, true),
			new Setting("shouting.capitalsPercent", "Shouting: capitals at least (%)",
					"A review with at least this share of capitals is held as shouting.", false, true),
			new Setting("nearDuplicateSimilarity", "Near-duplicate similarity (0.5 to 1)",
					"How alike two reviews of one author must be to hold the newer one (word-trigram Jaccard).", false,
					false),
			new Setting("claimTimeoutMinutes", "A claim lasts (minutes)",
					"Then the case is OPEN again for any moderator.", false, true),
			new Setting("appealWindowDays", "Appeal window (days)",
					"How long after a removal or rejection its author may appeal.", false, true));

	/** Words for the rate limits moderation has today; another kind it adds shows under its own name. */
	static final Map<String, String> LIMIT_NAMES = Map.of("votes", "Helpfulness votes, set or withdrawn", "reports",
			"Reports filed", "reviews", "Reviews submitted", "reviewEdits", "Edits of one's reviews", "reviewDeletes",
			"Deletions of one's reviews", "ratings", "Ratings set or withdrawn", "appeals", "Appeals filed", "claims",
			"A moderator's claims on cases", "decisions", "A moderator's decisions");

	static final List<String> TERM_LISTS = List.of("bannedTerms", "suspectTerms");

	private static final Pattern LIMIT = Pattern.compile("rateLimits\\.([A-Za-z][A-Za-z0-9]{0,40})\\.(max|perMinutes)");

	private static final Pattern WHOLE = Pattern.compile("-?\\d{1,9}");

	private static final Pattern TERM_ERROR = Pattern.compile("(bannedTerms|suspectTerms)(?:\\[(\\d+)])?.*");

	public PolicyForm {
		values = Map.copyOf(values);
		limits = List.copyOf(limits);
	}

	/** The form for the policy document moderation serves ({@code GET /api/moderation/policy}). */
	static PolicyForm of(JsonNode policy) {
		Map<String, String> values = new LinkedHashMap<>();
		for (Setting setting : SETTINGS) {
			values.put(setting.field(), scalar(policy.at(pointer(setting.field()))));
		}
		List<String> limits = new ArrayList<>();
		for (Map.Entry<String, JsonNode> limit : policy.path("rateLimits").properties()) {
			limits.add(limit.getKey());
			values.put("rateLimits." + limit.getKey() + ".max", scalar(limit.getValue().path("max")));
			values.put("rateLimits." + limit.getKey() + ".perMinutes", scalar(limit.getValue().path("perMinutes")));
		}
		return new PolicyForm(scalar(policy.path("version")), lines(policy.path("bannedTerms")),
				lines(policy.path("suspectTerms")), values, limits);
	}

	/** The form as the browser sent it. */
	static PolicyForm from(MultiValueMap<String, String> form) {
		Map<String, String> values = new LinkedHashMap<>();
		for (Setting setting : SETTINGS) {
			values.put(setting.field(), setting.toggle() ? Boolean.toString(form.containsKey(setting.field()))
					: first(form, setting.field()));
		}
		List<String> limits = new ArrayList<>();
		for (String name : form.keySet()) {
			Matcher limit = LIMIT.matcher(name);
			if (limit.matches()) {
				if (!limits.contains(limit.group(1))) {
					limits.add(limit.group(1));
				}
				values.put(name, first(form, name));
			}
		}
		return new PolicyForm(first(form, "version"), first(form, "bannedTerms"), first(form, "suspectTerms"), values,
				limits);
	}

	public String value(String field) {
		return values.getOrDefault(field, "");
	}

	public boolean on(String field) {
		return "true".equals(values.get(field));
	}

	/** A rate limit's name in words. */
	public String limitName(String kind) {
		return LIMIT_NAMES.getOrDefault(kind, kind);
	}

	/** The terms of one list, one per line, blank lines left out. */
	public List<String> terms(String field) {
		String text = "bannedTerms".equals(field) ? bannedTerms : suspectTerms;
		return text.lines().map(String::strip).filter(line -> !line.isEmpty()).toList();
	}

	/** The numbers that are not numbers: these are not sent; the form says so next to each. */
	Map<String, String> unreadable() {
		Map<String, String> errors = new LinkedHashMap<>();
		if (!version.isBlank() && !version.strip().matches("\\d{1,18}")) {
			// it goes into If-Match: only the number the editor was loaded with
			errors.put("version", "reload the policy: the form's version is not one moderation gave");
		}
		values.forEach((field, value) -> {
			if (field.equals("autoHide") || value.isBlank()) {
				return;
			}
			boolean whole = field.startsWith("rateLimits.")
					|| SETTINGS.stream().anyMatch(setting -> setting.field().equals(field) && setting.whole());
			if (whole ? !WHOLE.matcher(value.strip()).matches() : decimal(value) == null) {
				errors.put(field, whole ? "must be a whole number" : "must be a number");
			}
		});
		return errors;
	}

	/** The document {@code PUT /api/moderation/policy} expects; a blank number is sent as null for moderation to judge. */
	ObjectNode document(JsonMapper json) {
		ObjectNode document = json.createObjectNode();
		for (String list : TERM_LISTS) {
			ArrayNode terms = document.putArray(list);
			terms(list).forEach(terms::add);
		}
		for (Setting setting : SETTINGS) {
			ObjectNode parent = setting.field().contains(".")
					? object(document, setting.field().substring(0, setting.field().indexOf('.'))) : document;
			String name = setting.field().substring(setting.field().indexOf('.') + 1);
			if (setting.toggle()) {
				parent.put(name, on(setting.field()));
			}
			else {
				number(parent, name, value(setting.field()));
			}
		}
		ObjectNode rateLimits = document.putObject("rateLimits");
		for (String kind : limits) {
			ObjectNode limit = rateLimits.putObject(kind);
			number(limit, "max", value("rateLimits." + kind + ".max"));
			number(limit, "perMinutes", value("rateLimits." + kind + ".perMinutes"));
		}
		return document;
	}

	/**
	 * Moderation's complaints (and the form's own) by input: a term list's complaints name the term they are about
	 * ({@code bannedTerms[2]} is the third line that is not blank).
	 */
	Map<String, String> errors(Map<String, String> complaints) {
		Map<String, String> errors = new LinkedHashMap<>();
		complaints.forEach((field, message) -> {
			Matcher term = TERM_ERROR.matcher(field);
			if (term.matches()) {
				List<String> terms = terms(term.group(1));
				String about = term.group(2) == null ? message
						: "“" + at(terms, Integer.parseInt(term.group(2))) + "” " + message;
				errors.merge(term.group(1), about, (one, other) -> one + "; " + other);
			}
			else {
				errors.merge(field, message, (one, other) -> one + "; " + other);
			}
		});
		return errors;
	}

	/** Whether the form has an input for the field (else its complaint is listed above the form). */
	public boolean hasInput(String field) {
		return TERM_LISTS.contains(field) || values.containsKey(field);
	}

	/** The id of the input for the field, for a template. */
	public String inputId(String field) {
		return id(field);
	}

	/** An input's id: {@code policy-rateLimits-votes-max}. */
	public static String id(String field) {
		return "policy-" + field.replace('.', '-');
	}

	private static String at(List<String> terms, int index) {
		return index < terms.size() ? terms.get(index) : "line " + (index + 1);
	}

	private static ObjectNode object(ObjectNode document, String name) {
		JsonNode existing = document.get(name);
		return existing instanceof ObjectNode object ? object : document.putObject(name);
	}

	private static void number(ObjectNode parent, String name, String value) {
		BigDecimal number = decimal(value);
		if (number == null) {
			parent.putNull(name);
		}
		else if (WHOLE.matcher(value.strip()).matches()) {
			parent.put(name, number.toBigInteger());
		}
		else {
			parent.put(name, number);
		}
	}

	private static @Nullable BigDecimal decimal(String value) {
		try {
			return value.isBlank() ? null : new BigDecimal(value.strip());
		}
		catch (NumberFormatException ex) {
			return null;
		}
	}

	private static String first(MultiValueMap<String, String> form, String name) {
		String value = form.getFirst(name);
		return value == null ? "" : value;
	}

	private static String scalar(JsonNode node) {
		return node.isValueNode() && !node.isNull() ? node.asString() : "";
	}

	private static String lines(JsonNode terms) {
		List<String> lines = new ArrayList<>();
		terms.forEach(term -> lines.add(term.asString()));
		return String.join("\n", lines);
	}

	private static String pointer(String field) {
		return "/" + field.replace('.', '/');
	}
}
