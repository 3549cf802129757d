package dev.reviewflow.moderation.policy;

import java.util.List;

import dev.reviewflow.events.ReviewStatus;

/** What pre-moderation made of a text: the status it earns and what it found. */
public record Screening(ReviewStatus outcome, List<Finding> findings) {

	public Screening {
		findings = List.copyOf(findings);
	}

	/** The findings as the reasons a decision records. */
	public List<String> reasons() {
		return findings.stream().map(Finding::reason).toList();
	}

	/** The kinds of what was found (the reasons a case can be filtered by). */
	public List<String> kinds() {
		return findings.stream().map(finding -> finding.kind().name()).distinct().toList();
	}

	/** One thing pre-moderation found. */
	public record Finding(Kind kind, String detail) {

		public String reason() {
			return kind.label + ": " + detail;
		}
	}

	/**
	 * What a finding is about; a banned term rejects, the others hold for a moderator. REPOST: an earlier review of
	 * the same title by the same author was hidden, removed or rejected (and then, usually, deleted).
	 */
	public enum Kind {

		BANNED_TERM("banned term"), SUSPECT_TERM("suspect term"), LINKS("links"), SHOUTING("shouting"),
		NEAR_DUPLICATE("near-duplicate"), REPOST("repost");

		private final String label;

		Kind(String label) {
			this.label = label;
		}
	}
}
