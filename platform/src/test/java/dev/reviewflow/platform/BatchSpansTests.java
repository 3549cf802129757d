package dev.reviewflow.platform;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import io.micrometer.tracing.otel.bridge.OtelCurrentTraceContext;
import io.micrometer.tracing.otel.bridge.OtelPropagator;
import io.micrometer.tracing.otel.bridge.OtelTracer;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.ContextPropagators;
import io.opentelemetry.sdk.trace.ReadWriteSpan;
import io.opentelemetry.sdk.trace.ReadableSpan;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.SpanProcessor;
import io.opentelemetry.sdk.trace.data.SpanData;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A batch listener's records each get a span in their own trace, over the batch's work: with the OpenTelemetry SDK
 * and Micrometer's bridge as the services have them, and the ended spans collected here.
 */
class BatchSpansTests {

	private final List<SpanData> ended = new CopyOnWriteArrayList<>();

	private final SdkTracerProvider provider = SdkTracerProvider.builder().addSpanProcessor(new SpanProcessor() {
		@Override
		public void onStart(Context parent, ReadWriteSpan span) {
		}

		@Override
		public boolean isStartRequired() {
			return false;
		}

		@Override
		public void onEnd(ReadableSpan span) {
			ended.add(span.toSpanData());
		}

		@Override
		public boolean isEndRequired() {
			return true;
		}
	}).build();

	private final io.opentelemetry.api.trace.Tracer otel = provider.get("test");

	private final BatchSpans spans = new BatchSpans(new OtelTracer(otel, new OtelCurrentTraceContext(), event -> {
	}), new OtelPropagator(ContextPropagators.create(W3CTraceContextPropagator.getInstance()), otel));

	@AfterEach
	void close() {
		provider.close();
	}

	private static ConsumerRecord<String, String> record(long offset, String traceparent) {
		ConsumerRecord<String, String> record = new ConsumerRecord<>("reviews.review-scores", 0, offset, "review",
				"score");
		if (traceparent != null) {
			record.headers().add("traceparent", traceparent.getBytes(StandardCharsets.US_ASCII));
		}
		return record;
	}

	@Test
	void eachTracedRecordGetsASpanInItsTraceThatEndsWithTheBatchsWork() {
		String first = "4bf92f3577b34da6a3ce929d0e0e4736";
		String second = "0af7651916cd43dd8448eb211c80319c";
		spans.run("apply", List.of(record(1, "00-" + first + "-00f067aa0ba902b7-01"), record(2, null),
				record(3, "00-" + second + "-b7ad6b7169203331-01")), () -> assertThat(ended).isEmpty());
		assertThat(ended).extracting(SpanData::getTraceId).containsExactly(first, second);
		assertThat(ended).extracting(span -> span.getParentSpanContext().getSpanId())
			.containsExactly("00f067aa0ba902b7", "b7ad6b7169203331");
		assertThat(ended).allSatisfy(span -> assertThat(span.getName()).isEqualTo("apply"));
	}

	@Test
	void aFailureOfTheWorkIsRecordedOnEverySpanAndStillThrown() {
		IllegalStateException failure = new IllegalStateException("database away");
		assertThatThrownBy(() -> spans.run("apply",
				List.of(record(1, "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01")), () -> {
					throw failure;
				})).isSameAs(failure);
		assertThat(ended).singleElement()
			.satisfies(span -> assertThat(span.getStatus().getStatusCode())
				.isEqualTo(io.opentelemetry.api.trace.StatusCode.ERROR));
	}

	@Test
	void withoutTracingTheWorkJustRuns() {
		boolean[] ran = new boolean[1];
		new BatchSpans(null, null).run("apply", List.of(record(1, null)), () -> ran[0] = true);
		assertThat(ran[0]).isTrue();
	}
}
