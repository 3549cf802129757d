package dev.reviewflow.web.me;

import java.util.UUID;

import dev.reviewflow.web.api.ApiRefusal;
import dev.reviewflow.web.api.Services.Apis;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/** Asks moderation where one of the caller's reviews stands (its decisions and the appeal). */
@Component
class Standings {

	private final Apis apis;

	Standings(Apis apis) {
		this.apis = apis;
	}

	/** The review's panel; a review moderation does not know (yet) has no standing, which is not an error. */
	StandingPanel of(UUID reviewId, @Nullable String authorization, @Nullable String statement,
			@Nullable ApiRefusal refusal, @Nullable String done) {
		Standing standing = null;
		ApiRefusal unreadable = null;
		try {
			standing = apis.moderation()
				.get(authorization, Standing.class, "/api/reviews/{reviewId}/moderation", reviewId);
		}
		catch (ApiRefusal failed) {
			unreadable = failed.notFound() ? null : failed;
		}
		return new StandingPanel(reviewId, standing, unreadable, statement, refusal, done);
	}
}
