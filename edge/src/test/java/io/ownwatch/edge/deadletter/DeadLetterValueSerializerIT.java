package io.ownwatch.edge.deadletter;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;

import io.ownwatch.events.AlertEvent;
import io.ownwatch.events.AlertSource;
import io.ownwatch.events.AlertStatus;
import io.ownwatch.events.Severity;
import io.ownwatch.devstack.testkit.TestInfrastructure;
import io.ownwatch.schemas.registry.RestSchemaRegistryClient;
import io.ownwatch.schemas.serde.KafkaAvroSerializer;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.junit.jupiter.api.Test;

/** Dead letters on the devstack's real schema registry: what the registry holds afterwards is the point. */
class DeadLetterValueSerializerIT {

    private static final String REGISTRY_URL = TestInfrastructure.get().schemaRegistryUrl();
    private static final Map<String, Object> CONFIG = Map.of("schema.registry.url", REGISTRY_URL);

    private final RestSchemaRegistryClient registry = new RestSchemaRegistryClient(REGISTRY_URL);

    private static AlertEvent alert() {
        Instant now = Instant.parse("2026-03-01T10:15:30.123Z");
        return AlertEvent.newBuilder()
                .setEventId("e-1").setDedupKey("k-1").setSource(AlertSource.KAFKA).setStatus(AlertStatus.FIRING)
                .setSeverity(Severity.ERROR).setSummary("lag").setLabels(Map.of("service", "billing"))
                .setAnnotations(Map.of()).setStartsAt(now).setEndsAt(null).setReceivedAt(now)
                .setGeneratorUrl(null).setIntegrationId(null)
                .build();
    }

    private static RecordHeaders from(String originalTopic) {
        RecordHeaders headers = new RecordHeaders();
        headers.add(DeadLetterPublishing.X_ORIGINAL_TOPIC, originalTopic.getBytes(StandardCharsets.UTF_8));
        return headers;
    }

    @Test
    void aDecodedEventIsWrittenAsTheOriginalRecordWasUnderTheOriginalSubject() throws Exception {
        byte[] original = new KafkaAvroSerializer(registry, CONFIG).serialize("alerts.v1", alert());
        DeadLetterValueSerializer deadLetters = new DeadLetterValueSerializer(new KafkaAvroSerializer(registry));
        deadLetters.configure(CONFIG, false);

        byte[] letter = deadLetters.serialize("alerts.v1.alert-router.dlq", from("alerts.v1"), alert());

        assertThat(letter).isEqualTo(original);
        String subjects = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(REGISTRY_URL + "/subjects")).build(),
                HttpResponse.BodyHandlers.ofString()).body();
        assertThat(subjects).contains("\"alerts.v1-value\"").doesNotContain("alerts.v1.alert-router.dlq-value");
    }

    @Test
    void bytesPassThroughUntouched() {
        DeadLetterValueSerializer deadLetters = new DeadLetterValueSerializer(new KafkaAvroSerializer(registry));
        deadLetters.configure(CONFIG, false);
        byte[] garbage = "not avro".getBytes(StandardCharsets.UTF_8);

        assertThat(deadLetters.serialize("t.g.dlq", from("t"), garbage)).isSameAs(garbage);
        assertThat(deadLetters.serialize("t.g.dlq", from("t"), null)).isNull();
    }
}
