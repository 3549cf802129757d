package dev.reviewflow.intake.rating;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Table {@code rating}: one row per user and title, whose {@code version} grows with every change; a withdrawn
 * rating keeps its row (rating null) and so its version.
 */
@Component
class RatingStore {

	private final JdbcClient jdbc;

	RatingStore(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/** Sets the user's rating of the title; returns its new version. */
	@Transactional(propagation = Propagation.MANDATORY)
	long set(String titleId, String userId, int rating, Instant at) {
		return jdbc.sql("""
				insert into rating (title_id, user_id, rating, updated_at, version) values (?, ?, ?, ?, 1)
				on conflict (title_id, user_id) do update
				  set rating = excluded.rating, updated_at = excluded.updated_at, version = rating.version + 1
				returning version""")
			.params(titleId, userId, rating, Timestamp.from(at))
			.query(Long.class)
			.single();
	}

	/** Withdraws the user's rating of the title; returns its new version, or nothing if there was no rating. */
	@Transactional(propagation = Propagation.MANDATORY)
	Optional<Long> withdraw(String titleId, String userId, Instant at) {
		return jdbc.sql("""
				update rating set rating = null, updated_at = ?, version = version + 1
				where title_id = ? and user_id = ? and rating is not null
				returning version""")
			.params(Timestamp.from(at), titleId, userId)
			.query(Long.class)
			.optional();
	}

	Optional<Rating> find(String titleId, String userId) {
		return jdbc.sql("""
				select title_id, rating, updated_at from rating
				where title_id = ? and user_id = ? and rating is not null""")
			.params(titleId, userId)
			.query((rs, n) -> new Rating(rs.getString(1), rs.getInt(2), rs.getTimestamp(3).toInstant()))
			.optional();
	}
}
