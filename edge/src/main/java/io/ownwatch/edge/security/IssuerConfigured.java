package io.ownwatch.edge.security;

import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.boot.autoconfigure.condition.SpringBootCondition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.type.AnnotatedTypeMetadata;
import org.springframework.util.StringUtils;

/** Matches when {@code ownwatch.security.issuer-uri} has a value: the switch between a secured and an open service. */
public final class IssuerConfigured extends SpringBootCondition {

    static final String PROPERTY = "ownwatch.security.issuer-uri";

    @Override
    public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
        return StringUtils.hasText(context.getEnvironment().getProperty(PROPERTY))
                ? ConditionOutcome.match(PROPERTY + " is set")
                : ConditionOutcome.noMatch(PROPERTY + " is not set");
    }

    /** The opposite: no issuer, so the service stays open. */
    static final class Missing extends SpringBootCondition {
        @Override
        public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
            ConditionOutcome configured = new IssuerConfigured().getMatchOutcome(context, metadata);
            return new ConditionOutcome(!configured.isMatch(), configured.getConditionMessage());
        }
    }
}
