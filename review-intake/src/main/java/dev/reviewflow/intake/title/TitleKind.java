package dev.reviewflow.intake.title;

public enum TitleKind {
	MOVIE, SERIES
}
