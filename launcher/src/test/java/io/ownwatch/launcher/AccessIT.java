package io.ownwatch.launcher;

import static io.ownwatch.launcher.PlatformClient.uniqueId;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import io.ownwatch.devstack.testkit.TestInfrastructure;
import io.ownwatch.devstack.testkit.Tokens;
import io.ownwatch.launcher.Platform.Service;
import io.ownwatch.launcher.PlatformClient.Answer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Each sample person, logged in through the embedded provider's authorization-code flow, can do
 * exactly what their role allows on every service, refusals are problem details, and mutations
 * land in each service's audit trail with their actor.
 */
class AccessIT {

    private static final List<String> PEOPLE = List.of("alice", "bob", "erin", "carol", "dave");

    /** A read every service offers to every role. */
    private static final Map<Service, String> READS = Map.of(
            Service.OWNERSHIP_REGISTRY, "/api/v1/teams",
            Service.ALERT_ROUTER, "/api/v1/incidents?dedupKey=none",
            Service.INCIDENT_TIMELINE, "/api/v1/incidents",
            Service.REMEDIATION_EXECUTOR, "/api/v1/audit");

    private static PlatformClient anonymous;
    private static Tokens tokens;

    @BeforeAll
    static void start() {
        anonymous = new PlatformClient(SharedPlatform.get(), null);
        tokens = TestInfrastructure.tokens();
    }

    @Test
    void withoutATokenEveryServiceAnswers401AsAProblemButProbesStayOpen() {
        for (Service service : Service.values()) {
            Answer refused = anonymous.get(service, READS.get(service));
            assertThat(refused.status()).as("%s", service).isEqualTo(401);
            assertThat(refused.body().path("status").asInt()).as("%s", service).isEqualTo(401);
            assertThat(anonymous.get(service, "/actuator/health/readiness").status()).as("%s", service).isEqualTo(200);
        }
    }

    @Test
    void everyRoleReadsButOnlyOpsAdminsReadTheAuditTrail() {
        for (String person : PEOPLE) {
            PlatformClient client = anonymous.as(tokens.person(person));
            for (Service service : List.of(Service.OWNERSHIP_REGISTRY, Service.ALERT_ROUTER, Service.INCIDENT_TIMELINE)) {
                assertThat(client.get(service, READS.get(service)).status()).as("%s reads %s", person, service).isEqualTo(200);
            }
            for (Service service : Service.values()) {
                int expected = person.equals("alice") ? 200 : 403;
                assertThat(client.get(service, "/api/v1/audit").status()).as("%s audit on %s", person, service)
                        .isEqualTo(expected);
            }
        }
    }

    @Test
    void onlyOpsAdminsCreateTeamsAndOnlyTheOwningTeamsRespondersDeclareItsServices() {
        String team = uniqueId("team");
        for (String person : List.of("bob", "carol", "dave")) {
            Answer refused = anonymous.as(tokens.person(person)).post(Service.OWNERSHIP_REGISTRY, "/api/v1/teams",
                    "{\"id\":\"%s\",\"name\":\"Team\"}".formatted(team));
            assertThat(refused.status()).as(person).isEqualTo(403);
            assertThat(refused.body().path("status").asInt()).as(person).isEqualTo(403);
        }
        assertThat(anonymous.as(tokens.person("alice")).post(Service.OWNERSHIP_REGISTRY, "/api/v1/teams",
                "{\"id\":\"%s\",\"name\":\"Team\"}".formatted(team)).status()).isEqualTo(201);

        PlatformClient alice = anonymous.as(tokens.person("alice"));
        for (String person : List.of("bob", "erin")) {
            // The registry knows people by their subject at the identity provider; another test may have added them.
            assertThat(alice.post(Service.OWNERSHIP_REGISTRY, "/api/v1/people",
                    "{\"id\":\"%s\",\"name\":\"%s\",\"email\":\"%s@example.com\"}".formatted(person, person, person))
                    .status()).isIn(201, 409);
        }
        assertThat(alice.put(Service.OWNERSHIP_REGISTRY, "/api/v1/teams/" + team + "/members/bob").status()).isEqualTo(204);

        String service = """
                {"id":"%s","name":"Svc","teamId":"%s","labelMatchers":[{"label":"service","op":"EQUALS","value":"%s"}]}
                """;
        String refusedId = uniqueId("svc");
        assertThat(anonymous.as(tokens.person("erin")).post(Service.OWNERSHIP_REGISTRY, "/api/v1/services",
                service.formatted(refusedId, team, refusedId)).status()).isEqualTo(403);
        String acceptedId = uniqueId("svc");
        assertThat(anonymous.as(tokens.person("bob")).post(Service.OWNERSHIP_REGISTRY, "/api/v1/services",
                service.formatted(acceptedId, team, acceptedId)).status()).isEqualTo(201);

        JsonNode audit = alice.get(Service.OWNERSHIP_REGISTRY, "/api/v1/audit?size=500").body();
        assertThat(audit.path("items").findValuesAsText("actor")).contains("alice", "bob", "erin", "carol", "dave");
        assertThat(entries(audit, "erin", "/api/v1/services")).extracting(entry -> entry.path("outcome").asInt()).contains(403);
        assertThat(entries(audit, "bob", "/api/v1/services")).extracting(entry -> entry.path("outcome").asInt()).contains(201);
    }

    private static List<JsonNode> entries(JsonNode audit, String actor, String path) {
        List<JsonNode> found = new ArrayList<>();
        audit.path("items").forEach(item -> {
            if (actor.equals(item.path("actor").asText()) && path.equals(item.path("path").asText())) {
                found.add(item);
            }
        });
        return found;
    }
}
