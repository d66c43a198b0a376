package io.ownwatch.launcher;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Operations' side of the sample runbook: the executor runs nothing that no ops rule allows, so the ops-admin alice
 * allows {@code checkout-drain-queue} for {@code checkout} at the remediation-executor, once (a restart finds the rule
 * and adds nothing). An approved runbook is the team's promise; the rule is operations' consent.
 */
final class SampleOpsPolicy {

    static final String SERVICE = "checkout";

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http = HttpClient.newHttpClient();
    private final URI executor;
    private final String opsAdminToken;

    SampleOpsPolicy(URI executor, String opsAdminToken) {
        this.executor = executor;
        this.opsAdminToken = opsAdminToken;
    }

    /** Adds the rule unless it is there; returns whether it was added. */
    boolean ensure(String runbookId) {
        JsonNode rules = json(send(HttpRequest.newBuilder(executor.resolve("/api/v1/policy/rules")).GET(), 200));
        for (JsonNode rule : rules.path("items")) {
            if (runbookId.equals(rule.path("runbookId").asText()) && SERVICE.equals(rule.path("serviceId").asText())) {
                return false;
            }
        }
        String rule = """
                {"runbookId": "%s", "serviceId": "%s",
                 "reason": "Sample data: draining checkout's queue is safe at any severity, anywhere"}"""
                .formatted(runbookId, SERVICE);
        send(HttpRequest.newBuilder(executor.resolve("/api/v1/policy/rules"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(rule)), 201);
        return true;
    }

    private String send(HttpRequest.Builder request, int expected) {
        try {
            HttpResponse<String> response = http.send(request.header("Authorization", "Bearer " + opsAdminToken)
                    .header("Accept", "application/json, application/problem+json").build(),
                    HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != expected) {
                throw new IllegalStateException("The executor refused the sample ops rule: " + response.statusCode()
                        + " " + response.body());
            }
            return response.body();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while setting the sample ops rule", e);
        }
    }

    private static JsonNode json(String text) {
        try {
            return JSON.readTree(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
