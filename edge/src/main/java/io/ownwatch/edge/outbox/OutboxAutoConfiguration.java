package io.ownwatch.edge.outbox;

import java.util.List;

import javax.sql.DataSource;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.binder.MeterBinder;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The outbox of a service that declares at least one {@link OutboxStream}. The service adds
 * {@code classpath:db/migration/outbox} to {@code spring.flyway.locations}; that migration creates
 * {@code outbox_message}.
 */
@AutoConfiguration(afterName = {
        "org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration",
        "org.springframework.boot.jdbc.autoconfigure.DataSourceTransactionManagerAutoConfiguration",
        "org.springframework.boot.transaction.autoconfigure.TransactionAutoConfiguration"})
@ConditionalOnClass(JdbcClient.class)
@ConditionalOnBean({DataSource.class, OutboxStream.class})
@EnableConfigurationProperties(OutboxProperties.class)
public class OutboxAutoConfiguration {

    @Bean
    Outbox outbox(DataSource dataSource, PlatformTransactionManager transactionManager) {
        return new Outbox(JdbcClient.create(dataSource), new TransactionTemplate(transactionManager));
    }

    @Bean
    OutboxRelay outboxRelay(Outbox outbox, List<OutboxStream> streams, OutboxProperties properties) {
        return new OutboxRelay(outbox, streams, properties);
    }

    @Bean
    MeterBinder outboxBacklog(Outbox outbox) {
        return registry -> Gauge.builder("ownwatch.outbox.backlog", outbox, Outbox::backlog)
                .description("Outbox messages waiting for the broker's acknowledgement")
                .register(registry);
    }
}
