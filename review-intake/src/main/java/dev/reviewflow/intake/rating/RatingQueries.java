package dev.reviewflow.intake.rating;

import java.util.Optional;

import org.springframework.stereotype.Service;

/** A user's current rating of a title. */
@Service
public class RatingQueries {

	private final RatingStore store;

	RatingQueries(RatingStore store) {
		this.store = store;
	}

	public Optional<Rating> find(String titleId, String userId) {
		return store.find(titleId, userId);
	}
}
