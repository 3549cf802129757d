package dev.reviewflow.platform;

import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Runs something once the current transaction has committed (now, without one): for metrics, which count what
 * happened, not what was tried. Used by in-process listeners rather than
 * {@code @TransactionalEventListener(phase = AFTER_COMMIT)}, for which Spring Modulith would store an event
 * publication in the outbox table on every write.
 */
public final class AfterCommit {

	private AfterCommit() {
	}

	public static void run(Runnable action) {
		if (!TransactionSynchronizationManager.isSynchronizationActive()) {
			action.run();
			return;
		}
		TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
			@Override
			public void afterCommit() {
				action.run();
			}
		});
	}
}
