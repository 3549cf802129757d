package dev.reviewflow.web;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

import dev.reviewflow.events.ReportReason;
import dev.reviewflow.events.ReviewStatus;

import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/**
 * How figures and dates read on the pages ({@code ${@formats.average(x)}} in a template): one decimal for averages,
 * grouped thousands for counts, "–" for a figure that does not exist yet, dates in UTC.
 */
@Component("formats")
public class Formats {

	private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("d MMMM yyyy", Locale.ENGLISH)
		.withZone(ZoneOffset.UTC);

	private static final DateTimeFormatter DATE_TIME = DateTimeFormatter
		.ofPattern("d MMM yyyy, HH:mm 'UTC'", Locale.ENGLISH)
		.withZone(ZoneOffset.UTC);

	private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss 'UTC'", Locale.ENGLISH)
		.withZone(ZoneOffset.UTC);

	/** 6.4 (one decimal), or "–". */
	public String average(@Nullable Double value) {
		return value == null ? "–" : decimal(value);
	}

	/** 5,892. */
	public String count(long value) {
		return String.format(Locale.ENGLISH, "%,d", value);
	}

	/** 87%, or "–" below the minimum number of reviews. */
	public String percent(@Nullable Integer value) {
		return value == null ? "–" : value + "%";
	}

	public String date(@Nullable Instant instant) {
		return instant == null ? "" : DATE.format(instant);
	}

	public String dateTime(@Nullable Instant instant) {
		return instant == null ? "" : DATE_TIME.format(instant);
	}

	/** 14:03:12 UTC. */
	public String time(@Nullable Instant instant) {
		return instant == null ? "" : TIME.format(instant);
	}

	/** How long something has waited, to the minute ("3 days 4 h", "2 h 5 min", "12 min", "40 s"). */
	public String waited(Instant since, Instant asOf) {
		Duration waited = Duration.between(since, asOf);
		if (waited.isNegative()) {
			waited = Duration.ZERO;
		}
		long days = waited.toDays();
		if (days > 0) {
			return days + (days == 1 ? " day " : " days ") + waited.toHoursPart() + " h";
		}
		if (waited.toHours() > 0) {
			return waited.toHours() + " h " + waited.toMinutesPart() + " min";
		}
		if (waited.toMinutes() > 0) {
			return waited.toMinutes() + " min";
		}
		return waited.toSeconds() + " s";
	}

	/** What a review's status means for its author. */
	public String status(ReviewStatus status) {
		return switch (status) {
			case PENDING -> "Waiting for moderation's screening; usually a moment.";
			case PUBLISHED -> "Published: everyone can read it.";
			case HELD -> "Held for a moderator to look at before it is published.";
			case HIDDEN -> "Hidden while a moderator looks at reports about it.";
			case REMOVED -> "Removed by a moderator.";
			case REJECTED -> "Rejected by the automatic screening.";
			case DELETED -> "Deleted.";
		};
	}

	/** The reasons a review can be reported for, with their words, in the order the form offers them. */
	public Map<String, String> reportReasons() {
		Map<String, String> reasons = new LinkedHashMap<>();
		for (ReportReason reason : ReportReason.values()) {
			reasons.put(reason.name(), switch (reason) {
				case SPAM -> "Spam or advertising";
				case ABUSIVE -> "Abusive or hateful";
				case SPOILER -> "Unmarked spoiler";
				case OFF_TOPIC -> "Not about this title";
				case OTHER -> "Something else";
			});
		}
		return reasons;
	}

	/** "46 of 57 people found this review helpful", or an invitation when nobody has voted. */
	public String helpfulness(long helpful, long total) {
		if (total == 0) {
			return "Nobody has said yet whether this review is helpful.";
		}
		return count(helpful) + " of " + count(total) + " people"
				+ " found this review helpful";
	}

	/** A priority or weight with one decimal: 3.4. */
	public String decimal(double value) {
		return String.format(Locale.ENGLISH, "%.1f", value);
	}

	/** A reporter's weight, as exact as it matters: 1, 0.25, 1.33. */
	public String weight(double value) {
		return BigDecimal.valueOf(value).setScale(2, RoundingMode.HALF_UP).stripTrailingZeros().toPlainString();
	}

	/** How long since, in the largest whole unit: "less than a minute", "5 minutes", "3 hours", "2 days". */
	public String age(@Nullable Instant since) {
		if (since == null) {
			return "";
		}
		Duration age = Duration.between(since, Instant.now());
		if (age.toMinutes() < 1) {
			return "less than a minute";
		}
		if (age.toHours() < 1) {
			return plural(age.toMinutes(), "minute");
		}
		if (age.toDays() < 1) {
			return plural(age.toHours(), "hour");
		}
		return plural(age.toDays(), "day");
	}

	private static String plural(long count, String unit) {
		return count + " " + unit + (count == 1 ? "" : "s");
	}
}
