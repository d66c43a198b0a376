package io.ownwatch.registry.ownership.web;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.util.List;

import io.ownwatch.registry.ownership.KubernetesSelector;
import io.ownwatch.registry.ownership.LabelMatcher;
import io.ownwatch.registry.ownership.OwnedService;
import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;

/** What a create and a replace request share: the selectors by which alerts find the service. */
interface ServiceDefinition {

    List<ServiceController.Matcher> labelMatchers();

    List<ServiceController.Selector> kubernetes();

    default List<LabelMatcher> domainMatchers() {
        return labelMatchers() == null ? List.of()
                : labelMatchers().stream().map(m -> new LabelMatcher(m.label(), m.op(), m.value())).toList();
    }

    default List<KubernetesSelector> domainSelectors() {
        return kubernetes() == null ? List.of()
                : kubernetes().stream().map(k -> new KubernetesSelector(k.cluster(), k.namespace(), k.workload())).toList();
    }

    /**
     * A service must constrain something: at least one label matcher, or Kubernetes selectors that
     * each name more than {@code *}. Reported on {@code labelMatchers}, with the other validations.
     */
    @Target(ElementType.TYPE)
    @Retention(RetentionPolicy.RUNTIME)
    @Constraint(validatedBy = ConstrainsSomething.Validator.class)
    @interface ConstrainsSomething {

        String message() default "must contain at least one matcher, unless every Kubernetes selector names something other than '*'";

        Class<?>[] groups() default {};

        Class<? extends Payload>[] payload() default {};

        class Validator implements ConstraintValidator<ConstrainsSomething, ServiceDefinition> {

            @Override
            public boolean isValid(ServiceDefinition definition, ConstraintValidatorContext context) {
                if (definition == null) {
                    return true;
                }
                boolean nullElements = (definition.labelMatchers() != null && definition.labelMatchers().contains(null))
                        || (definition.kubernetes() != null && definition.kubernetes().contains(null));
                if (nullElements) {
                    return true; // reported by the element constraints
                }
                try {
                    if (OwnedService.constrainsSomething(definition.domainMatchers(), definition.domainSelectors())) {
                        return true;
                    }
                }
                catch (IllegalArgumentException ex) {
                    return true; // an invalid matcher is reported by its own constraint
                }
                context.disableDefaultConstraintViolation();
                context.buildConstraintViolationWithTemplate(context.getDefaultConstraintMessageTemplate())
                        .addPropertyNode("labelMatchers")
                        .addConstraintViolation();
                return false;
            }
        }
    }
}
