package io.ownwatch.devstack.registry;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ownwatch.devstack.registry.SchemaStore.SubjectVersion;
import org.apache.avro.Schema;
import org.apache.avro.SchemaParseException;

/**
 * The Confluent Schema Registry REST protocol: turns a request into a response (or a {@link RegistryError}),
 * knowing nothing of sockets or SQL.
 */
final class RegistryApi {

    /** A request as the protocol sees it: the path already split and decoded. */
    record Request(String method, List<String> path, Map<String, String> query, byte[] body) {

        boolean flag(String name) {
            return Boolean.parseBoolean(query.getOrDefault(name, "false"));
        }
    }

    /** A JSON response body; {@code body} is anything Jackson can write. */
    record Response(int status, Object body) {

        static Response ok(Object body) {
            return new Response(200, body);
        }
    }

    private final SchemaStore store;
    private final ObjectMapper json;
    // Writes read-then-write (next version number, compatibility against the latest): one writer at a time.
    private final ReentrantLock writes = new ReentrantLock();

    RegistryApi(SchemaStore store, ObjectMapper json) {
        this.store = store;
        this.json = json;
    }

    Response handle(Request request) {
        List<String> p = request.path();
        String method = request.method();
        if (p.isEmpty()) {
            return only(method, "GET", () -> Response.ok(Map.of()));
        }
        return switch (p.get(0)) {
            case "subjects" -> subjects(request, p, method);
            case "schemas" -> schemas(p, method);
            case "config" -> config(request, p, method);
            case "compatibility" -> compatibility(request, p, method);
            case "mode" -> p.size() <= 2 ? only(method, "GET", () -> Response.ok(Map.of("mode", "READWRITE"))) : notFound();
            default -> notFound();
        };
    }

    private Response subjects(Request request, List<String> p, String method) {
        switch (p.size()) {
            case 1:
                return only(method, "GET", () -> Response.ok(store.subjects(request.flag("deleted"))));
            case 2:
                return switch (method) {
                    case "POST" -> lookUp(p.get(1), request);
                    case "DELETE" -> deleteSubject(p.get(1), request.flag("permanent"));
                    default -> throw RegistryError.methodNotAllowed();
                };
            case 3:
                if (!p.get(2).equals("versions")) {
                    return notFound();
                }
                return switch (method) {
                    case "GET" -> Response.ok(existingVersions(p.get(1), request.flag("deleted")).stream().map(SubjectVersion::version).toList());
                    case "POST" -> register(p.get(1), request);
                    default -> throw RegistryError.methodNotAllowed();
                };
            case 4:
                if (!p.get(2).equals("versions")) {
                    return notFound();
                }
                return switch (method) {
                    case "GET" -> Response.ok(describe(version(p.get(1), p.get(3), request.flag("deleted"))));
                    case "DELETE" -> deleteVersion(p.get(1), p.get(3), request.flag("permanent"));
                    default -> throw RegistryError.methodNotAllowed();
                };
            case 5:
                if (!p.get(2).equals("versions") || !p.get(4).equals("schema")) {
                    return notFound();
                }
                return only(method, "GET", () -> Response.ok(rawSchema(version(p.get(1), p.get(3), request.flag("deleted")).schema())));
            default:
                return notFound();
        }
    }

    private Response schemas(List<String> p, String method) {
        if (p.size() == 2 && p.get(1).equals("types")) {
            return only(method, "GET", () -> Response.ok(List.of("AVRO")));
        }
        if (p.size() < 3 || p.size() > 4 || !p.get(1).equals("ids")) {
            return notFound();
        }
        return only(method, "GET", () -> {
            int id = schemaId(p.get(2));
            String schema = store.schemaById(id).orElseThrow(() -> RegistryError.schemaNotFound(p.get(2)));
            if (p.size() == 3) {
                return Response.ok(Map.of("schema", schema));
            }
            return switch (p.get(3)) {
                case "schema" -> Response.ok(rawSchema(schema));
                case "subjects" -> Response.ok(store.versionsOfSchema(id).stream().map(SubjectVersion::subject).distinct().toList());
                case "versions" -> Response.ok(store.versionsOfSchema(id).stream()
                        .map(v -> Map.of("subject", v.subject(), "version", v.version())).toList());
                default -> notFound();
            };
        });
    }

    private Response config(Request request, List<String> p, String method) {
        if (p.size() == 1) {
            return switch (method) {
                case "GET" -> Response.ok(Map.of("compatibilityLevel", globalLevel().name()));
                case "PUT" -> {
                    CompatibilityLevel level = requestedLevel(request);
                    locked(() -> store.setGlobalCompatibility(level));
                    yield Response.ok(Map.of("compatibility", level.name()));
                }
                default -> throw RegistryError.methodNotAllowed();
            };
        }
        if (p.size() != 2) {
            return notFound();
        }
        String subject = p.get(1);
        return switch (method) {
            case "GET" -> {
                Optional<CompatibilityLevel> level = store.compatibility(subject);
                if (level.isEmpty() && !request.flag("defaultToGlobal")) {
                    throw RegistryError.subjectCompatibilityNotConfigured(subject);
                }
                yield Response.ok(Map.of("compatibilityLevel", level.orElseGet(this::globalLevel).name()));
            }
            case "PUT" -> {
                CompatibilityLevel level = requestedLevel(request);
                locked(() -> store.setCompatibility(subject, level));
                yield Response.ok(Map.of("compatibility", level.name()));
            }
            case "DELETE" -> {
                CompatibilityLevel previous = store.compatibility(subject).orElseThrow(() ->
                        store.versions(subject, true).isEmpty()
                                ? RegistryError.subjectNotFound(subject)
                                : RegistryError.subjectCompatibilityNotConfigured(subject));
                locked(() -> store.deleteCompatibility(subject));
                yield Response.ok(Map.of("compatibilityLevel", previous.name()));
            }
            default -> throw RegistryError.methodNotAllowed();
        };
    }

    private Response compatibility(Request request, List<String> p, String method) {
        if ((p.size() != 4 && p.size() != 5) || !p.get(1).equals("subjects") || !p.get(3).equals("versions")) {
            return notFound();
        }
        return only(method, "POST", () -> {
            String subject = p.get(2);
            Schema candidate = parse(schemaText(request));
            CompatibilityLevel level = levelOf(subject);
            List<String> violations;
            if (p.size() == 5 && !isLatest(p.get(4))) {
                SubjectVersion against = version(subject, p.get(4), false);
                violations = level.violationsAgainst(candidate, List.of(parse(against.schema())));
            } else if (p.size() == 5) {
                // Against "latest": an empty subject accepts anything, as Confluent's does.
                List<SubjectVersion> versions = store.versions(subject, false);
                violations = versions.isEmpty()
                        ? List.of()
                        : level.violationsAgainst(candidate, List.of(parse(versions.get(versions.size() - 1).schema())));
            } else {
                violations = level.violations(candidate, newestFirst(store.versions(subject, false)));
            }
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("is_compatible", violations.isEmpty());
            if (request.flag("verbose")) {
                body.put("messages", violations);
            }
            return Response.ok(body);
        });
    }

    private Response register(String subject, Request request) {
        Schema schema = parse(schemaText(request));
        String canonical = schema.toString();
        writes.lock();
        try {
            List<SubjectVersion> versions = store.versions(subject, false);
            for (SubjectVersion existing : versions) {
                if (existing.schema().equals(canonical)) {
                    return Response.ok(Map.of("id", existing.id()));
                }
            }
            List<String> violations = levelOf(subject).violations(schema, newestFirst(versions));
            if (!violations.isEmpty()) {
                throw RegistryError.incompatible(subject, violations);
            }
            int id = store.idOf(canonical);
            store.addVersion(subject, id);
            return Response.ok(Map.of("id", id));
        } finally {
            writes.unlock();
        }
    }

    private Response lookUp(String subject, Request request) {
        String canonical = parse(schemaText(request)).toString();
        boolean deleted = request.flag("deleted");
        List<SubjectVersion> versions = existingVersions(subject, deleted);
        return versions.stream()
                .filter(v -> v.schema().equals(canonical))
                .reduce((first, second) -> second)
                .map(v -> Response.ok(describe(v)))
                .orElseThrow(RegistryError::schemaNotFound);
    }

    private Response deleteSubject(String subject, boolean permanent) {
        writes.lock();
        try {
            List<SubjectVersion> all = store.versions(subject, true);
            if (all.isEmpty()) {
                throw RegistryError.subjectNotFound(subject);
            }
            List<SubjectVersion> live = all.stream().filter(v -> !v.deleted()).toList();
            if (permanent) {
                if (!live.isEmpty()) {
                    throw RegistryError.subjectNotSoftDeleted(subject);
                }
                all.forEach(v -> store.permanentlyDelete(subject, v.version()));
                store.deleteCompatibility(subject);
                return Response.ok(all.stream().map(SubjectVersion::version).toList());
            }
            if (live.isEmpty()) {
                throw RegistryError.subjectSoftDeleted(subject);
            }
            live.forEach(v -> store.softDelete(subject, v.version()));
            return Response.ok(live.stream().map(SubjectVersion::version).toList());
        } finally {
            writes.unlock();
        }
    }

    private Response deleteVersion(String subject, String versionId, boolean permanent) {
        writes.lock();
        try {
            SubjectVersion version = version(subject, versionId, permanent);
            if (permanent) {
                if (!version.deleted()) {
                    throw RegistryError.versionNotSoftDeleted(subject, version.version());
                }
                store.permanentlyDelete(subject, version.version());
            } else {
                store.softDelete(subject, version.version());
            }
            return Response.ok(version.version());
        } finally {
            writes.unlock();
        }
    }

    /** A subject's versions; a subject with none (or only deleted ones, unless asked for) does not exist. */
    private List<SubjectVersion> existingVersions(String subject, boolean includeDeleted) {
        List<SubjectVersion> versions = store.versions(subject, includeDeleted);
        if (versions.isEmpty()) {
            throw RegistryError.subjectNotFound(subject);
        }
        return versions;
    }

    private SubjectVersion version(String subject, String versionId, boolean includeDeleted) {
        int wanted = isLatest(versionId) ? -1 : versionNumber(versionId);
        List<SubjectVersion> versions = existingVersions(subject, includeDeleted);
        if (wanted == -1) {
            List<SubjectVersion> live = versions.stream().filter(v -> !v.deleted()).toList();
            return (live.isEmpty() ? versions : live).get((live.isEmpty() ? versions : live).size() - 1);
        }
        SubjectVersion found = versions.stream().filter(v -> v.version() == wanted).findFirst()
                .orElseThrow(() -> RegistryError.versionNotFound(wanted));
        if (found.deleted() && !includeDeleted) {
            throw RegistryError.versionNotFound(wanted);
        }
        return found;
    }

    private static boolean isLatest(String versionId) {
        return versionId.equals("latest") || versionId.equals("-1");
    }

    private static int versionNumber(String versionId) {
        try {
            int version = Integer.parseInt(versionId);
            if (version < 1) {
                throw RegistryError.invalidVersion(versionId);
            }
            return version;
        } catch (NumberFormatException e) {
            throw RegistryError.invalidVersion(versionId);
        }
    }

    private static int schemaId(String id) {
        try {
            return Integer.parseInt(id);
        } catch (NumberFormatException e) {
            throw RegistryError.schemaNotFound(id);
        }
    }

    private static Map<String, Object> describe(SubjectVersion version) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("subject", version.subject());
        body.put("version", version.version());
        body.put("id", version.id());
        body.put("schema", version.schema());
        return body;
    }

    /** The schema itself as the JSON body, as Confluent's {@code /schema} endpoints return it. */
    private JsonNode rawSchema(String schema) {
        try {
            return json.readTree(schema);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Stored schema is not JSON", e);
        }
    }

    private String schemaText(Request request) {
        JsonNode body = body(request);
        JsonNode type = body.get("schemaType");
        if (type != null && !type.isNull() && !"AVRO".equals(type.asText())) {
            throw RegistryError.invalidSchema("schema type " + type.asText() + " is not supported; this registry holds AVRO only");
        }
        JsonNode references = body.get("references");
        if (references != null && references.isArray() && !references.isEmpty()) {
            throw RegistryError.invalidSchema("schema references are not supported");
        }
        JsonNode schema = body.get("schema");
        if (schema == null || !schema.isTextual() || schema.asText().isBlank()) {
            throw RegistryError.invalidSchema("the request needs a non-empty \"schema\" string");
        }
        return schema.asText();
    }

    private CompatibilityLevel requestedLevel(Request request) {
        JsonNode level = body(request).get("compatibility");
        return CompatibilityLevel.parse(level == null || !level.isTextual() ? null : level.asText())
                .orElseThrow(RegistryError::invalidCompatibilityLevel);
    }

    private JsonNode body(Request request) {
        try {
            JsonNode body = json.readTree(request.body());
            if (body == null || !body.isObject()) {
                throw RegistryError.unparseableBody("expected a JSON object");
            }
            return body;
        } catch (JsonProcessingException e) {
            throw RegistryError.unparseableBody(e.getOriginalMessage());
        } catch (IOException e) {
            throw RegistryError.unparseableBody(e.getMessage());
        }
    }

    private static Schema parse(String schema) {
        try {
            return new Schema.Parser().parse(schema);
        } catch (SchemaParseException | IllegalArgumentException e) {
            throw RegistryError.invalidSchema(e.getMessage());
        } catch (RuntimeException e) {
            // Avro reports malformed JSON through Jackson's unchecked wrappers.
            throw RegistryError.invalidSchema(String.valueOf(e.getMessage()));
        }
    }

    private CompatibilityLevel levelOf(String subject) {
        return store.compatibility(subject).orElseGet(this::globalLevel);
    }

    private CompatibilityLevel globalLevel() {
        return store.globalCompatibility().orElse(CompatibilityLevel.DEFAULT);
    }

    private static List<Schema> newestFirst(List<SubjectVersion> oldestFirst) {
        List<Schema> schemas = new ArrayList<>(oldestFirst.stream().map(v -> parse(v.schema())).toList());
        Collections.reverse(schemas);
        return schemas;
    }

    private void locked(Runnable write) {
        writes.lock();
        try {
            write.run();
        } finally {
            writes.unlock();
        }
    }

    private static Response only(String method, String allowed, Supplier<Response> action) {
        if (!method.equals(allowed)) {
            throw RegistryError.methodNotAllowed();
        }
        return action.get();
    }

    private static Response notFound() {
        throw RegistryError.notFound();
    }
}
