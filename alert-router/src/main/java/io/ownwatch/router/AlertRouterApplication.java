package io.ownwatch.router;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.scheduling.annotation.EnableScheduling;

/**
 * The alert-router service: ingests alerts, opens and resolves incidents, finds their owners and
 * writes their timeline.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
@EnableScheduling
public class AlertRouterApplication {

    /** The service reads {@code alert-router.yml}, never {@code application.yml}: the launcher runs all services in one JVM. */
    public static final String CONFIG_NAME = "alert-router";

    public static void main(String[] args) {
        // Generated Avro classes refuse to decode unless their package is trusted.
        if (System.getProperty("org.apache.avro.SERIALIZABLE_PACKAGES") == null) {
            System.setProperty("org.apache.avro.SERIALIZABLE_PACKAGES", "io.ownwatch.events");
        }
        new SpringApplicationBuilder(AlertRouterApplication.class)
                .properties("spring.config.name=" + CONFIG_NAME)
                .run(args);
    }
}
