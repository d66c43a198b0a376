package io.ownwatch.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.nio.file.Path;

import io.ownwatch.launcher.Platform.Service;
import org.junit.jupiter.api.Test;

class LauncherOptionsTest {

    @Test
    void defaultsAreTheDocumentedPorts() {
        LauncherOptions options = LauncherOptions.parse();

        assertThat(options.kafkaPort()).isEqualTo(9092);
        assertThat(options.postgresPort()).isEqualTo(5433);
        assertThat(options.schemaRegistryPort()).isEqualTo(8081);
        assertThat(options.identityPort()).isEqualTo(9000);
        assertThat(options.servicePorts()).containsEntry(Service.ALERT_ROUTER, 8080)
                .containsEntry(Service.OWNERSHIP_REGISTRY, 8082)
                .containsEntry(Service.REMEDIATION_EXECUTOR, 8083)
                .containsEntry(Service.INCIDENT_TIMELINE, 8084);
        assertThat(options.inboxPort()).isEqualTo(8025);
        assertThat(options.smtpPort()).isEqualTo(2525);
        assertThat(options.dataDirectory()).isEqualTo(Path.of("data").toAbsolutePath());
        assertThat(options.loadSampleData()).isTrue();
    }

    @Test
    void everyPortAndTheDataDirectoryCanBeMoved() {
        LauncherOptions options = LauncherOptions.parse("--data-dir=/tmp/ow", "--kafka-port=19092",
                "--router-port=18080", "--timeline-port=0", "--inbox-port=18025", "--smtp-port=0", "--no-sample-data");

        assertThat(options.dataDirectory()).isEqualTo(Path.of("/tmp/ow"));
        assertThat(options.kafkaPort()).isEqualTo(19092);
        assertThat(options.servicePorts()).containsEntry(Service.ALERT_ROUTER, 18080)
                .containsEntry(Service.INCIDENT_TIMELINE, 0);
        assertThat(options.inboxPort()).isEqualTo(18025);
        assertThat(options.smtpPort()).isZero();
        assertThat(options.loadSampleData()).isFalse();
    }

    @Test
    void refusesAPortThatIsNotOneWithTheOptionNamed() {
        assertThatIllegalArgumentException().isThrownBy(() -> LauncherOptions.parse("--kafka-port=ninety"))
                .withMessageContaining("--kafka-port").withMessageContaining("ninety");
        assertThatIllegalArgumentException().isThrownBy(() -> LauncherOptions.parse("--router-port=70000"))
                .withMessageContaining("--router-port");
    }

    @Test
    void refusesUnknownOptionsAndShowsUsage() {
        assertThatIllegalArgumentException().isThrownBy(() -> LauncherOptions.parse("--kafak-port=1"))
                .withMessageContaining("--kafak-port").withMessageContaining("Usage");
        assertThatIllegalArgumentException().isThrownBy(() -> LauncherOptions.parse("serve"))
                .withMessageContaining("serve");
    }
}
