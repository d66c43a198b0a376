package io.ownwatch.schemas.registry;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import org.apache.avro.Schema;

/**
 * A registry in memory with Confluent's semantics that matter to the serde: global ids (one id per distinct
 * schema text), versions per subject, and Confluent's 404 error codes. No compatibility checks.
 */
public final class InMemorySchemaRegistryClient implements SchemaRegistryClient {

    private final AtomicInteger nextId;
    private final Map<String, Integer> idsBySchemaText = new HashMap<>();
    private final Map<Integer, Schema> schemasById = new HashMap<>();
    private final Map<String, List<Integer>> versionsBySubject = new HashMap<>();
    private final AtomicInteger calls = new AtomicInteger();

    public InMemorySchemaRegistryClient() {
        this(1);
    }

    /** Starts handing out ids at {@code firstId}, so tests can pick ids whose bytes are easy to recognise. */
    public InMemorySchemaRegistryClient(int firstId) {
        this.nextId = new AtomicInteger(firstId);
    }

    @Override
    public synchronized int register(String subject, Schema schema) {
        calls.incrementAndGet();
        int id = idsBySchemaText.computeIfAbsent(schema.toString(), text -> {
            int newId = nextId.getAndIncrement();
            schemasById.put(newId, new Schema.Parser().parse(text));
            return newId;
        });
        List<Integer> versions = versionsBySubject.computeIfAbsent(subject, s -> new ArrayList<>());
        if (!versions.contains(id)) {
            versions.add(id);
        }
        return id;
    }

    @Override
    public synchronized int getId(String subject, Schema schema) {
        calls.incrementAndGet();
        List<Integer> versions = versionsBySubject.get(subject);
        if (versions == null) {
            throw new SchemaRegistryException(404, SchemaRegistryException.SUBJECT_NOT_FOUND,
                    "Subject '" + subject + "' not found.");
        }
        Integer id = idsBySchemaText.get(schema.toString());
        if (id == null || !versions.contains(id)) {
            throw new SchemaRegistryException(404, SchemaRegistryException.SCHEMA_NOT_FOUND, "Schema not found");
        }
        return id;
    }

    @Override
    public synchronized Schema getById(int id) {
        calls.incrementAndGet();
        Schema schema = schemasById.get(id);
        if (schema == null) {
            throw new SchemaRegistryException(404, SchemaRegistryException.SCHEMA_NOT_FOUND, "Schema " + id + " not found");
        }
        return schema;
    }

    @Override
    public synchronized RegisteredSchema getLatest(String subject) {
        calls.incrementAndGet();
        List<Integer> versions = versionsBySubject.get(subject);
        if (versions == null || versions.isEmpty()) {
            throw new SchemaRegistryException(404, SchemaRegistryException.SUBJECT_NOT_FOUND,
                    "Subject '" + subject + "' not found.");
        }
        int id = versions.get(versions.size() - 1);
        return new RegisteredSchema(subject, versions.size(), id, schemasById.get(id));
    }

    @Override
    public String describe() {
        return "in-memory registry";
    }

    /** The subjects registered so far, for assertions. */
    public synchronized List<String> subjects() {
        return List.copyOf(versionsBySubject.keySet());
    }

    /** How many calls this registry answered. */
    public int calls() {
        return calls.get();
    }
}
