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
 * Text people write: line breaks and tabs are fine, other control characters (NUL, ESC, BEL, …) are not. Also a
 * building block of other constraints (review-intake's review text).
 */
@Documented
@Constraint(validatedBy = {})
@Pattern(regexp = "[\\P{Cc}\\n\\r\\t]*+")
@ReportAsSingleViolation
@Target({ ElementType.FIELD, ElementType.PARAMETER, ElementType.RECORD_COMPONENT, ElementType.TYPE_USE,
		ElementType.METHOD, ElementType.ANNOTATION_TYPE })
@Retention(RetentionPolicy.RUNTIME)
public @interface PlainText {

	String message() default "must not contain control characters";

	Class<?>[] groups() default {};

	Class<? extends Payload>[] payload() default {};
}
