package io.ownwatch.schemas.compatibility;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificData;

/**
 * The module's schema files: the current top-level contracts ({@code src/main/avro/*.avsc}, one per topic value,
 * read from their generated classes since those are what producers register) and the released versions
 * ({@code released/<Name>/v<N>.avsc}, each a self-contained {@code Schema.toString(true)}).
 */
final class ReleasedSchemas {

    static final Path MODULE = Path.of(System.getProperty("basedir", "."));
    static final Path SOURCES = MODULE.resolve("src/main/avro");
    static final Path RELEASED = MODULE.resolve("released");
    private static final Pattern VERSION_FILE = Pattern.compile("v(\\d+)\\.avsc");
    private static final String PACKAGE = "io.ownwatch.events";

    private ReleasedSchemas() {
    }

    /** Name -> current schema, for every top-level .avsc (shared types in common/ are checked inside them). */
    static SortedMap<String, Schema> current() {
        SortedMap<String, Schema> current = new TreeMap<>();
        try (Stream<Path> files = Files.list(SOURCES)) {
            files.filter(file -> file.getFileName().toString().endsWith(".avsc")).forEach(file -> {
                String name = file.getFileName().toString().replace(".avsc", "");
                try {
                    current.put(name, SpecificData.get().getSchema(Class.forName(PACKAGE + "." + name)));
                } catch (ClassNotFoundException e) {
                    throw new IllegalStateException(file + " has no generated class " + PACKAGE + "." + name
                            + ": a top-level schema file must be named after its record", e);
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return current;
    }

    /** Name -> (version -> released schema), for every directory under released/. */
    static SortedMap<String, SortedMap<Integer, Schema>> released() {
        SortedMap<String, SortedMap<Integer, Schema>> released = new TreeMap<>();
        if (!Files.isDirectory(RELEASED)) {
            return released;
        }
        try (Stream<Path> directories = Files.list(RELEASED)) {
            for (Path directory : directories.filter(Files::isDirectory).toList()) {
                SortedMap<Integer, Schema> versions = new TreeMap<>();
                try (Stream<Path> files = Files.list(directory)) {
                    for (Path file : files.toList()) {
                        Matcher matcher = VERSION_FILE.matcher(file.getFileName().toString());
                        if (!matcher.matches()) {
                            throw new IllegalStateException(file + " is not named v<N>.avsc");
                        }
                        // A fresh parser per file: each released file must stand alone.
                        versions.put(Integer.parseInt(matcher.group(1)), new Schema.Parser().parse(file.toFile()));
                    }
                }
                released.put(directory.getFileName().toString(), versions);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return released;
    }

    /**
     * Writes the next version file for every current schema that differs from its last released version (v1 when
     * none is released). Returns what it wrote.
     */
    static Map<String, Path> releaseChanged() {
        Map<String, Path> written = new TreeMap<>();
        SortedMap<String, SortedMap<Integer, Schema>> released = released();
        current().forEach((name, schema) -> {
            SortedMap<Integer, Schema> versions = released.getOrDefault(name, new TreeMap<>());
            if (!versions.isEmpty() && versions.get(versions.lastKey()).equals(schema)
                    && versions.get(versions.lastKey()).toString(true).equals(schema.toString(true))) {
                return;
            }
            int next = versions.isEmpty() ? 1 : versions.lastKey() + 1;
            Path file = RELEASED.resolve(name).resolve("v" + next + ".avsc");
            try {
                Files.createDirectories(file.getParent());
                Files.writeString(file, schema.toString(true) + "\n");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            written.put(name, file);
        });
        return written;
    }
}
