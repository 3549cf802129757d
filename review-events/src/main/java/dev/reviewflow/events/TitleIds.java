package dev.reviewflow.events;

import java.util.regex.Pattern;

/** Title ids are slugs such as {@code wont-back-down-2012}. */
public final class TitleIds {

	public static final String PATTERN = "[a-z0-9][a-z0-9-]{0,63}";

	private static final Pattern COMPILED = Pattern.compile(PATTERN);

	private TitleIds() {
	}

	public static boolean isValid(String titleId) {
		return COMPILED.matcher(titleId).matches();
	}
}
