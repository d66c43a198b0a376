package io.ownwatch.schemas.serde;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import io.ownwatch.schemas.registry.RestSchemaRegistryClient;
import org.apache.kafka.common.config.ConfigException;

/**
 * The serde's configuration, read from the Kafka client properties under Confluent's key names.
 *
 * @param registryUrls {@value #SCHEMA_REGISTRY_URL}: comma-separated registry base URLs; may be empty when a
 *        client instance is handed to the serde directly
 * @param autoRegisterSchemas {@value #AUTO_REGISTER_SCHEMAS} (default true): register the record's schema on
 *        first use; when false the schema must already be registered under the subject
 * @param useLatestVersion {@value #USE_LATEST_VERSION} (default false): with auto-registration off, write with
 *        the subject's latest schema instead of looking up the record's own
 * @param specificAvroReader {@value #SPECIFIC_AVRO_READER} (default false): decode into the generated class named
 *        by the writer schema instead of a {@code GenericRecord}
 * @param useLogicalTypeConverters {@value #USE_LOGICAL_TYPE_CONVERTERS} (default false): in generic mode, decode
 *        logical types (e.g. {@code timestamp-millis} to {@code Instant}) as Confluent's option of that name does
 * @param requestTimeout {@value #REQUEST_TIMEOUT_MS} (default 10 s): time allowed for one registry request
 * @param latestCacheTtl {@value #LATEST_CACHE_TTL_SEC} (default 60 s): how long the subject's latest version is reused
 */
public record AvroSerdeConfig(List<String> registryUrls, boolean autoRegisterSchemas, boolean useLatestVersion,
        boolean specificAvroReader, boolean useLogicalTypeConverters, Duration requestTimeout,
        Duration latestCacheTtl) {

    public static final String SCHEMA_REGISTRY_URL = "schema.registry.url";
    public static final String AUTO_REGISTER_SCHEMAS = "auto.register.schemas";
    public static final String USE_LATEST_VERSION = "use.latest.version";
    public static final String SPECIFIC_AVRO_READER = "specific.avro.reader";
    public static final String USE_LOGICAL_TYPE_CONVERTERS = "avro.use.logical.type.converters";
    public static final String REQUEST_TIMEOUT_MS = "schema.registry.request.timeout.ms";
    public static final String LATEST_CACHE_TTL_SEC = "latest.cache.ttl.sec";

    public AvroSerdeConfig {
        registryUrls = List.copyOf(registryUrls);
    }

    /** Reads the configuration a Kafka client passes to {@code configure}. */
    public static AvroSerdeConfig from(Map<String, ?> configs) {
        Object url = configs.get(SCHEMA_REGISTRY_URL);
        List<String> urls = url == null || url.toString().isBlank() ? List.of()
                : RestSchemaRegistryClient.parseUrls(url.toString());
        return new AvroSerdeConfig(urls,
                bool(configs, AUTO_REGISTER_SCHEMAS, true),
                bool(configs, USE_LATEST_VERSION, false),
                bool(configs, SPECIFIC_AVRO_READER, false),
                bool(configs, USE_LOGICAL_TYPE_CONVERTERS, false),
                Duration.ofMillis(number(configs, REQUEST_TIMEOUT_MS,
                        RestSchemaRegistryClient.DEFAULT_REQUEST_TIMEOUT.toMillis())),
                Duration.ofSeconds(number(configs, LATEST_CACHE_TTL_SEC,
                        RestSchemaRegistryClient.DEFAULT_LATEST_TTL.toSeconds())));
    }

    /** A REST client for the configured URLs; fails clearly when none is configured. */
    RestSchemaRegistryClient newClient() {
        if (registryUrls.isEmpty()) {
            throw new ConfigException("Missing required configuration \"" + SCHEMA_REGISTRY_URL
                    + "\": the Avro serde needs the schema registry's URL (comma-separated for several)");
        }
        return new RestSchemaRegistryClient(registryUrls, RestSchemaRegistryClient.DEFAULT_CONNECT_TIMEOUT,
                requestTimeout, latestCacheTtl);
    }

    private static boolean bool(Map<String, ?> configs, String key, boolean defaultValue) {
        Object value = configs.get(key);
        if (value == null) {
            return defaultValue;
        }
        if (value instanceof Boolean b) {
            return b;
        }
        String text = value.toString().trim();
        if (text.equalsIgnoreCase("true")) {
            return true;
        }
        if (text.equalsIgnoreCase("false")) {
            return false;
        }
        throw new ConfigException(key, value, "expected true or false");
    }

    private static long number(Map<String, ?> configs, String key, long defaultValue) {
        Object value = configs.get(key);
        if (value == null) {
            return defaultValue;
        }
        if (value instanceof Number n) {
            return n.longValue();
        }
        try {
            return Long.parseLong(value.toString().trim());
        } catch (NumberFormatException e) {
            throw new ConfigException(key, value, "expected a number");
        }
    }
}
