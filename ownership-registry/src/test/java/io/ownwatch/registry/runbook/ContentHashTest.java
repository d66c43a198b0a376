package io.ownwatch.registry.runbook;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

class ContentHashTest {

    @Test
    void theSameContentAlwaysGivesTheSameHash() {
        assertThat(ContentHash.of(SampleRunbooks.valid())).isEqualTo(ContentHash.of(SampleRunbooks.valid())).hasSize(64).matches("[0-9a-f]+");
    }

    @Test
    void settingsInAnotherOrderGiveTheSameHash() {
        Map<String, String> forward = new LinkedHashMap<>();
        forward.put("method", "GET");
        forward.put("host", "api.example.com");
        forward.put("path", "/x");
        Map<String, String> backward = new LinkedHashMap<>();
        backward.put("path", "/x");
        backward.put("host", "api.example.com");
        backward.put("method", "GET");
        RunbookContent one = SampleRunbooks.content(List.of(), List.of("api.example.com"), new Step("s", ActionType.HTTP_REQUEST, forward));
        RunbookContent other = SampleRunbooks.content(List.of(), List.of("api.example.com"), new Step("s", ActionType.HTTP_REQUEST, backward));
        assertThat(ContentHash.of(one)).isEqualTo(ContentHash.of(other));
    }

    @Test
    void survivesAJsonRoundTripAsTheDatabaseAndTheOutboxDoIt() {
        JsonMapper json = JsonMapper.shared();
        RunbookContent read = json.readValue(json.writeValueAsString(SampleRunbooks.valid()), RunbookContent.class);
        assertThat(ContentHash.of(read)).isEqualTo(ContentHash.of(SampleRunbooks.valid()));
    }

    @Test
    void anyChangeOfContentChangesTheHash() {
        RunbookContent valid = SampleRunbooks.valid();
        RunbookContent shadow = new RunbookContent(valid.title(), valid.description(), valid.serviceIds(), valid.alertMatchers(),
                valid.parameters(), valid.steps(), valid.mode(), valid.riskClass(), valid.selfService(), valid.maxRunsPerHour(),
                valid.cooldownSeconds(), valid.timeoutSeconds(), valid.maxTargets(), valid.hostAllowlist(), true,
                valid.gracePeriodSeconds(), valid.verificationSeconds(), valid.triggerAtLevel());
        assertThat(ContentHash.of(shadow)).isNotEqualTo(ContentHash.of(valid));
    }

    @Test
    void aRunbookTriggeredWhenTheIncidentOpensKeepsTheHashItHadBeforeTriggerLevelsExisted() {
        // Taken from the registry before triggerAtLevel existed: submitted and approved runbooks keep their hash.
        assertThat(ContentHash.of(SampleRunbooks.valid()))
                .isEqualTo("dbfeb6e453f369523d84277cf91a464f056157eb7354517079edaff97e777dc6");
        assertThat(ContentHash.canonicalJson(SampleRunbooks.valid())).doesNotContain("triggerAtLevel");
    }

    @Test
    void aLaterTriggerLevelIsPartOfTheHash() {
        RunbookContent atLevelTwo = SampleRunbooks.withTrigger(SampleRunbooks.valid(), 0, 2);
        RunbookContent atLevelThree = SampleRunbooks.withTrigger(SampleRunbooks.valid(), 0, 3);

        assertThat(ContentHash.canonicalJson(atLevelTwo)).contains(",\"triggerAtLevel\":2,");
        assertThat(ContentHash.of(atLevelTwo)).isNotEqualTo(ContentHash.of(SampleRunbooks.valid()))
                .isNotEqualTo(ContentHash.of(atLevelThree));
    }

    @Test
    void canonicalJsonSortsKeysAtEveryLevelAndOmitsNulls() {
        String canonical = ContentHash.canonicalJson(SampleRunbooks.valid());
        assertThat(canonical).startsWith("{\"alertMatchers\":[{\"label\":\"alertname\",\"op\":\"EQUALS\",\"value\":\"CheckoutDown\"}],"
                + "\"cooldownSeconds\":600,\"description\":");
        assertThat(canonical).contains("{\"action\":\"HTTP_REQUEST\",\"name\":\"call\",\"settings\":{\"host\":\"api.example.com\","
                + "\"method\":\"POST\",\"path\":\"/v1/flush\"}}");
        assertThat(canonical).doesNotContain("null").doesNotContain("\": ").doesNotContain(", \"");
    }
}
