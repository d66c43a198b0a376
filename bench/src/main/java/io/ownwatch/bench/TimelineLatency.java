package io.ownwatch.bench;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

import io.ownwatch.events.TimelineEvent;
import io.ownwatch.events.TimelineEventType;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;

/**
 * Distinct alerts at a steady rate onto {@code alerts.v1}, each timed from its send until the router's
 * {@code INCIDENT_OPENED} for it is on {@code incident.timeline.v1}: the whole path through consumer, database,
 * outbox and relay.
 */
final class TimelineLatency {

    private static final String TIMELINE = "incident.timeline.v1";

    private final Kafka kafka;

    TimelineLatency(Kafka kafka) {
        this.kafka = kafka;
    }

    Latencies run(int perSecond, double seconds) throws Exception {
        String run = "latency-" + Long.toString(System.currentTimeMillis(), 36) + "-";
        Map<String, Long> sentAt = new ConcurrentHashMap<>();
        Latencies latencies = new Latencies();
        AtomicBoolean stop = new AtomicBoolean();
        int total = (int) (perSecond * seconds);
        try (KafkaConsumer<String, Object> consumer = kafka.avroConsumer();
             KafkaProducer<String, Object> producer = kafka.alertProducer()) {
            List<TopicPartition> partitions = consumer.partitionsFor(TIMELINE).stream()
                    .map(p -> new TopicPartition(TIMELINE, p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToEnd(partitions);
            partitions.forEach(consumer::position);
            Thread listener = new Thread(() -> {
                while (!stop.get()) {
                    consumer.poll(Duration.ofMillis(50)).forEach(record -> {
                        TimelineEvent event = (TimelineEvent) record.value();
                        if (event.getType() == TimelineEventType.INCIDENT_OPENED) {
                            Long sent = sentAt.remove(event.getAttributes().getOrDefault("dedupKey", ""));
                            if (sent != null) {
                                synchronized (latencies) {
                                    latencies.record(System.nanoTime() - sent);
                                }
                            }
                        }
                    });
                }
            }, "timeline-listener");
            listener.start();
            long intervalNanos = 1_000_000_000L / perSecond;
            long next = System.nanoTime();
            for (int i = 0; i < total; i++) {
                while (System.nanoTime() < next) {
                    Thread.onSpinWait();
                }
                String dedupKey = run + i;
                sentAt.put(dedupKey, System.nanoTime());
                producer.send(new ProducerRecord<>(RouterStorm.TOPIC, dedupKey, Kafka.alert(dedupKey, "checkout", dedupKey, Instant.now())));
                producer.flush();
                next += intervalNanos;
            }
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (!sentAt.isEmpty() && System.nanoTime() < deadline) {
                Thread.sleep(100);
            }
            stop.set(true);
            listener.join();
        }
        if (!sentAt.isEmpty()) {
            System.out.printf("  %d of %d alerts had no INCIDENT_OPENED within 60 s%n", sentAt.size(), total);
        }
        return latencies;
    }
}
