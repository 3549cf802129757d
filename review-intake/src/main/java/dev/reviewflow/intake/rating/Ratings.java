package dev.reviewflow.intake.rating;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

import dev.reviewflow.events.RatingSet;
import dev.reviewflow.platform.Outbox;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/** Users' ratings of titles. Every change is published as {@link RatingSet} on {@code reviews.ratings}. */
@Service
public class Ratings {

	private final JdbcClient jdbc;

	private final Outbox outbox;

	private final MeterRegistry meters;

	Ratings(JdbcClient jdbc, Outbox outbox, MeterRegistry meters) {
		this.jdbc = jdbc;
		this.outbox = outbox;
		this.meters = meters;
	}

	/** Sets the user's rating of the title, in the caller's transaction. */
	@Transactional(propagation = Propagation.MANDATORY)
	public void set(String titleId, String userId, int rating) {
		Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
		jdbc.sql("""
				insert into rating (title_id, user_id, rating, updated_at) values (?, ?, ?, ?)
				on conflict (title_id, user_id) do update set rating = excluded.rating, updated_at = excluded.updated_at""")
			.params(titleId, userId, rating, Timestamp.from(now))
			.update();
		outbox.publish(titleId, new RatingSet(titleId, userId, rating, now));
		meters.counter("reviewflow.ratings.set", "outcome", "set").increment();
	}

	/** Withdraws the user's rating of the title, if there is one, in the caller's transaction. */
	@Transactional(propagation = Propagation.MANDATORY)
	public void withdraw(String titleId, String userId) {
		int removed = jdbc.sql("delete from rating where title_id = ? and user_id = ?").params(titleId, userId).update();
		if (removed > 0) {
			outbox.publish(titleId, new RatingSet(titleId, userId, null, Instant.now().truncatedTo(ChronoUnit.MICROS)));
			meters.counter("reviewflow.ratings.set", "outcome", "withdrawn").increment();
		}
	}
}
