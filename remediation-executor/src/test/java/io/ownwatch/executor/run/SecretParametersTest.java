package io.ownwatch.executor.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** Which parameter values an answer may show: never those the runbook's schema marks secret. */
class SecretParametersTest {

    static final Map<String, String> PARAMETERS = Map.of("queue", "orders", "token", "s3cr3t", "password", "hunter2",
            "key", "k3y");

    @Test
    void masksParametersMarkedSecretWriteOnlyOrPassword() {
        String schema = """
                {"type":"object","properties":{"queue":{"type":"string"},"token":{"type":"string","secret":true},
                 "password":{"type":"string","format":"password"},"key":{"type":"string","writeOnly":true}}}""";
        assertThat(SecretParameters.masked(PARAMETERS, schema, true)).containsExactly(
                Map.entry("key", "****"), Map.entry("password", "****"), Map.entry("queue", "orders"),
                Map.entry("token", "****"));
    }

    @Test
    void showsEverythingWhenTheRunbookTakesNoSchema() {
        assertThat(SecretParameters.masked(Map.of("queue", "orders"), null, true)).containsEntry("queue", "orders");
    }

    @Test
    void masksEverythingWhenTheSchemaCannotBeReadOrTheRunbookIsGone() {
        assertThat(SecretParameters.masked(PARAMETERS, "{not json", true).values()).containsOnly("****");
        assertThat(SecretParameters.masked(PARAMETERS, null, false).values()).containsOnly("****");
    }
}
