package io.ownwatch.devstack;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Where the platform's infrastructure lives: a Kafka cluster, a Confluent-compatible schema registry and a
 * PostgreSQL server, and an OAuth2/OIDC identity provider. Implemented by the in-JVM {@link DevStack} and, in tests, by containers.
 */
public interface Infrastructure {

    /** Kafka bootstrap servers, e.g. {@code 127.0.0.1:9092}. */
    String kafkaBootstrapServers();

    /** Base URL of the schema registry, e.g. {@code http://127.0.0.1:8081} (no trailing slash). */
    String schemaRegistryUrl();

    /**
     * JDBC URL of the given database, creating the database first if it does not exist yet.
     * Safe to call concurrently and repeatedly.
     *
     * @param database a lower-case identifier: letters, digits and underscores
     */
    String jdbcUrl(String database);

    String databaseUsername();

    String databasePassword();

    /**
     * The OAuth2/OIDC issuer people and services get their tokens from, e.g. {@code http://127.0.0.1:9000}
     * (no trailing slash); its discovery document is at {@code <issuer>/.well-known/openid-configuration}.
     */
    String issuerUri();

    /**
     * The Spring properties that point a service at this infrastructure, for {@code @DynamicPropertySource}
     * or {@code SpringApplicationBuilder.properties}.
     */
    default Map<String, String> springProperties(String database) {
        Map<String, String> properties = new LinkedHashMap<>();
        properties.put("spring.datasource.url", jdbcUrl(database));
        properties.put("spring.datasource.username", databaseUsername());
        properties.put("spring.datasource.password", databasePassword());
        properties.put("spring.cloud.stream.kafka.binder.brokers", kafkaBootstrapServers());
        properties.put("spring.kafka.bootstrap-servers", kafkaBootstrapServers());
        properties.put("schema.registry.url", schemaRegistryUrl());
        properties.put("ownwatch.security.issuer-uri", issuerUri());
        return properties;
    }
}
