package dev.reviewflow.web.me;

import java.util.UUID;

import dev.reviewflow.web.api.ApiRefusal;
import org.jspecify.annotations.Nullable;

/**
 * One review's moderation panel on {@code /me}: where it stands (or why that could not be read), and after an appeal
 * was sent, what the author wrote with the service's answer: done, or its words for the statement field.
 * @param standing null when moderation has no record of the review (yet) or could not be asked
 * @param unreadable why moderation could not say where the review stands, or null
 * @param statement the statement sent, kept in the field when the appeal was refused
 * @param refusal why moderation refused the appeal, or null
 * @param done what happened when it accepted it, or null
 */
public record StandingPanel(UUID reviewId, @Nullable Standing standing, @Nullable ApiRefusal unreadable,
		@Nullable String statement, @Nullable ApiRefusal refusal, @Nullable String done) {

	/** The appeal form is offered only while moderation says the author may appeal. */
	public boolean appealable() {
		return standing != null && standing.appeal().available();
	}

	/** What the service said about the statement: its words for the field, else its detail. */
	public @Nullable String statementError() {
		if (refusal == null) {
			return null;
		}
		String field = refusal.field("statement");
		return field == null ? refusal.detail() : "The statement " + field + ".";
	}
}
