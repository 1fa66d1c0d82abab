package dev.signoff.docs;

import dev.signoff.config.NotLongerThan;
import dev.signoff.config.PositiveSize;
import jakarta.validation.Constraint;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import org.hibernate.validator.constraints.time.DurationMin;

/**
 * A config property's constraints as docs/configuration.md states them after "Allowed:", e.g. {@code 1-10} or
 * {@code longer than 0, no longer than `signoff.intake.max-error-backoff`}. A constraint it cannot put in words fails
 * the doc test, so a new kind is documented the day it is used.
 */
final class AllowedValues {

    private AllowedValues() {}

    /** @param prefix of the group that declares {@code method}, e.g. {@code signoff.intake} */
    static List<String> of(String prefix, Class<?> group, Method method) {
        List<String> words = new ArrayList<>();
        Min min = method.getAnnotation(Min.class);
        Max max = method.getAnnotation(Max.class);
        if (min != null && max != null) {
            words.add(min.value() + "-" + max.value());
        } else if (min != null) {
            words.add(min.value() + " or more");
        } else if (max != null) {
            words.add(max.value() + " or less");
        }
        DurationMin shortest = method.getAnnotation(DurationMin.class);
        if (shortest != null) {
            words.add(durationMin(shortest));
        }
        if (method.isAnnotationPresent(PositiveSize.class)) {
            words.add("more than 0 bytes");
        }
        if (method.isAnnotationPresent(NotBlank.class)) {
            words.add("not blank");
        }
        NotLongerThan order = group.getAnnotation(NotLongerThan.class);
        if (order != null && order.value().equals(kebab(method.getName()))) {
            words.add("no longer than `" + prefix + "." + order.limit() + "`");
        }
        for (Annotation annotation : method.getAnnotations()) {
            Class<? extends Annotation> type = annotation.annotationType();
            if (type.isAnnotationPresent(Constraint.class) && !KNOWN.contains(type)) {
                throw new AssertionError("Teach AllowedValues how docs/configuration.md states @" + type.getSimpleName()
                        + " (on " + prefix + "." + kebab(method.getName()) + ")");
            }
        }
        return words;
    }

    private static final List<Class<? extends Annotation>> KNOWN =
            List.of(Min.class, Max.class, DurationMin.class, PositiveSize.class, NotBlank.class);

    private static String durationMin(DurationMin d) {
        boolean zero = d.days() == 0
                && d.hours() == 0
                && d.minutes() == 0
                && d.seconds() == 0
                && d.millis() == 0
                && d.nanos() == 0;
        boolean secondsOnly = d.days() == 0 && d.hours() == 0 && d.minutes() == 0 && d.millis() == 0 && d.nanos() == 0;
        if (zero) {
            return d.inclusive() ? "0 or longer" : "longer than 0";
        }
        if (!secondsOnly) {
            throw new AssertionError("Teach AllowedValues to state a @DurationMin other than 0 or whole seconds");
        }
        return d.inclusive() ? d.seconds() + "s or more" : "longer than " + d.seconds() + "s";
    }

    private static String kebab(String camel) {
        return camel.replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase();
    }
}
