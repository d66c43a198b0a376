package io.ownwatch.executor;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;

/**
 * Runs approved runbooks inside the safety envelope operations set. So far it only stands up its
 * database, health and metrics; intake, policy checks and actions arrive with issue 8.
 */
@SpringBootApplication
public class RemediationExecutorApplication {

    /** The name of this service's configuration file: the launcher puts all four services on one classpath. */
    public static final String CONFIG_NAME = "remediation-executor";

    public static void main(String[] args) {
        new SpringApplicationBuilder(RemediationExecutorApplication.class)
                .properties("spring.config.name=" + CONFIG_NAME)
                .run(args);
    }
}
