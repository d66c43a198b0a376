package io.ownwatch.executor;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/**
 * Runs approved runbooks inside the safety envelope operations set: requests from the router and from people,
 * the policy checked before every run, approvals, shadow runs, and results through the outbox.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
public class RemediationExecutorApplication {

    /** The name of this service's configuration file: the launcher puts all four services on one classpath. */
    public static final String CONFIG_NAME = "remediation-executor";

    public static void main(String[] args) {
        new SpringApplicationBuilder(RemediationExecutorApplication.class)
                .properties("spring.config.name=" + CONFIG_NAME)
                .run(args);
    }
}
