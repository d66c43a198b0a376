package io.ownwatch.bench;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Future;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;

/**
 * An alert storm produced straight onto {@code alerts.v1}, as fast as the producer goes, timed until the router's
 * consumer group has committed past the last of it (lag back to zero). The figure is alerts per second from the first
 * send to caught up, so it is the router's sustained rate whenever the producer outruns it.
 */
final class RouterStorm {

    static final String TOPIC = "alerts.v1";
    static final String ROUTER_GROUP = "alert-router";

    record Result(String name, int alerts, int distinctKeys, double producedSeconds, double caughtUpSeconds) {

        String report() {
            return "router, %s: %,.0f alerts/s (%,d alerts over %,d dedup keys: produced in %.1f s, lag back to zero after %.1f s)"
                    .formatted(name, alerts / caughtUpSeconds, alerts, distinctKeys, producedSeconds, caughtUpSeconds);
        }
    }

    private final Kafka kafka;

    RouterStorm(Kafka kafka) {
        this.kafka = kafka;
    }

    /**
     * @param grouped whether the alerts share service and alertname (one incident, as a storm of one problem is) or
     *        each dedup key opens an incident of its own
     */
    Result run(String name, int alerts, int distinctKeys, boolean grouped, Duration timeout) throws Exception {
        String run = Long.toString(System.currentTimeMillis(), 36);
        try (Admin admin = kafka.admin(); KafkaProducer<String, Object> producer = kafka.alertProducer()) {
            waitForLag(admin, 0, timeout);
            long start = System.nanoTime();
            List<Future<RecordMetadata>> sends = new ArrayList<>(alerts);
            Instant now = Instant.now();
            for (int i = 0; i < alerts; i++) {
                String dedupKey = name + "-" + run + "-" + (i % distinctKeys);
                sends.add(producer.send(new ProducerRecord<>(TOPIC, dedupKey,
                        Kafka.alert(dedupKey, "checkout", grouped ? "BenchStorm" : dedupKey, now))));
            }
            for (Future<RecordMetadata> send : sends) {
                send.get();
            }
            double produced = (System.nanoTime() - start) / 1e9;
            waitForLag(admin, 0, timeout);
            double caughtUp = (System.nanoTime() - start) / 1e9;
            return new Result(name, alerts, distinctKeys, produced, caughtUp);
        }
    }

    private static void waitForLag(Admin admin, long target, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        long lag;
        while ((lag = Kafka.lag(admin, ROUTER_GROUP, TOPIC)) > target) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the router still lags " + lag + " alerts behind after " + timeout);
            }
            Thread.sleep(100);
        }
    }
}
