package dev.reviewflow.intake.review;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import dev.reviewflow.events.ReviewScoreChanged;
import dev.reviewflow.events.ReviewStatus;
import dev.reviewflow.events.ReviewType;
import dev.reviewflow.events.Verdict;
import dev.reviewflow.platform.Page;
import org.jspecify.annotations.Nullable;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.SqlArrayValue;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Table {@code review}: loads and stores {@link Review}s (locked for change) and reads {@link ReviewView}s. Rules
 * live in the aggregate; the only decisions here are the database's own: the unique index that allows one live
 * review per author per title, and the version that orders scoring's figures.
 */
@Component
class ReviewStore {

	private final JdbcClient jdbc;

	ReviewStore(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * Stores a new review.
	 * @return {@code false} if the author has a live review of the title already: the unique index decides, also
	 * between simultaneous submissions
	 */
	@Transactional(propagation = Propagation.MANDATORY)
	boolean insert(Review review) {
		return jdbc.sql("""
				insert into review (review_id, title_id, author_id, type, revision, rating, verdict, publication,
				  top_critic, headline, body, contains_spoilers, status, created_at, status_changed_at)
				values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
				on conflict (title_id, author_id) where status <> 'DELETED' do nothing""")
			.params(review.reviewId(), review.titleId(), review.authorId(), review.type().name(), review.revision(),
					review.rating(), name(review.verdict()), review.publication(), review.topCritic(),
					review.headline(), review.body(), review.containsSpoilers(), review.status().name(),
					Timestamp.from(review.createdAt()), Timestamp.from(review.statusChangedAt()))
			.update() == 1;
	}

	/** Stores what a transition changed; the review was loaded with {@link #lock}. */
	@Transactional(propagation = Propagation.MANDATORY)
	void update(Review review) {
		jdbc.sql("""
				update review set revision = ?, rating = ?, verdict = ?, publication = ?, headline = ?, body = ?,
				  contains_spoilers = ?, status = ?, edited_at = ?, status_changed_at = ?, decision_revision = ?,
				  decision_sequence = ?
				where review_id = ?""")
			.params(review.revision(), review.rating(), name(review.verdict()), review.publication(),
					review.headline(), review.body(), review.containsSpoilers(), review.status().name(),
					review.editedAt() == null ? null : Timestamp.from(review.editedAt()),
					Timestamp.from(review.statusChangedAt()), review.decisionRevision(), review.decisionSequence(),
					review.reviewId())
			.update();
	}

	/** The review, its row locked until the transaction ends. */
	@Transactional(propagation = Propagation.MANDATORY)
	Optional<Review> lock(UUID reviewId) {
		return jdbc.sql("select * from review where review_id = ? for update")
			.param(reviewId)
			.query(ReviewStore::review)
			.optional();
	}

	/** The author's live (not deleted) review of the title, locked: there is at most one. */
	@Transactional(propagation = Propagation.MANDATORY)
	Optional<Review> lockLive(String titleId, String authorId) {
		return jdbc.sql("select * from review where title_id = ? and author_id = ? and status <> 'DELETED' for update")
			.params(titleId, authorId)
			.query(ReviewStore::review)
			.optional();
	}

	/** The author's live review of the title, unlocked. */
	Optional<Review> findLive(String titleId, String authorId) {
		return jdbc.sql("select * from review where title_id = ? and author_id = ? and status <> 'DELETED'")
			.params(titleId, authorId)
			.query(ReviewStore::review)
			.optional();
	}

	Optional<ReviewView> find(UUID reviewId) {
		return jdbc.sql("select * from review where review_id = ?").param(reviewId).query(ReviewStore::view).optional();
	}

	/** A title's PUBLISHED reviews of the type (every type if null), one page. */
	Page<ReviewView> listPublished(String titleId, @Nullable ReviewType type, ReviewOrder order, int page, int size) {
		String typeFilter = type == null ? "" : " and type = '" + type.name() + "'";
		List<ReviewView> items = jdbc
			.sql("select * from review where title_id = ? and status = 'PUBLISHED'" + typeFilter + " order by "
					+ order.sql() + " limit ? offset ?")
			.params(titleId, size, (long) page * size)
			.query(ReviewStore::view)
			.list();
		long total = jdbc.sql("select count(*) from review where title_id = ? and status = 'PUBLISHED'" + typeFilter)
			.param(titleId)
			.query(Long.class)
			.single();
		return new Page<>(items, page, size, total);
	}

	/** An author's reviews in every state but DELETED, of one title or all, newest first, one page. */
	Page<ReviewView> listOfAuthor(String authorId, @Nullable String titleId, int page, int size) {
		String titleFilter = titleId == null ? "" : " and title_id = :titleId";
		List<ReviewView> items = jdbc
			.sql("select * from review where author_id = :authorId and status <> 'DELETED'" + titleFilter
					+ " order by created_at desc, review_id limit :size offset :offset")
			.param("authorId", authorId)
			.param("titleId", titleId)
			.param("size", size)
			.param("offset", (long) page * size)
			.query(ReviewStore::view)
			.list();
		long total = jdbc.sql("select count(*) from review where author_id = :authorId and status <> 'DELETED'"
				+ titleFilter)
			.param("authorId", authorId)
			.param("titleId", titleId)
			.query(Long.class)
			.single();
		return new Page<>(items, page, size, total);
	}

	/**
	 * Scoring's latest helpfulness figures for reviews (one per review), each kept when its version is higher than
	 * the stored one: a duplicate or an older figure arriving late changes nothing. Only figures written before
	 * versions existed (version 0) fall back to their time. One statement for all of them.
	 */
	@Transactional
	void applyScores(Collection<ReviewScoreChanged> scores) {
		if (scores.isEmpty()) {
			return;
		}
		jdbc.sql("""
				update review r set helpful_votes = s.helpful, total_votes = s.total, wilson_lower_bound = s.wilson,
				  votes_updated_at = s.updated_at, votes_version = s.version
				from unnest(:reviewIds, :helpful, :total, :wilson, :updatedAt, :version) as s(review_id, helpful, total, wilson, updated_at, version)
				where r.review_id = s.review_id and (r.votes_version < s.version
				  or (s.version = 0 and r.votes_version = 0 and (r.votes_updated_at is null or r.votes_updated_at < s.updated_at)))""")
			.param("reviewIds", new SqlArrayValue("uuid", scores.stream().map(ReviewScoreChanged::reviewId).toArray()))
			.param("helpful", new SqlArrayValue("int8", scores.stream().map(ReviewScoreChanged::helpful).toArray()))
			.param("total", new SqlArrayValue("int8", scores.stream().map(ReviewScoreChanged::total).toArray()))
			.param("wilson",
					new SqlArrayValue("float8", scores.stream().map(ReviewScoreChanged::wilsonLowerBound).toArray()))
			.param("updatedAt", new SqlArrayValue("timestamptz",
					scores.stream().map(score -> Timestamp.from(score.updatedAt())).toArray()))
			.param("version", new SqlArrayValue("int8", scores.stream().map(ReviewScoreChanged::version).toArray()))
			.update();
	}

	private static @Nullable String name(@Nullable Verdict verdict) {
		return verdict == null ? null : verdict.name();
	}

	private static Review review(ResultSet rs, int n) throws SQLException {
		return new Review(rs.getObject("review_id", UUID.class), rs.getString("title_id"), rs.getString("author_id"),
				ReviewType.valueOf(rs.getString("type")), rs.getInt("revision"), rs.getObject("rating", Integer.class),
				verdict(rs), rs.getString("publication"), rs.getBoolean("top_critic"), rs.getString("headline"),
				rs.getString("body"), rs.getBoolean("contains_spoilers"), ReviewStatus.valueOf(rs.getString("status")),
				rs.getTimestamp("created_at").toInstant(), instant(rs, "edited_at"),
				rs.getTimestamp("status_changed_at").toInstant(), rs.getInt("decision_revision"),
				rs.getLong("decision_sequence"));
	}

	private static ReviewView view(ResultSet rs, int n) throws SQLException {
		return new ReviewView(rs.getObject("review_id", UUID.class), rs.getString("title_id"),
				rs.getString("author_id"), ReviewType.valueOf(rs.getString("type")), rs.getInt("revision"),
				rs.getObject("rating", Integer.class), verdict(rs), rs.getString("publication"),
				rs.getBoolean("top_critic"), rs.getString("headline"), rs.getString("body"),
				rs.getBoolean("contains_spoilers"), ReviewStatus.valueOf(rs.getString("status")),
				rs.getLong("helpful_votes"), rs.getLong("total_votes"), rs.getTimestamp("created_at").toInstant(),
				instant(rs, "edited_at"));
	}

	private static @Nullable Verdict verdict(ResultSet rs) throws SQLException {
		String verdict = rs.getString("verdict");
		return verdict == null ? null : Verdict.valueOf(verdict);
	}

	private static @Nullable Instant instant(ResultSet rs, String column) throws SQLException {
		Timestamp time = rs.getTimestamp(column);
		return time == null ? null : time.toInstant();
	}
}
