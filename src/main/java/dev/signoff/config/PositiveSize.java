package dev.signoff.config;

import static java.lang.annotation.ElementType.METHOD;
import static java.lang.annotation.RetentionPolicy.RUNTIME;

import io.quarkus.runtime.configuration.MemorySize;
import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;
import java.lang.annotation.Documented;
import java.lang.annotation.Retention;
import java.lang.annotation.Target;

/** A {@link MemorySize} setting of at least one byte; Bean Validation's {@code @Positive} knows only numbers. */
@Documented
@Retention(RUNTIME)
@Target(METHOD)
@Constraint(validatedBy = PositiveSize.Check.class)
public @interface PositiveSize {

    String message() default "must be more than 0 bytes";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    class Check implements ConstraintValidator<PositiveSize, MemorySize> {
        @Override
        public boolean isValid(MemorySize size, ConstraintValidatorContext context) {
            return size == null || size.asLongValue() > 0;
        }
    }
}
