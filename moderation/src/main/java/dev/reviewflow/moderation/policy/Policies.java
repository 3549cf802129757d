package dev.reviewflow.moderation.policy;

import java.lang.reflect.RecordComponent;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

import dev.reviewflow.events.ModerationPolicyChanged;
import dev.reviewflow.platform.Outbox;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The versioned policy (table {@code policy}). The first version comes from configuration; administrators replace it
 * as a whole, each change a new version. The version in force is cached for a few seconds: a change made through
 * this instance applies at once, one made through another instance within {@link #REFRESH}.
 */
@Service
public class Policies {

	static final Duration REFRESH = Duration.ofSeconds(5);

	private final JdbcClient jdbc;

	private final JsonMapper json;

	private final ApplicationEventPublisher events;

	private final Policy initial;

	private final Outbox outbox;

	private final TransactionTemplate transactions;

	private volatile @Nullable Cached cached;

	private record Cached(PolicyVersion policy, Instant readAt) {
	}

	private final Clock clock;

	Policies(JdbcClient jdbc, JsonMapper json, ApplicationEventPublisher events, ModerationProperties properties, Outbox outbox,
			PlatformTransactionManager transactionManager, Clock clock) {
		this.clock = clock;
		this.jdbc = jdbc;
		this.json = json;
		this.events = events;
		this.initial = Policy.initial(properties);
		this.outbox = outbox;
		this.transactions = new TransactionTemplate(transactionManager);
	}

	/** The policy in force. */
	public PolicyVersion current() {
		Cached known = cached;
		Instant now = Instant.now(clock);
		if (known != null && known.readAt().plus(REFRESH).isAfter(now)) {
			return known.policy();
		}
		PolicyVersion latest = latest().orElseGet(this::first);
		cached = new Cached(latest, now);
		return latest;
	}

	/**
	 * Replaces the policy with a new version.
	 * @param expectedVersion the version the administrator edited ({@code If-Match}), if they named one: a policy
	 * changed since is not overwritten (412)
	 */
	@Transactional
	public PolicyVersion replace(Policy policy, String adminId, @Nullable Integer expectedVersion) {
		PolicyVersion before = latest().orElseGet(this::first);
		if (expectedVersion != null && expectedVersion != before.version()) {
			throw new PolicyChangedMeanwhile(before.version(), expectedVersion);
		}
		PolicyVersion next = new PolicyVersion(before.version() + 1, adminId,
				Instant.now(clock).truncatedTo(ChronoUnit.MICROS), policy);
		if (!insert(next)) {
			throw new ConcurrentPolicyChange();
		}
		events.publishEvent(new PolicyReplaced(before.version(), next.version(), adminId,
				changes(before.policy(), policy)));
		cached = new Cached(next, Instant.now(clock));
		return next;
	}

	private Optional<PolicyVersion> latest() {
		return jdbc.sql("select version, changed_by, changed_at, document::text from policy order by version desc limit 1")
			.query((rs, n) -> new PolicyVersion(rs.getInt(1), rs.getString(2), rs.getTimestamp(3).toInstant(),
					json.readValue(rs.getString(4), Policy.class)))
			.optional();
	}

	/** Version 1, from configuration; whichever instance needs it first writes it. */
	private PolicyVersion first() {
		transactions.executeWithoutResult(
				status -> insert(new PolicyVersion(1, "configuration", Instant.now(clock).truncatedTo(ChronoUnit.MICROS),
						initial)));
		return latest().orElseThrow();
	}

	/**
	 * Stores the version and tells the other services the parts they apply (review-intake: the limits on reviews,
	 * edits, deletions and ratings), unless it exists already.
	 */
	private boolean insert(PolicyVersion version) {
		boolean inserted = jdbc.sql("""
				insert into policy (version, document, changed_by, changed_at) values (?, cast(? as jsonb), ?, ?)
				on conflict (version) do nothing""")
			.params(version.version(), json.writeValueAsString(version.policy()), version.changedBy(),
					Timestamp.from(version.changedAt()))
			.update() == 1;
		if (inserted) {
			Policy.RateLimits limits = version.policy().rateLimits();
			outbox.publish(ModerationPolicyChanged.KEY,
					new ModerationPolicyChanged(version.version(), announced(limits.reviews()), version.changedAt(),
							announced(limits.reviewEdits()), announced(limits.reviewDeletes()),
							announced(limits.ratings())));
		}
		return inserted;
	}

	private static ModerationPolicyChanged.RateLimit announced(Policy.RateLimit limit) {
		return new ModerationPolicyChanged.RateLimit(limit.max(), limit.perMinutes());
	}

	/** The names of the rules that differ, for the audit log. */
	private static List<String> changes(Policy before, Policy after) {
		List<String> changed = new ArrayList<>();
		for (RecordComponent component : Policy.class.getRecordComponents()) {
			try {
				if (!Objects.equals(component.getAccessor().invoke(before), component.getAccessor().invoke(after))) {
					changed.add(component.getName());
				}
			}
			catch (ReflectiveOperationException ex) {
				throw new IllegalStateException(ex);
			}
		}
		return changed;
	}
}
