package dev.reviewflow.intake.review.web;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import dev.reviewflow.platform.PlainText;
import jakarta.validation.Constraint;
import jakarta.validation.OverridesAttribute;
import jakarta.validation.Payload;
import jakarta.validation.constraints.Size;

/**
 * Text of a review (headline, body, publication): at least one character, at most {@link #max()}, and no control
 * characters other than newline, carriage return and tab. Stored and returned exactly as sent.
 */
@Documented
@Constraint(validatedBy = {})
@Target({ ElementType.FIELD, ElementType.PARAMETER, ElementType.METHOD })
@Retention(RetentionPolicy.RUNTIME)
@Size(min = 1)
@PlainText
@interface ReviewText {

	@OverridesAttribute(constraint = Size.class, name = "max")
	int max();

	String message() default "is not valid review text";

	Class<?>[] groups() default {};

	Class<? extends Payload>[] payload() default {};
}
