package dev.signoff.config;

import static java.lang.annotation.ElementType.TYPE;
import static java.lang.annotation.RetentionPolicy.RUNTIME;

import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;
import java.lang.annotation.Documented;
import java.lang.annotation.Retention;
import java.lang.annotation.Target;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.time.Duration;

/**
 * On a {@code @ConfigMapping}: the duration property {@link #value()} must not be longer than the one named by
 * {@link #limit()}, such as a first retry delay and the longest one. A first delay above the cap would otherwise be
 * cut down silently on the second retry. Both are named as in the configuration, relative to the mapping's prefix
 * ({@code error-backoff}); the refusal then reads {@code signoff.intake error-backoff must not be longer than ...}.
 */
@Documented
@Retention(RUNTIME)
@Target(TYPE)
@Constraint(validatedBy = NotLongerThan.Check.class)
public @interface NotLongerThan {

    String value();

    String limit();

    String message() default "must not be longer than {limit}";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    class Check implements ConstraintValidator<NotLongerThan, Object> {

        private String property;
        private String limit;

        @Override
        public void initialize(NotLongerThan annotation) {
            property = annotation.value();
            limit = annotation.limit();
        }

        @Override
        public boolean isValid(Object mapping, ConstraintValidatorContext context) {
            if (mapping == null) {
                return true;
            }
            Duration value = read(mapping, property);
            Duration max = read(mapping, limit);
            if (value == null || max == null || value.compareTo(max) <= 0) {
                return true;
            }
            // Pinned to the property, so the message names it and not just the mapping.
            context.disableDefaultConstraintViolation();
            context.buildConstraintViolationWithTemplate(context.getDefaultConstraintMessageTemplate())
                    .addPropertyNode(property)
                    .addConstraintViolation();
            return false;
        }

        /** Reads through the mapping's (public) interface: the generated implementation class may not be public. */
        private static Duration read(Object mapping, String name) {
            String method = camel(name);
            for (Class<?> type : mapping.getClass().getInterfaces()) {
                try {
                    Method accessor = type.getMethod(method);
                    return (Duration) accessor.invoke(mapping);
                } catch (NoSuchMethodException notHere) {
                    // try the next interface
                } catch (IllegalAccessException | InvocationTargetException e) {
                    throw new IllegalStateException("Could not read " + name + " of " + type.getName(), e);
                }
            }
            throw new IllegalStateException("@NotLongerThan names " + name + ", which "
                    + mapping.getClass().getName() + " does not have");
        }

        private static String camel(String kebab) {
            StringBuilder out = new StringBuilder();
            boolean upper = false;
            for (char c : kebab.toCharArray()) {
                if (c == '-') {
                    upper = true;
                } else {
                    out.append(upper ? Character.toUpperCase(c) : c);
                    upper = false;
                }
            }
            return out.toString();
        }
    }
}
