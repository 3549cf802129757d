package dev.reviewflow.platform;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import jakarta.validation.Constraint;
import jakarta.validation.Payload;
import jakarta.validation.ReportAsSingleViolation;
import jakarta.validation.constraints.Pattern;

/**
 * Text people write: line breaks and tabs are fine, other control characters (NUL, ESC, BEL, …) are not, and
 * neither are the invisible characters that make text read other than it is: the bidirectional embeddings,
 * overrides and isolates (U+202A–U+202E, U+2066–U+2069: "gnp.exe" shown for "exe.png"), the zero-width space, word
 * joiner and invisible operators (U+200B, U+2060–U+2064) and the byte-order mark (U+FEFF). What scripts and emoji
 * need stays: the zero-width joiner and non-joiner (U+200D in emoji sequences, U+200C in Persian or Hindi), the
 * left-to-right and right-to-left marks, variation selectors and tag characters. Also a building block of other
 * constraints (review-intake's review text).
 */
@Documented
@Constraint(validatedBy = {})
@Pattern(regexp = "[[\\P{Cc}\\n\\r\\t]&&[^\\u200B\\u2060-\\u2064\\uFEFF\\u202A-\\u202E\\u2066-\\u2069]]*+")
@ReportAsSingleViolation
@Target({ ElementType.FIELD, ElementType.PARAMETER, ElementType.RECORD_COMPONENT, ElementType.TYPE_USE,
		ElementType.METHOD, ElementType.ANNOTATION_TYPE })
@Retention(RetentionPolicy.RUNTIME)
public @interface PlainText {

	String message() default "must not contain control characters, bidirectional overrides or invisible characters";

	Class<?>[] groups() default {};

	Class<? extends Payload>[] payload() default {};
}
