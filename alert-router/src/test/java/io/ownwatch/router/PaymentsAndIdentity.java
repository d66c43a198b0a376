package io.ownwatch.router;

import java.util.Arrays;
import java.util.stream.Collectors;

import io.ownwatch.devstack.testkit.TestInfrastructure;

/**
 * What the formation and remediation tests assume of the ownership-registry, declared in the real one through its
 * YAML import as alice: team payments with bob, team identity with erin, and the services a test alerts on. A service
 * is matched by its {@code service} label alone and its id is that label, because the router records the registry's
 * service id on the incident and runbooks apply to service ids: {@code pay-*} belongs to payments, {@code id-*} to
 * identity, and a label no test declared has no owner. The import leaves unchanged objects alone, so declaring again
 * (another test, another test class on the same registry database) changes nothing.
 */
final class PaymentsAndIdentity {

    static final String PAYMENTS = "payments";
    static final String IDENTITY = "identity";

    private static final String TEAMS = """
            apiVersion: ownwatch.io/v1
            kind: Person
            metadata: {id: bob, name: Bob Responder}
            spec: {email: bob@example.com}
            ---
            apiVersion: ownwatch.io/v1
            kind: Person
            metadata: {id: erin, name: Erin Responder}
            spec: {email: erin@example.com}
            ---
            apiVersion: ownwatch.io/v1
            kind: Team
            metadata: {id: payments, name: Payments}
            spec: {members: [bob]}
            ---
            apiVersion: ownwatch.io/v1
            kind: Team
            metadata: {id: identity, name: Identity}
            spec: {members: [erin]}
            """;

    private PaymentsAndIdentity() {
    }

    /** Declares the two teams, their members and these services ({@code pay-*} or {@code id-*}). */
    static void declare(RegistryForTests registry, String... services) {
        String declared = Arrays.stream(services).map(PaymentsAndIdentity::service).collect(Collectors.joining());
        registry.importBundle(TestInfrastructure.tokens().person("alice"), TEAMS + declared);
    }

    private static String service(String id) {
        String team = id.startsWith("pay-") ? PAYMENTS : id.startsWith("id-") ? IDENTITY : null;
        if (team == null) {
            throw new IllegalArgumentException(id + " is neither a pay-* nor an id-* service");
        }
        return """
                ---
                apiVersion: ownwatch.io/v1
                kind: Service
                metadata: {id: %s, name: %s}
                spec: {teamId: %s, labelMatchers: [{label: service, op: EQUALS, value: %s}]}
                """.formatted(id, id, team, id);
    }
}
