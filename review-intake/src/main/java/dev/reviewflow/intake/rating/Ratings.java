package dev.reviewflow.intake.rating;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

import java.util.Optional;

import dev.reviewflow.events.RatingSet;
import dev.reviewflow.intake.policy.WriteLimits;
import dev.reviewflow.intake.policy.WriteLimits.Write;
import dev.reviewflow.intake.title.Titles;
import dev.reviewflow.platform.ApiException;
import dev.reviewflow.platform.Outbox;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Users' ratings of titles. Every change is published as {@link RatingSet} on {@code reviews.ratings} with the
 * rating's version, which grows with each change; a withdrawn rating keeps its row (rating null) and so its version.
 */
@Service
public class Ratings {

	private final JdbcClient jdbc;

	private final Outbox outbox;

	private final MeterRegistry meters;

	private final Titles titles;

	private final ReviewedRatings reviews;

	private final WriteLimits limits;

	Ratings(JdbcClient jdbc, Outbox outbox, MeterRegistry meters, Titles titles, ReviewedRatings reviews,
			WriteLimits limits) {
		this.jdbc = jdbc;
		this.outbox = outbox;
		this.meters = meters;
		this.titles = titles;
		this.reviews = reviews;
		this.limits = limits;
	}

	/**
	 * {@code PUT /api/titles/{titleId}/rating}: the user's rating, also carried by their review if they have one; 429
	 * beyond the user's rating limit (setting and withdrawing count together).
	 */
	@Transactional
	public Rating rate(String titleId, String userId, int rating) {
		requireTitle(titleId);
		limits.acquire(userId, Write.RATING);
		set(titleId, userId, rating);
		reviews.ratingChanged(titleId, userId, rating);
		return find(titleId, userId).orElseThrow();
	}

	/**
	 * {@code DELETE /api/titles/{titleId}/rating}: withdraws it, unless a review of theirs carries it; 429 beyond the
	 * user's rating limit.
	 */
	@Transactional
	public void unrate(String titleId, String userId) {
		requireTitle(titleId);
		if (reviews.carriedByReview(titleId, userId)) {
			throw ApiException.conflict("Your review of this title carries this rating: change the review's rating, "
					+ "or delete the review first.");
		}
		limits.acquire(userId, Write.RATING);
		withdraw(titleId, userId);
	}

	public Optional<Rating> find(String titleId, String userId) {
		return jdbc.sql("""
				select title_id, rating, updated_at from rating
				where title_id = ? and user_id = ? and rating is not null""")
			.params(titleId, userId)
			.query((rs, n) -> new Rating(rs.getString(1), rs.getInt(2), rs.getTimestamp(3).toInstant()))
			.optional();
	}

	private void requireTitle(String titleId) {
		if (!titles.exists(titleId)) {
			throw ApiException.notFound("There is no title '" + titleId + "'.");
		}
	}

	/** Sets the user's rating of the title, in the caller's transaction. */
	@Transactional(propagation = Propagation.MANDATORY)
	public void set(String titleId, String userId, int rating) {
		Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
		long version = jdbc.sql("""
				insert into rating (title_id, user_id, rating, updated_at, version) values (?, ?, ?, ?, 1)
				on conflict (title_id, user_id) do update
				  set rating = excluded.rating, updated_at = excluded.updated_at, version = rating.version + 1
				returning version""")
			.params(titleId, userId, rating, Timestamp.from(now))
			.query(Long.class)
			.single();
		outbox.publish(titleId, new RatingSet(titleId, userId, rating, now, version));
		meters.counter("reviewflow.ratings.set", "outcome", "set").increment();
	}

	/** Withdraws the user's rating of the title, if there is one, in the caller's transaction. */
	@Transactional(propagation = Propagation.MANDATORY)
	public void withdraw(String titleId, String userId) {
		Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
		jdbc.sql("""
				update rating set rating = null, updated_at = ?, version = version + 1
				where title_id = ? and user_id = ? and rating is not null
				returning version""")
			.params(Timestamp.from(now), titleId, userId)
			.query(Long.class)
			.optional()
			.ifPresent(version -> {
				outbox.publish(titleId, new RatingSet(titleId, userId, null, now, version));
				meters.counter("reviewflow.ratings.set", "outcome", "withdrawn").increment();
			});
	}
}
