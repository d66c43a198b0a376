package io.ownwatch.registry;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.scheduling.annotation.EnableScheduling;

/**
 * The ownership registry: teams, the services they own and how an alert's labels find its owner.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
@EnableScheduling
public class OwnershipRegistryApplication {

    /** The name of this service's configuration file; the launcher runs every service in one JVM, so none uses application.yml. */
    public static final String CONFIG_NAME = "ownership-registry";

    public static void main(String[] args) {
        new SpringApplicationBuilder(OwnershipRegistryApplication.class)
                .properties("spring.config.name=" + CONFIG_NAME)
                .run(args);
    }
}
