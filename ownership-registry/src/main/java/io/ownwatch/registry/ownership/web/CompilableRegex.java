package io.ownwatch.registry.ownership.web;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import io.ownwatch.registry.ownership.InvalidLabelMatcher;
import io.ownwatch.registry.ownership.LabelMatcher;
import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;

/**
 * A regex matcher's value must compile. Checked with the other validations so that the caller gets
 * every problem at once, reported on the {@code value} field, rather than a failure at resolve time.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Constraint(validatedBy = CompilableRegex.Validator.class)
@interface CompilableRegex {

    String message() default "is not a valid regular expression";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    class Validator implements ConstraintValidator<CompilableRegex, ServiceController.Matcher> {

        @Override
        public boolean isValid(ServiceController.Matcher matcher, ConstraintValidatorContext context) {
            if (matcher == null || matcher.op() == null || !matcher.op().isRegex() || matcher.value() == null) {
                return true;
            }
            try {
                LabelMatcher.compile(matcher.value());
                return true;
            }
            catch (InvalidLabelMatcher ex) {
                context.disableDefaultConstraintViolation();
                context.buildConstraintViolationWithTemplate(ex.getMessage().replace("{", "\\{").replace("$", "\\$"))
                        .addPropertyNode("value")
                        .addConstraintViolation();
                return false;
            }
        }
    }
}
