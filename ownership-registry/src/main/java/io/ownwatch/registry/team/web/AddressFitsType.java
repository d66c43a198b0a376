package io.ownwatch.registry.team.web;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import io.ownwatch.registry.team.Channel;
import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;

/**
 * A team channel's address must have the shape its type needs (an https URL for webhooks, an e-mail
 * address for EMAIL); reported on {@code address}, so the problem names {@code channels[i].address}.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Constraint(validatedBy = AddressFitsType.Validator.class)
@interface AddressFitsType {

    String message() default "does not fit the channel type";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    class Validator implements ConstraintValidator<AddressFitsType, TeamController.ChannelJson> {

        @Override
        public boolean isValid(TeamController.ChannelJson channel, ConstraintValidatorContext context) {
            if (channel == null || channel.type() == null || channel.address() == null) {
                return true; // reported by the field constraints
            }
            if (Channel.accepts(channel.type(), channel.address())) {
                return true;
            }
            context.disableDefaultConstraintViolation();
            context.buildConstraintViolationWithTemplate(Channel.problem(channel.type()))
                    .addPropertyNode("address")
                    .addConstraintViolation();
            return false;
        }
    }
}
