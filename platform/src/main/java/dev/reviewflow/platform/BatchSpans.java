package dev.reviewflow.platform;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import io.micrometer.tracing.Span;
import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.propagation.Propagator;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.jspecify.annotations.Nullable;

/**
 * Spans for the records a batch listener handles together (Spring Kafka observes a record listener's records, not a
 * batch's): one per record that carries a {@code traceparent} header, in that record's trace, over the work done for
 * the whole batch; so the trace of a review ends where review-intake applies its score.
 */
public final class BatchSpans {

	private final @Nullable Tracer tracer;

	private final @Nullable Propagator propagator;

	BatchSpans(@Nullable Tracer tracer, @Nullable Propagator propagator) {
		this.tracer = tracer;
		this.propagator = propagator;
	}

	/** Runs {@code work} inside a span named {@code name} in the trace of each of {@code records}. */
	public void run(String name, List<? extends ConsumerRecord<?, ?>> records, Runnable work) {
		if (tracer == null || propagator == null) {
			work.run();
			return;
		}
		List<Span> spans = new ArrayList<>();
		try {
			for (ConsumerRecord<?, ?> record : records) {
				if (record.headers().lastHeader("traceparent") != null) {
					spans.add(propagator.extract(record.headers(), BatchSpans::header)
						.name(name)
						.kind(Span.Kind.CONSUMER)
						.tag("messaging.destination.name", record.topic())
						.tag("messaging.kafka.offset", Long.toString(record.offset()))
						.start());
				}
			}
		}
		catch (RuntimeException ex) {
			// tracing is never a reason not to do the work: without its spans, then
			spans.forEach(Span::end);
			spans.clear();
		}
		try {
			work.run();
		}
		catch (RuntimeException ex) {
			spans.forEach(span -> span.error(ex));
			throw ex;
		}
		finally {
			spans.forEach(Span::end);
		}
	}

	private static @Nullable String header(Headers headers, String key) {
		Header header = headers.lastHeader(key);
		return header == null || header.value() == null ? null : new String(header.value(), StandardCharsets.UTF_8);
	}
}
