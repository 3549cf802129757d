package dev.reviewflow.web.live;

import java.io.IOException;
import java.time.Duration;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * One browser's stream: the titles and reviews its page shows, and the changes not yet sent, the latest per title or
 * review (a slow browser gets the newest figure, never a backlog). Its own virtual thread sends them, with a
 * heartbeat comment when idle, so a slow or gone browser holds up nobody else.
 */
final class Follower {

	private final SseEmitter emitter;

	private final Set<String> keys;

	private final Duration heartbeat;

	private final ReentrantLock lock = new ReentrantLock();

	private final Condition changed = lock.newCondition();

	private final Map<String, ScoreEvent> pending = new LinkedHashMap<>();

	private boolean closed;

	Follower(SseEmitter emitter, Set<String> keys, Duration heartbeat) {
		this.emitter = emitter;
		this.keys = Set.copyOf(keys);
		this.heartbeat = heartbeat;
	}

	boolean follows(ScoreEvent event) {
		return keys.contains(event.key());
	}

	void offer(ScoreEvent event) {
		lock.lock();
		try {
			pending.remove(event.key());
			pending.put(event.key(), event);
			changed.signal();
		}
		finally {
			lock.unlock();
		}
	}

	void close() {
		lock.lock();
		try {
			closed = true;
			changed.signal();
		}
		finally {
			lock.unlock();
		}
	}

	/** Sends until the browser goes away or the stream is closed. */
	void pump() {
		try {
			while (true) {
				ScoreEvent next = null;
				lock.lock();
				try {
					if (pending.isEmpty() && !closed) {
						changed.awaitNanos(heartbeat.toNanos());
					}
					if (closed) {
						return;
					}
					Iterator<ScoreEvent> oldest = pending.values().iterator();
					if (oldest.hasNext()) {
						next = oldest.next();
						oldest.remove();
					}
				}
				finally {
					lock.unlock();
				}
				if (next == null) {
					emitter.send(SseEmitter.event().comment("heartbeat"));
				}
				else {
					emitter.send(SseEmitter.event().name(next.name()).id(next.id()).data(next.data()));
				}
			}
		}
		catch (IOException | IllegalStateException ex) {
			// the browser went away, or the emitter completed: the stream's callbacks let it go
			endWithError(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			emitter.complete();
		}
	}

	private void endWithError(Exception ex) {
		try {
			emitter.completeWithError(ex);
		}
		catch (IllegalStateException alreadyEnded) {
			// the container saw the browser go first and ended the request (its error callback has run); Tomcat
			// refuses a second ending from any thread but its own, and there is nothing left to end
		}
	}
}
