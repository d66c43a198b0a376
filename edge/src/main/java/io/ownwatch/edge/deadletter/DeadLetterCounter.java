package io.ownwatch.edge.deadletter;

/** Counts dead letters; an interface so the policy works without Micrometer on the classpath. */
@FunctionalInterface
interface DeadLetterCounter {

    DeadLetterCounter NONE = (topic, deadLetterTopic, exception) -> { };

    /**
     * @param topic the record's original topic
     * @param deadLetterTopic where it went
     * @param exception the simple class name of the failure's root cause
     */
    void count(String topic, String deadLetterTopic, String exception);
}
