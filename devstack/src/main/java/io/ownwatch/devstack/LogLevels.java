package io.ownwatch.devstack;

import java.util.List;

import org.slf4j.LoggerFactory;

/**
 * Turns the embedded broker's and PostgreSQL's start-up chatter down to WARN when Logback is the logging
 * backend. Done in code because a logback.xml in this library would override the services' own logging.
 */
final class LogLevels {

    private static final List<String> NOISY = List.of(
            "kafka", "state.change.logger", "org.apache.kafka", "io.zonky.test.db.postgres");

    private LogLevels() {
    }

    static void quietInfrastructure() {
        try {
            Class.forName("ch.qos.logback.classic.LoggerContext", false, LogLevels.class.getClassLoader());
        } catch (ClassNotFoundException e) {
            return;
        }
        Logback.quiet(NOISY);
    }

    /** Separate so that Logback's classes are loaded only when present. */
    private static final class Logback {

        static void quiet(List<String> loggers) {
            if (LoggerFactory.getILoggerFactory() instanceof ch.qos.logback.classic.LoggerContext context) {
                for (String name : loggers) {
                    ch.qos.logback.classic.Logger logger = context.getLogger(name);
                    // Leave a level someone configured on purpose.
                    if (logger.getLevel() == null) {
                        logger.setLevel(ch.qos.logback.classic.Level.WARN);
                    }
                }
            }
        }
    }
}
