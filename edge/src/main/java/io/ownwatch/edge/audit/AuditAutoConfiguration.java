package io.ownwatch.edge.audit;

import java.time.Clock;

import javax.sql.DataSource;

import io.micrometer.core.instrument.MeterRegistry;
import io.ownwatch.edge.security.IssuerConfigured;
import org.springframework.beans.factory.ObjectProvider;
import io.ownwatch.edge.security.ResourceServerAutoConfiguration;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.security.web.SecurityFilterChain;

/**
 * The audit trail of a secured service (one with {@code ownwatch.security.issuer-uri}) that has a database. The
 * service adds {@code classpath:db/migration/audit} to {@code spring.flyway.locations}; that migration creates the
 * append-only {@code audit_event} table.
 */
@AutoConfiguration(after = ResourceServerAutoConfiguration.class,
        afterName = "org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration")
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnClass(SecurityFilterChain.class)
@ConditionalOnBean(DataSource.class)
@Conditional(IssuerConfigured.class)
@EnableConfigurationProperties(AuditProperties.class)
public class AuditAutoConfiguration {

    /** Just outside Spring Security's filter chain (order -100), so its refusals are recorded too. */
    static final int FILTER_ORDER = -101;

    @Bean
    AuditTrail auditTrail(DataSource dataSource) {
        return new AuditTrail(dataSource);
    }

    @Bean
    FilterRegistrationBean<AuditFilter> auditFilter(AuditTrail trail, AuditProperties properties,
            ObjectProvider<MeterRegistry> meters) {
        FilterRegistrationBean<AuditFilter> registration = new FilterRegistrationBean<>(
                new AuditFilter(trail, Clock.systemUTC(), properties.queryPaths(), properties.countedPaths(), meters));
        registration.setOrder(FILTER_ORDER);
        registration.addUrlPatterns("/*");
        return registration;
    }

    @Bean
    AuditController auditController(AuditTrail trail) {
        return new AuditController(trail);
    }
}
