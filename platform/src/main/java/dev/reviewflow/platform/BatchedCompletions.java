package dev.reviewflow.platform;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.SqlArrayValue;
import org.springframework.modulith.events.EventPublication;
import org.springframework.modulith.events.core.EventPublicationRepository;
import org.springframework.modulith.events.core.PublicationTargetIdentifier;
import org.springframework.modulith.events.core.TargetEventPublication;

/**
 * Spring Modulith's JDBC event publication repository with the outbox's per-event bookkeeping batched: Modulith
 * marks every publication PROCESSING before it sends it and COMPLETED when Kafka acknowledged it, each in a
 * transaction of its own (two commits, two fsyncs per event), the second on the Kafka producer's network thread, which
 * then waits for a database connection before it handles the next acknowledgement. Here PROCESSING is not recorded
 * (a publication is incomplete until its completion date is set, which is all resubmission and the backlog gauge
 * read), and completions are queued and written by one thread, as many as have arrived in one UPDATE.
 * <p>
 * What this gives up: a crash between Kafka's acknowledgement and the batch's commit (a few milliseconds) leaves those
 * publications incomplete, so they are sent again after {@code reviewflow.outbox.resubmit-after}: at least once, as
 * after any crash between send and completion, and every consumer is idempotent. A publication being resubmitted is
 * still marked PROCESSING, by Modulith: Modulith resubmits a RESUBMITTED one never again, so it must not stay
 * RESUBMITTED until its completion is written. Everything else (creating publications, failures, resubmission,
 * deleting old ones) goes to Modulith's repository unchanged.
 * <p>
 * The writer starts with the first completion and stops when the repository is destroyed ({@link #close}), after
 * the Kafka producers have stopped (their last acknowledgements are written) and before the database's pool closes.
 */
final class BatchedCompletions implements EventPublicationRepository {

	private static final Logger log = LoggerFactory.getLogger(BatchedCompletions.class);

	/** The most completions one UPDATE writes. */
	static final int MAX_BATCH = 1000;

	private static final Duration RETRY_AFTER = Duration.ofSeconds(1);

	private final EventPublicationRepository delegate;

	private final JdbcClient jdbc;

	private final BlockingQueue<Completion> queue = new LinkedBlockingQueue<>();

	private @Nullable Thread writer;

	private boolean closed;

	/** Publications Modulith is resubmitting: their PROCESSING is written, as Modulith writes it. */
	private final Set<UUID> resubmitted = ConcurrentHashMap.newKeySet();

	private record Completion(UUID id, Instant at) {
	}

	BatchedCompletions(EventPublicationRepository delegate, JdbcClient jdbc) {
		this.delegate = delegate;
		this.jdbc = jdbc;
	}

	@Override
	public void markProcessing(UUID identifier) {
		// a first send's is not recorded: an unacknowledged publication is incomplete either way
		if (resubmitted.remove(identifier)) {
			delegate.markProcessing(identifier);
		}
	}

	@Override
	public boolean markResubmitted(UUID identifier, Instant resubmissionDate) {
		boolean marked = delegate.markResubmitted(identifier, resubmissionDate);
		if (marked) {
			resubmitted.add(identifier);
		}
		return marked;
	}

	@Override
	public void markCompleted(UUID identifier, Instant completionDate) {
		queue.add(new Completion(identifier, completionDate));
		startWriter();
	}

	private synchronized void startWriter() {
		if (writer == null && !closed) {
			writer = Thread.ofPlatform().name("outbox-completions").daemon().start(this::run);
		}
	}

	@Override
	public void markCompleted(Object event, PublicationTargetIdentifier identifier, Instant completionDate) {
		delegate.markCompleted(event, identifier, completionDate);
	}

	/** Writes what is queued; returns how many. Called by the writer thread, and by tests and shutdown. */
	int flush() {
		List<Completion> batch = new ArrayList<>();
		queue.drainTo(batch, MAX_BATCH);
		if (batch.isEmpty()) {
			return 0;
		}
		write(batch);
		return batch.size();
	}

	private void write(List<Completion> batch) {
		jdbc.sql("""
				update event_publication p set status = 'COMPLETED', completion_date = c.at
				from unnest(?, ?) as c(id, at)
				where p.id = c.id""")
			.params(new SqlArrayValue("uuid", batch.stream().map(Completion::id).toArray()),
					new SqlArrayValue("timestamptz",
							batch.stream().map(completion -> Timestamp.from(completion.at())).toArray()))
			.update();
	}

	private void run() {
		List<Completion> batch = new ArrayList<>();
		while (!Thread.currentThread().isInterrupted()) {
			try {
				if (batch.isEmpty()) {
					batch.add(queue.take());
					queue.drainTo(batch, MAX_BATCH - 1);
				}
				write(batch);
				batch.clear();
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
			catch (RuntimeException ex) {
				// the database is away: keep the batch and try again; until then these count as not acknowledged
				log.warn("Could not record {} event publications as completed, trying again in {}: {}", batch.size(),
						RETRY_AFTER, ex.getMessage());
				try {
					TimeUnit.MILLISECONDS.sleep(RETRY_AFTER.toMillis());
				}
				catch (InterruptedException interrupted) {
					Thread.currentThread().interrupt();
				}
			}
		}
		queue.addAll(batch);
	}

	/** Stops the writer and writes what is left, so a clean shutdown resends nothing. */
	void close() {
		Thread running;
		synchronized (this) {
			closed = true;
			running = writer;
		}
		if (running != null) {
			running.interrupt();
			try {
				running.join(TimeUnit.SECONDS.toMillis(5));
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}
		try {
			while (flush() > 0) {
				// until the queue is empty
			}
		}
		catch (RuntimeException ex) {
			log.warn("Could not record {} event publications as completed at shutdown; they will be sent again: {}",
					queue.size(), ex.getMessage());
		}
	}

	boolean isWriting() {
		Thread running = writer;
		return running != null && running.isAlive();
	}

	// everything else is Modulith's

	@Override
	public TargetEventPublication create(TargetEventPublication publication) {
		return delegate.create(publication);
	}

	@Override
	public void markFailed(UUID identifier) {
		delegate.markFailed(identifier);
	}

	@Override
	public List<TargetEventPublication> findIncompletePublications() {
		return delegate.findIncompletePublications();
	}

	@Override
	public List<TargetEventPublication> findIncompletePublicationsPublishedBefore(Instant instant) {
		return delegate.findIncompletePublicationsPublishedBefore(instant);
	}

	@Override
	public Optional<TargetEventPublication> findIncompletePublicationsByEventAndTargetIdentifier(Object event,
			PublicationTargetIdentifier targetIdentifier) {
		return delegate.findIncompletePublicationsByEventAndTargetIdentifier(event, targetIdentifier);
	}

	@Override
	public List<TargetEventPublication> findCompletedPublications() {
		return delegate.findCompletedPublications();
	}

	@Override
	public void deletePublications(List<UUID> identifiers) {
		delegate.deletePublications(identifiers);
	}

	@Override
	public void deleteCompletedPublications() {
		delegate.deleteCompletedPublications();
	}

	@Override
	public void deleteCompletedPublicationsBefore(Instant instant) {
		delegate.deleteCompletedPublicationsBefore(instant);
	}

	@Override
	public List<TargetEventPublication> findFailedPublications(FailedCriteria criteria) {
		return delegate.findFailedPublications(criteria);
	}

	@Override
	public List<TargetEventPublication> findByStatus(EventPublication.Status status) {
		return delegate.findByStatus(status);
	}

	@Override
	public int countByStatus(EventPublication.Status status) {
		return delegate.countByStatus(status);
	}
}
