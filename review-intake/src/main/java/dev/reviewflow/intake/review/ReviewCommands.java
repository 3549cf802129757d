package dev.reviewflow.intake.review;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

import dev.reviewflow.intake.policy.WriteLimits;
import dev.reviewflow.intake.policy.WriteLimits.Write;
import dev.reviewflow.intake.title.Titles;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * What authors do with their reviews: submit, edit, delete. Each command loads the review (locked), lets the
 * aggregate check and change it, counts the write against the author's limit, stores it and publishes the events
 * it registered, all in one transaction: a refusal or a 429 changes nothing and publishes nothing.
 */
@Service
public class ReviewCommands {

	private final ReviewStore store;

	private final Titles titles;

	private final WriteLimits limits;

	private final ApplicationEventPublisher events;

	ReviewCommands(ReviewStore store, Titles titles, WriteLimits limits, ApplicationEventPublisher events) {
		this.store = store;
		this.titles = titles;
		this.limits = limits;
		this.events = events;
	}

	/**
	 * A new review, PENDING; {@code ReviewSubmitted} and, for a user review, its rating as the author's rating of
	 * the title (which counts against their rating limit too). 429 beyond the author's review limit;
	 * {@link AlreadyReviewed} if they have a live review of the title.
	 */
	@Transactional
	public ReviewView submit(String titleId, Author author, ReviewDraft draft) {
		titles.requireExists(titleId);
		limits.acquire(author.id(), Write.REVIEW);
		Review review = Review.submit(UUID.randomUUID(), titleId, author, draft, now());
		if (!store.insert(review)) {
			throw new AlreadyReviewed(store.findLive(titleId, author.id()).orElseThrow().reviewId());
		}
		publish(review);
		return view(review.reviewId());
	}

	/**
	 * The author edits their review: the new revision goes back through moderation ({@code ReviewEdited}); a changed
	 * rating is the author's new rating of the title. 429 beyond the author's edit limit.
	 */
	@Transactional
	public ReviewView edit(UUID reviewId, Author caller, ReviewPatch patch) {
		Review review = store.lock(reviewId).orElseThrow(() -> new ReviewNotFound(reviewId));
		review.edit(caller, patch, now());
		limits.acquire(caller.id(), Write.REVIEW_EDIT);
		store.update(review);
		publish(review);
		return view(reviewId);
	}

	/**
	 * The author deletes their review ({@code ReviewDeleted}); their rating of the title stays. 429 beyond the
	 * author's delete limit; deleting a deleted review again changes nothing and is not counted.
	 */
	@Transactional
	public void delete(UUID reviewId, Author caller) {
		Review review = store.lock(reviewId).orElseThrow(() -> new ReviewNotFound(reviewId));
		if (!review.delete(caller, now())) {
			return;
		}
		limits.acquire(caller.id(), Write.REVIEW_DELETE);
		store.update(review);
		publish(review);
	}

	/**
	 * The user rated the title anew (the rating feature calls this): their live user review, if it still carries
	 * their rating, takes the new one.
	 */
	@Transactional(propagation = Propagation.MANDATORY)
	public void takeAuthorsRating(String titleId, String authorId, int rating) {
		store.lockLive(titleId, authorId).filter(Review::carriesRating).ifPresent(review -> {
			review.takeAuthorsRating(rating);
			store.update(review);
		});
	}

	private void publish(Review review) {
		review.releaseEvents().forEach(events::publishEvent);
	}

	private ReviewView view(UUID reviewId) {
		return store.find(reviewId).orElseThrow();
	}

	private static Instant now() {
		return Instant.now().truncatedTo(ChronoUnit.MICROS);
	}
}
