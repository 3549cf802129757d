package dev.reviewflow.intake.rating;

import java.time.Instant;
import java.time.temporal.ChronoUnit;

import dev.reviewflow.events.RatingSet;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Every change of a user's rating, whoever causes it (the user, their review, a moderator's decision about it),
 * stored and announced as {@link RatingSet} with its new version, in the caller's transaction.
 */
@Component
class RatingChanges {

	private final RatingStore store;

	private final ApplicationEventPublisher events;

	RatingChanges(RatingStore store, ApplicationEventPublisher events) {
		this.store = store;
		this.events = events;
	}

	@Transactional(propagation = Propagation.MANDATORY)
	void set(String titleId, String userId, int rating) {
		Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
		long version = store.set(titleId, userId, rating, now);
		events.publishEvent(new RatingSet(titleId, userId, rating, now, version));
	}

	/** Withdraws the rating if there is one; nothing happens, and nothing is announced, otherwise. */
	@Transactional(propagation = Propagation.MANDATORY)
	void withdraw(String titleId, String userId) {
		Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
		store.withdraw(titleId, userId, now)
			.ifPresent(version -> events.publishEvent(new RatingSet(titleId, userId, null, now, version)));
	}
}
