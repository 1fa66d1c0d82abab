package dev.signoff.config;

import io.smallrye.config.ConfigValidationException;
import io.smallrye.config.validator.BeanValidationConfigValidator;
import jakarta.validation.MessageInterpolator;
import jakarta.validation.Path;
import jakarta.validation.TraversableResolver;
import jakarta.validation.Validation;
import jakarta.validation.Validator;
import java.lang.annotation.ElementType;
import java.util.Locale;
import org.hibernate.validator.HibernateValidator;
import org.hibernate.validator.messageinterpolation.ResourceBundleMessageInterpolator;

/**
 * Checks Signoff's own {@code @ConfigMapping}s (the constraints on them) as the configuration is built, so a value
 * out of range stops the start and the console names the property: {@code signoff.intake.batch-size must be less
 * than or equal to 10}.
 *
 * <p>Why not quarkus-hibernate-validator, which does the same: once any mapping carries a constraint, it has
 * Hibernate Validator build the metadata of every mapping in the app at start-up, Quarkus's own 255 included. That
 * was about 2 s of a start's CPU on 2 cores (docs/performance.md, "Start-up and memory"). Only Signoff's mappings
 * hold constraints, and nothing else in the app uses Bean Validation, so only they are looked at here.
 */
public final class SignoffConfigValidator implements BeanValidationConfigValidator {

    private static final String OWN_PACKAGE = "dev.signoff.";

    private final Validator validator = Validation.byProvider(HibernateValidator.class)
            .configure()
            .ignoreXmlConfiguration()
            .traversableResolver(new TraverseAll())
            .messageInterpolator(new InterpolateOnFirstViolation())
            .buildValidatorFactory()
            .getValidator();

    @Override
    public Validator getValidator() {
        return validator;
    }

    @Override
    public void validateMapping(Class<?> mappingClass, String prefix, Object mappingObject)
            throws ConfigValidationException {
        if (mappingClass.getName().startsWith(OWN_PACKAGE)) {
            BeanValidationConfigValidator.super.validateMapping(mappingClass, prefix, mappingObject);
        }
    }

    /**
     * A mapping is a tree of values, not an entity: every node is checked. The default resolver would ask Jakarta
     * Persistence (on the class path for Hibernate ORM) whether each property is loaded.
     */
    private static final class TraverseAll implements TraversableResolver {
        @Override
        public boolean isReachable(
                Object bean, Path.Node property, Class<?> rootType, Path path, ElementType elementType) {
            return true;
        }

        @Override
        public boolean isCascadable(
                Object bean, Path.Node property, Class<?> rootType, Path path, ElementType elementType) {
            return true;
        }
    }

    /**
     * Hibernate Validator's interpolator sets up Expression Language (for messages such as {@code @DurationMin}'s)
     * when it is made; a valid configuration never needs it, so it is made at the first violation. Messages are in
     * English whatever the machine's locale, as the rest of the console is.
     */
    private static final class InterpolateOnFirstViolation implements MessageInterpolator {
        private volatile MessageInterpolator delegate;

        @Override
        public String interpolate(String template, Context context) {
            return delegate().interpolate(template, context, Locale.ENGLISH);
        }

        @Override
        public String interpolate(String template, Context context, Locale locale) {
            return delegate().interpolate(template, context, Locale.ENGLISH);
        }

        private MessageInterpolator delegate() {
            MessageInterpolator made = delegate;
            if (made == null) {
                made = new ResourceBundleMessageInterpolator();
                delegate = made;
            }
            return made;
        }
    }
}
