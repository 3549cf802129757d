package dev.reviewflow.intake.review;

import java.util.Optional;
import java.util.UUID;

import dev.reviewflow.events.ReviewType;
import dev.reviewflow.intake.title.Titles;
import dev.reviewflow.platform.Page;
import org.jspecify.annotations.Nullable;

import org.springframework.stereotype.Service;

/** Reading reviews back: one review as its viewer may see it, a title's published reviews. */
@Service
public class ReviewQueries {

	private final ReviewStore store;

	private final Titles titles;

	ReviewQueries(ReviewStore store, Titles titles) {
		this.store = store;
		this.titles = titles;
	}

	/** The review if the viewer may see it: anyone sees PUBLISHED ones, authors and moderators every status. */
	public Optional<ReviewView> findVisible(UUID reviewId, @Nullable Author viewer) {
		return store.find(reviewId).filter(review -> review.visibleTo(viewer));
	}

	/** A title's PUBLISHED reviews, one page; {@code TitleNotFound} for an unknown title. */
	public Page<ReviewView> list(String titleId, @Nullable ReviewType type, ReviewOrder order, int page, int size) {
		titles.requireExists(titleId);
		return store.listPublished(titleId, type, order, page, size);
	}

	/** The author's own reviews in every state but DELETED (of one title, or all), newest first. */
	public Page<ReviewView> mine(String authorId, @Nullable String titleId, int page, int size) {
		return store.listOfAuthor(authorId, titleId, page, size);
	}

	/** Whether the user's live user review of the title carries their rating of it. */
	public boolean carriesRating(String titleId, String userId) {
		return store.findLive(titleId, userId).filter(Review::carriesRating).isPresent();
	}
}
