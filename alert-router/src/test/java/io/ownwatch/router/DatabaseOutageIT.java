package io.ownwatch.router;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.ownwatch.devstack.DevStack;
import io.ownwatch.events.Severity;
import io.ownwatch.events.TimelineEventType;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Guarantees 2 and 3 with the database taken away: alerts that arrive while PostgreSQL is down wait on the topic
 * (the consumer retries a transient failure without end, never dead-letters it), and once the database is back each
 * becomes exactly one incident, announced exactly once, duplicates included. The router gets a stack of its own,
 * because stopping the shared database would disturb every other test in the JVM.
 */
class DatabaseOutageIT {

    @TempDir
    static Path dataDirectory;

    @RegisterExtension
    static final RouterOnItsOwnStack.PerClass OWN = RouterOnItsOwnStack.perClass(() -> dataDirectory);

    @Test
    void alertsThatArriveWhileTheDatabaseIsDownBecomeOneIncidentEachOnceItIsBack() throws Exception {
        String run = UUID.randomUUID().toString().substring(0, 8);
        String before = run + "-before";
        List<String> during = List.of(run + "-a", run + "-b", run + "-c", run + "-d");
        DevStack stack = OWN.stack();
        // One producer throughout: it knows the schema's id before the outage, and the schema registry keeps its
        // schemas in the PostgreSQL that is taken away.
        try (AvroTopics.Producer producer = AvroTopics.producer(stack)) {
            send(producer, before);
            await().atMost(Duration.ofSeconds(60)).until(() -> openedIncidents(run).containsKey(before));

            stack.stopPostgres();
            try {
                for (String dedupKey : during) {
                    send(producer, dedupKey);
                    send(producer, dedupKey); // the sender's retry: a duplicate delivery
                }
                // Long enough for the consumer to meet the outage and retry a few times.
                await().pollDelay(Duration.ofSeconds(5)).atMost(Duration.ofSeconds(6)).until(() -> true);
            }
            finally {
                stack.startPostgres();
            }
        }

        await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofSeconds(1))
                .until(() -> openedIncidents(run).keySet().containsAll(during));
        // Give a second announcement the chance to show up before asserting there is none.
        await().pollDelay(Duration.ofMillis(1500)).atMost(Duration.ofSeconds(5)).until(() -> true);
        Map<String, Long> opened = openedIncidents(run);
        assertThat(opened).as("one incident per dedup key, announced once").containsOnlyKeys(
                        List.of(before, during.get(0), during.get(1), during.get(2), during.get(3)))
                .allSatisfy((dedupKey, count) -> assertThat(count).as(dedupKey).isEqualTo(1L));
        assertThat(deadLetters()).as("an outage is not a reason to dead-letter").isZero();
    }

    private static void send(AvroTopics.Producer producer, String dedupKey) {
        producer.send("alerts.v1", dedupKey, TestAlerts.firing(dedupKey, Severity.CRITICAL, "database outage " + dedupKey,
                Map.of("service", "outage")));
    }

    /** INCIDENT_OPENED events on the timeline topic of this run, counted per dedup key. */
    private static Map<String, Long> openedIncidents(String run) {
        return TimelineTopic.on(OWN.stack()).events().stream()
                .filter(event -> event.getType() == TimelineEventType.INCIDENT_OPENED)
                .map(event -> event.getAttributes().get("dedupKey"))
                .filter(dedupKey -> dedupKey != null && dedupKey.startsWith(run))
                .collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));
    }

    private static long deadLetters() {
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, OWN.stack().kafkaBootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, "outage-dlq-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"), new StringDeserializer(),
                new ByteArrayDeserializer())) {
            consumer.subscribe(List.of("alerts.v1.alert-router.dlq"));
            long count = 0;
            long deadline = System.nanoTime() + Duration.ofSeconds(3).toNanos();
            while (System.nanoTime() < deadline) {
                count += consumer.poll(Duration.ofMillis(200)).count();
            }
            return count;
        }
    }
}
