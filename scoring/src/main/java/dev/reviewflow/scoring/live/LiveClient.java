package dev.reviewflow.scoring.live;

import java.io.IOException;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Set;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * One connected dashboard. Updates wait in a small buffer keyed by score, so a slow client gets the latest value of
 * each score rather than every intermediate one, and never holds back the others: its own virtual thread writes to
 * it.
 */
final class LiveClient {

	private final SseEmitter emitter;

	private final Set<String> titleIds;

	private final int capacity;

	private final LinkedHashMap<String, ScoreUpdate> waiting = new LinkedHashMap<>();

	private final ReentrantLock lock = new ReentrantLock();

	private final Condition available = lock.newCondition();

	private volatile boolean closed;

	private long dropped;

	LiveClient(SseEmitter emitter, Set<String> titleIds, int capacity) {
		this.emitter = emitter;
		this.titleIds = titleIds;
		this.capacity = capacity;
	}

	boolean wants(ScoreUpdate update) {
		return titleIds.isEmpty() || (update.titleId() != null && titleIds.contains(update.titleId()));
	}

	Set<String> titleIds() {
		return titleIds;
	}

	/** Queues an update; replaces a waiting value of the same score, drops the oldest when full. */
	void offer(ScoreUpdate update) {
		lock.lock();
		try {
			waiting.remove(update.key());
			waiting.put(update.key(), update);
			if (waiting.size() > capacity) {
				Iterator<String> oldest = waiting.keySet().iterator();
				oldest.next();
				oldest.remove();
				dropped++;
			}
			available.signal();
		}
		finally {
			lock.unlock();
		}
	}

	/** Writes waiting updates until the client goes away; runs on the client's own virtual thread. */
	void pump() {
		while (!closed) {
			ScoreUpdate next;
			lock.lock();
			try {
				while (waiting.isEmpty() && !closed) {
					available.awaitUninterruptibly();
				}
				if (closed) {
					return;
				}
				Iterator<ScoreUpdate> first = waiting.values().iterator();
				next = first.next();
				first.remove();
			}
			finally {
				lock.unlock();
			}
			try {
				emitter.send(SseEmitter.event().name(next.event()).id(next.id()).data(next.data()));
			}
			catch (IOException | IllegalStateException ex) {
				close();
			}
		}
	}

	void heartbeat() {
		try {
			emitter.send(SseEmitter.event().comment("heartbeat"));
		}
		catch (IOException | IllegalStateException ex) {
			close();
		}
	}

	/** The scores waiting to be sent, oldest first. */
	java.util.List<String> waitingKeys() {
		lock.lock();
		try {
			return java.util.List.copyOf(waiting.keySet());
		}
		finally {
			lock.unlock();
		}
	}

	long dropped() {
		lock.lock();
		try {
			return dropped;
		}
		finally {
			lock.unlock();
		}
	}

	boolean closed() {
		return closed;
	}

	/** Stops the client's pump and ends its response, so the web server has no open request left of it. */
	void end() {
		close();
		try {
			emitter.complete();
		}
		catch (IllegalStateException alreadyEnded) {
			// the container saw the client go first and ended the request; it refuses a second ending from a thread
			// of its own, and there is nothing left to end
		}
	}

	void close() {
		closed = true;
		lock.lock();
		try {
			available.signalAll();
		}
		finally {
			lock.unlock();
		}
	}
}
