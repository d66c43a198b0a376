package io.ownwatch.edge.outbox;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;

import io.ownwatch.schemas.serde.AvroSerdeConfig;
import io.ownwatch.schemas.serde.KafkaAvroSerializer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.env.Environment;

/**
 * An outbox stream with a Kafka producer of its own (acks=all, idempotent, the Kafka binder's client settings, Avro
 * values), keyed by the outbox key, to the destination of an output binding. Unlike {@link BindingStream}, whose
 * synchronous binding waits for the broker message by message, it hands a whole run to the producer at once
 * ({@link #send}) and lets the relay await the acknowledgements later: a backlog costs a few broker round trips, and
 * the runs of other streams go out meanwhile. The idempotent producer keeps the order of each partition, so one
 * key's messages stay in order; the relay marks published only the acknowledged messages from the first on.
 */
public abstract class ProducerStream implements OutboxStream, DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(ProducerStream.class);
    private static final String BINDER = "spring.cloud.stream.kafka.binder";

    private final String name;
    private final String topic;
    private final Producer<String, Object> producer;

    /**
     * @param name the outbox stream this publishes ({@link Outbox#append}'s first argument)
     * @param binding the output binding whose destination receives the messages, e.g. {@code timeline-out-0}
     * @param clientId the producer's client id, to tell it apart in the broker's metrics and logs
     */
    protected ProducerStream(Environment environment, String name, String binding, String clientId) {
        this.name = name;
        this.topic = environment.getRequiredProperty("spring.cloud.stream.bindings." + binding + ".destination");
        Map<String, Object> config = config(environment);
        config.put(ProducerConfig.CLIENT_ID_CONFIG, clientId);
        KafkaAvroSerializer values = new KafkaAvroSerializer();
        values.configure(config, false);
        this.producer = new KafkaProducer<>(config, new StringSerializer(), values::serialize);
    }

    /** The binder's client and producer settings, with the guarantees the outbox relies on. */
    private static Map<String, Object> config(Environment environment) {
        Binder binder = Binder.get(environment);
        Bindable<Map<String, String>> settings = Bindable.mapOf(String.class, String.class);
        Map<String, Object> config = new LinkedHashMap<>(binder.bind(BINDER + ".configuration", settings).orElse(Map.of()));
        config.putAll(binder.bind(BINDER + ".producer-properties", settings).orElse(Map.of()));
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, binder.bind(BINDER + ".brokers", Bindable.listOf(String.class))
                .orElse(List.of("localhost:9092")).stream().map(String::trim).collect(Collectors.joining(",")));
        config.putIfAbsent(AvroSerdeConfig.SCHEMA_REGISTRY_URL,
                environment.getProperty(AvroSerdeConfig.SCHEMA_REGISTRY_URL, "http://localhost:8081"));
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        // A relay batch is one burst: a short linger lets it share batches without delaying a lone message much.
        config.putIfAbsent(ProducerConfig.LINGER_MS_CONFIG, 1);
        config.keySet().removeAll(List.of(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ProducerConfig.TRANSACTIONAL_ID_CONFIG));
        return config;
    }

    @Override
    public final String name() {
        return name;
    }

    /** The record value (an Avro record) for an appended payload, or {@code null} for a tombstone. */
    protected abstract @Nullable Object value(String key, @Nullable String payload);

    @Override
    public final void publish(String key, @Nullable String payload) {
        if (send(List.of(new Outbox.Message(key, payload))).join() != 1) {
            throw new IllegalStateException("The " + name + " message of " + key + " was not acknowledged by " + topic);
        }
    }

    @Override
    public final int publishAll(List<Outbox.Message> messages) {
        return send(messages).join();
    }

    /**
     * Hands every message to the producer at once; the result completes once the broker answered for each of them
     * (at the latest after the producer's {@code delivery.timeout.ms}) with how many, from the first, it acknowledged.
     * A message that cannot even be handed over (no metadata within {@code max.block.ms}: the broker is away) ends
     * the run there.
     */
    @Override
    public final CompletableFuture<Integer> send(List<Outbox.Message> messages) {
        List<CompletableFuture<Boolean>> acknowledgements = new ArrayList<>(messages.size());
        for (Outbox.Message message : messages) {
            CompletableFuture<Boolean> acknowledged = new CompletableFuture<>();
            try {
                producer.send(new ProducerRecord<>(topic, message.key(), value(message.key(), message.payload())),
                        (metadata, failure) -> {
                            if (failure != null) {
                                log.warn("The {} message of {} was not acknowledged: {}", name, message.key(),
                                        failure.toString());
                            }
                            acknowledged.complete(failure == null);
                        });
            }
            catch (RuntimeException ex) {
                log.warn("The {} message of {} was not sent: {}", name, message.key(), ex.getMessage());
                break;
            }
            acknowledgements.add(acknowledged);
        }
        return CompletableFuture.allOf(acknowledgements.toArray(CompletableFuture[]::new)).thenApply(all -> {
            int prefix = 0;
            while (prefix < acknowledgements.size() && acknowledgements.get(prefix).join()) {
                prefix++;
            }
            return prefix;
        });
    }

    @Override
    public void destroy() {
        producer.close();
    }
}
