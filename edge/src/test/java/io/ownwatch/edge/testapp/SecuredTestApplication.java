package io.ownwatch.edge.testapp;

import java.net.URI;
import java.util.List;
import java.util.Map;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/** A service as small as can be, secured and audited by edge alone, for the security and audit tests. */
@SpringBootApplication
public class SecuredTestApplication {

    static final String CONFIG_NAME = "edge-test";

    @RestController
    static class Things {

        @GetMapping("/api/v1/things/{name}")
        @PreAuthorize("hasRole('RESPONDER')")
        Map<String, String> get(@PathVariable String name) {
            return Map.of("name", name);
        }

        @PostMapping("/api/v1/things/{name}")
        @PreAuthorize("hasRole('RESPONDER')")
        ResponseEntity<Map<String, String>> create(@PathVariable String name) {
            return ResponseEntity.created(URI.create("/api/v1/things/" + name)).body(Map.of("name", name));
        }

        /** A query sent as POST, like the registry's resolve: declared in {@code ownwatch.audit.query-paths}. */
        @PostMapping("/api/v1/things/{name}/lookup")
        @PreAuthorize("hasRole('RESPONDER')")
        Map<String, String> lookup(@PathVariable String name) {
            return Map.of("name", name);
        }

        @GetMapping("/api/v1/things")
        @PreAuthorize("hasRole('RESPONDER')")
        List<String> list() {
            return List.of("one");
        }
    }
}
