package dev.reviewflow.events;

/** A record value that is not a well-formed reviewflow CloudEvent. */
public class MalformedEventException extends RuntimeException {

	public MalformedEventException(String message) {
		super(message);
	}

	public MalformedEventException(String message, Throwable cause) {
		super(message, cause);
	}
}
