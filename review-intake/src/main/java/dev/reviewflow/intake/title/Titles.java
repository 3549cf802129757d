package dev.reviewflow.intake.title;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;

import dev.reviewflow.platform.Page;

import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** The catalogue of titles. */
@Service
public class Titles {

	private static final RowMapper<Title> ROW = (rs, n) -> new Title(rs.getString("title_id"), rs.getString("name"),
			rs.getInt("year"), TitleKind.valueOf(rs.getString("kind")), rs.getTimestamp("created_at").toInstant(),
			rs.getTimestamp("updated_at").toInstant());

	private final JdbcClient jdbc;

	Titles(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/** Creates the title or replaces its name, year and kind; tells which happened. */
	@Transactional
	public Saved save(String titleId, String name, int year, TitleKind kind) {
		Timestamp now = Timestamp.from(Instant.now().truncatedTo(ChronoUnit.MICROS));
		boolean created = jdbc.sql("""
				insert into title (title_id, name, year, kind, created_at, updated_at) values (?, ?, ?, ?, ?, ?)
				on conflict (title_id) do update set name = excluded.name, year = excluded.year, kind = excluded.kind,
				  updated_at = excluded.updated_at
				returning (xmax = 0) as created""")
			.params(titleId, name, year, kind.name(), now, now)
			.query(Boolean.class)
			.single();
		return new Saved(find(titleId).orElseThrow(), created);
	}

	public Optional<Title> find(String titleId) {
		return jdbc.sql("select * from title where title_id = ?").param(titleId).query(ROW).optional();
	}

	public boolean exists(String titleId) {
		return jdbc.sql("select count(*) from title where title_id = ?").param(titleId).query(Long.class).single() > 0;
	}

	/** Reviews and ratings belong to a title: {@link TitleNotFound} unless it exists. */
	public void requireExists(String titleId) {
		if (!exists(titleId)) {
			throw new TitleNotFound(titleId);
		}
	}

	public Page<Title> list(int page, int size) {
		List<Title> items = jdbc.sql("select * from title order by title_id limit ? offset ?")
			.params(size, (long) page * size)
			.query(ROW)
			.list();
		long total = jdbc.sql("select count(*) from title").query(Long.class).single();
		return new Page<>(items, page, size, total);
	}

	/** The outcome of {@link #save}. */
	public record Saved(Title title, boolean created) {
	}
}
