package dev.reviewflow.web.titles;

/** A title as review-intake serves it. */
public record Title(String titleId, String name, int year, String kind) {
}
