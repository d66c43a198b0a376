package io.ownwatch.timeline;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.boot.builder.SpringApplicationBuilder;

/**
 * The incident timeline: the durable record of everything that happened to every incident.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
public class IncidentTimelineApplication {

    /** The name of this service's configuration file; the launcher runs every service in one JVM, so none uses application.yml. */
    public static final String CONFIG_NAME = "incident-timeline";

    /** Avro refuses to decode generated classes outside the packages listed in this property. */
    static final String AVRO_SERIALIZABLE_PACKAGES = "org.apache.avro.SERIALIZABLE_PACKAGES";

    public static void main(String[] args) {
        if (System.getProperty(AVRO_SERIALIZABLE_PACKAGES) == null) {
            System.setProperty(AVRO_SERIALIZABLE_PACKAGES, "io.ownwatch.events");
        }
        new SpringApplicationBuilder(IncidentTimelineApplication.class)
                .properties("spring.config.name=" + CONFIG_NAME)
                .run(args);
    }
}
