package io.ownwatch.registry;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.UUID;

import io.ownwatch.devstack.testkit.TestInfrastructure;
import io.ownwatch.devstack.testkit.Tokens;
import io.ownwatch.registry.ApiClient.Answer;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/** The unrolled escalation chain and one level's on-call over HTTP, on a real PostgreSQL. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "spring.config.name=" + OwnershipRegistryApplication.CONFIG_NAME)
class EscalationChainIT {

    private static final Tokens TOKENS = TestInfrastructure.tokens();

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        TestInfrastructure.get().springProperties("registry").forEach((k, v) -> registry.add(k, () -> v));
    }

    @LocalServerPort
    int port;

    private final String run = UUID.randomUUID().toString().substring(0, 8);

    @Test
    void answersEveryStepOfTheRepeatedChainWithWhoIsOnCallThen() throws Exception {
        ApiClient api = new ApiClient(port);
        String alice = TOKENS.person("alice");
        String team = "esc-" + run;
        String day = "day-" + run;
        String night = "night-" + run;
        String backup = "backup-" + run;
        String schedule = "esc-rota-" + run;
        String policy = "esc-chain-" + run;
        for (String person : List.of(day, night, backup)) {
            assertThat(api.send(alice, "POST", "/api/v1/people", """
                    {"id":"%s","name":"%s","email":"%s@example.com"}""".formatted(person, person, person)).status()).isEqualTo(201);
        }
        assertThat(api.send(alice, "POST", "/api/v1/teams", """
                {"id":"%s","name":"Escalation"}""".formatted(team)).status()).isEqualTo(201);
        // Twelve-hour shifts from 08:00 UTC: day until 20:00, night after.
        assertThat(api.send(alice, "POST", "/api/v1/schedules", """
                {"id":"%s","name":"Rota","teamId":"%s","timeZone":"UTC",
                 "layers":[{"participants":["%s","%s"],"rotationStart":"2026-01-05T08:00:00","shiftLength":"PT12H"}]}"""
                .formatted(schedule, team, day, night)).status()).isEqualTo(201);
        assertThat(api.send(alice, "POST", "/api/v1/escalation-policies", """
                {"id":"%s","name":"Chain","teamId":"%s","repeat":1,
                 "levels":[{"delayMinutes":30,"targets":[{"type":"SCHEDULE","id":"%s"}]},
                           {"delayMinutes":15,"targets":[{"type":"PERSON","id":"%s"},{"type":"TEAM_CHANNEL","id":"%s"}]}]}"""
                .formatted(policy, team, schedule, backup, team)).status()).isEqualTo(201);

        Answer steps = api.send(TOKENS.person("dave"), "GET", "/api/v1/escalation-policies/" + policy + "/steps?start=2026-03-02T19:40:00Z", null);
        assertThat(steps.status()).as(steps.body().toString()).isEqualTo(200);
        JsonNode list = steps.body().path("steps");
        assertThat(list.valueStream().map(s -> s.path("level").asInt() + "/" + s.path("round").asInt() + "@" + s.path("offsetMinutes").asLong()).toList())
                .containsExactly("1/1@0", "2/1@30", "1/2@45", "2/2@75");
        assertThat(list.get(0).path("at").asString()).isEqualTo("2026-03-02T19:40:00Z");
        assertThat(list.get(0).path("people").valueStream().map(JsonNode::asString).toList()).containsExactly(day);
        // The repeat at 20:25 finds the night shift on call.
        assertThat(list.get(2).path("at").asString()).isEqualTo("2026-03-02T20:25:00Z");
        assertThat(list.get(2).path("people").valueStream().map(JsonNode::asString).toList()).containsExactly(night);
        assertThat(list.get(1).path("people").valueStream().map(JsonNode::asString).toList()).containsExactly(backup);
        assertThat(list.get(1).path("channels").valueStream().map(JsonNode::asString).toList()).containsExactly(team);
        assertThat(steps.body().path("exhaustedAt").asString()).isEqualTo("2026-03-02T21:10:00Z");

        Answer level = api.send(TOKENS.person("carol"), "GET",
                "/api/v1/escalation-policies/" + policy + "/levels/1/on-call?at=2026-03-02T21:00:00Z", null);
        assertThat(level.status()).isEqualTo(200);
        assertThat(level.body().path("level").asInt()).isEqualTo(1);
        assertThat(level.body().path("people").valueStream().map(JsonNode::asString).toList()).containsExactly(night);

        Answer missing = api.send(alice, "GET", "/api/v1/escalation-policies/" + policy + "/levels/3/on-call", null);
        assertThat(missing.status()).isEqualTo(400);
        assertThat(missing.body().path("errors").findValuesAsString("field")).containsExactly("level");
    }
}
