package io.ownwatch.router;

import io.ownwatch.devstack.testkit.TestInfrastructure;
import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * What a {@code @SpringBootTest} router needs from its {@code @DynamicPropertySource} to run on the shared test
 * infrastructure: its database, and the registry it asks (or an address where none answers).
 */
public final class RouterProperties {

    private RouterProperties() {
    }

    /**
     * The router on that database of the test PostgreSQL (created when missing), with the shared Kafka and schema
     * registry, asking the ownership-registry at {@code registryUrl}.
     */
    public static void add(DynamicPropertyRegistry registry, String database, String registryUrl) {
        TestInfrastructure.get().springProperties(database).forEach((key, value) -> registry.add(key, () -> value));
        registry.add("ownwatch.router.ownership.registry-url", () -> registryUrl);
    }

    /** Where no registry answers (a port just closed): the "registry down" fault, so owners come from elsewhere. */
    public static String unreachableRegistry() {
        return "http://127.0.0.1:" + RegistryForTests.freePort();
    }
}
