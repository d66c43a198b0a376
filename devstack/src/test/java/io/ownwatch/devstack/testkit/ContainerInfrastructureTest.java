package io.ownwatch.devstack.testkit;

import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import org.junit.jupiter.api.Test;
import org.opentest4j.TestAbortedException;
import org.testcontainers.DockerClientFactory;

class ContainerInfrastructureTest {

    @Test
    void skipsRatherThanFailsWhenDockerIsMissing() {
        assumeFalse(DockerClientFactory.instance().isDockerAvailable(), "Docker is here; nothing to check");

        assertThatThrownBy(ContainerInfrastructure::startShared)
                .isInstanceOf(TestAbortedException.class)
                .hasMessageContaining("Docker");
    }
}
