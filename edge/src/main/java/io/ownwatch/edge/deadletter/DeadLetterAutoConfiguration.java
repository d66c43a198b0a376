package io.ownwatch.edge.deadletter;

import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.cloud.stream.binder.kafka.ListenerContainerWithDlqAndRetryCustomizer;
import org.springframework.cloud.stream.config.ListenerContainerCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/**
 * Gives every service that binds to Kafka with Spring Cloud Stream the same retry and dead-letter policy, just by
 * depending on {@code schemas}. A service that declares its own {@link ListenerContainerCustomizer} replaces it
 * (the binder accepts only one).
 */
@AutoConfiguration
@ConditionalOnClass(ListenerContainerWithDlqAndRetryCustomizer.class)
@EnableConfigurationProperties(DeadLetterProperties.class)
public class DeadLetterAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean(ListenerContainerCustomizer.class)
    ListenerContainerWithDlqAndRetryCustomizer deadLetterPublishing(DeadLetterProperties properties,
            Environment environment, ObjectProvider<DeadLetterCounter> counter) {
        return new DeadLetterPublishing(properties, DeadLetterProducerConfig.from(environment),
                counter.getIfAvailable(() -> DeadLetterCounter.NONE));
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(name = "io.micrometer.core.instrument.MeterRegistry")
    static class DeadLetterMetrics {

        @Bean
        DeadLetterCounter micrometerDeadLetterCounter(ObjectProvider<MeterRegistry> registry) {
            return new MicrometerDeadLetterCounter(registry);
        }
    }
}
