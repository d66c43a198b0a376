package io.ownwatch.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import io.ownwatch.devstack.testkit.TestInfrastructure;
import io.ownwatch.devstack.testkit.Tokens;
import io.ownwatch.events.ServiceOwnership;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Ownership as code over HTTP on a real PostgreSQL and Kafka: a bundle is diffed in a dry run without
 * writing, applied in one go, re-applied without a single write or event, and refused as a whole with
 * the file and line of every problem.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "spring.config.name=" + OwnershipRegistryApplication.CONFIG_NAME)
class ImportIT {

    private static final Tokens TOKENS = TestInfrastructure.tokens();
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        TestInfrastructure.get().springProperties("registry").forEach((k, v) -> registry.add(k, () -> v));
    }

    @LocalServerPort
    int port;

    private ApiClient api;
    private final String run = UUID.randomUUID().toString().substring(0, 8);
    private final String team = "pay-" + run;
    private final String person = "pat-" + run;
    private final String schedule = "pay-primary-" + run;
    private final String policy = "pay-default-" + run;
    private final String service = "checkout-" + run;

    record Answer(int status, JsonNode body) {
    }

    @BeforeEach
    void client() {
        api = new ApiClient(port);
    }

    /** The bundle of one team as a directory of files: person, team, schedule, policy and service. */
    private Map<String, String> bundle(String tier) {
        Map<String, String> files = new LinkedHashMap<>();
        files.put("people/" + person + ".yaml", """
                apiVersion: ownwatch.io/v1
                kind: Person
                metadata: {id: %s, name: Pat}
                spec:
                  email: pat@example.com
                  slackWebhook: https://hooks.example.com/services/pat
                  phone: "+4915112345678"
                """.formatted(person));
        files.put("teams/payments.yaml", """
                apiVersion: ownwatch.io/v1
                kind: Team
                metadata: {id: %s, name: Payments}
                spec:
                  members: [%s]
                  channels:
                    - {type: SLACK_WEBHOOK, address: "https://hooks.example.com/services/payments"}
                    - {type: EMAIL, address: payments@example.com}
                ---
                apiVersion: ownwatch.io/v1
                kind: Schedule
                metadata: {id: %s, name: Payments primary}
                spec:
                  teamId: %s
                  timeZone: Europe/Berlin
                  layers:
                    - name: weekly
                      participants: [%s]
                      rotationStart: "2026-01-05T09:00"
                      shiftLength: P1W
                ---
                apiVersion: ownwatch.io/v1
                kind: EscalationPolicy
                metadata: {id: %s, name: Payments default}
                spec:
                  teamId: %s
                  repeat: 1
                  levels:
                    - delayMinutes: 10
                      targets: [{type: SCHEDULE, id: %s}]
                    - delayMinutes: 10
                      targets: [{type: TEAM_CHANNEL, id: %s}]
                """.formatted(team, person, schedule, team, person, policy, team, schedule, team));
        files.put("services/checkout.yaml", """
                apiVersion: ownwatch.io/v1
                kind: Service
                metadata: {id: %s, name: Checkout}
                spec:
                  teamId: %s
                  tier: %s
                  escalationPolicyId: %s
                  labelMatchers:
                    - {label: service, op: EQUALS, value: %s}
                """.formatted(service, team, tier, policy, service));
        return files;
    }

    @Test
    void dryRunShowsTheDiffAndWritesNothing() throws Exception {
        Answer dryRun = importZip("alice", bundle("tier-1"), true);

        assertThat(dryRun.status()).as(dryRun.body().toString()).isEqualTo(200);
        assertThat(dryRun.body().path("dryRun").asBoolean()).isTrue();
        assertThat(actions(dryRun)).containsExactly(
                "Person " + person + " create", "Team " + team + " create", "Membership " + team + "/" + person + " create",
                "Schedule " + schedule + " create", "EscalationPolicy " + policy + " create", "Service " + service + " create");
        assertThat(dryRun.body().path("summary").path("create").asInt()).isEqualTo(6);
        assertThat(api.send(as("alice"), "GET", "/api/v1/teams/" + team, null).status()).isEqualTo(404);
        assertThat(api.send(as("alice"), "GET", "/api/v1/people/" + person, null).status()).isEqualTo(404);
        assertThat(api.send(as("alice"), "GET", "/api/v1/services/" + service, null).status()).isEqualTo(404);
    }

    @Test
    void appliesOnceThenReappliesAsUnchangedWithoutEventsThenUpdatesOneField() throws Exception {
        Answer applied = importZip("alice", bundle("tier-1"), false);
        assertThat(applied.status()).as(applied.body().toString()).isEqualTo(200);
        assertThat(applied.body().path("summary").path("create").asInt()).isEqualTo(6);

        assertThat(api.send(as("alice"), "GET", "/api/v1/teams/" + team + "/members", null).body().path("members"))
                .extracting(member -> member.path("id").asString()).containsExactly(person);
        assertThat(api.send(as("alice"), "GET", "/api/v1/escalation-policies/" + policy, null).body().path("levels"))
                .hasSize(2);
        assertThat(api.send(as("alice"), "GET", "/api/v1/schedules/" + schedule, null).body().path("layers").get(0)
                .path("shiftLength").asString()).isEqualTo("P7D");
        JsonNode pat = api.send(as("alice"), "GET", "/api/v1/people/" + person, null).body();
        assertThat(pat.path("phone").asString()).isEqualTo("+4915112345678");
        assertThat(pat.path("slackWebhook").asString()).isEqualTo("https://hooks.example.com/services/pat");
        assertThat(api.send(as("alice"), "GET", "/api/v1/teams/" + team, null).body().path("channels").findValuesAsString("type"))
                .containsExactly("SLACK_WEBHOOK", "EMAIL");
        ApiClient.Answer stored = api.send(as("alice"), "GET", "/api/v1/services/" + service, null);
        assertThat(stored.body().path("escalationPolicyId").asString()).isEqualTo(policy);
        assertThat(stored.etag()).isEqualTo("\"0\"");

        try (OwnershipTopic topic = new OwnershipTopic(TestInfrastructure.get())) {
            await().atMost(Duration.ofSeconds(60)).untilAsserted(() ->
                    assertThat(changesOf(topic)).hasSize(1));

            Answer again = importZip("alice", bundle("tier-1"), false);
            assertThat(again.status()).isEqualTo(200);
            assertThat(again.body().path("changes")).extracting(change -> change.path("action").asString())
                    .containsOnly("unchanged").hasSize(6);
            assertThat(again.body().path("summary").path("unchanged").asInt()).isEqualTo(6);
            assertThat(api.send(as("alice"), "GET", "/api/v1/services/" + service, null).etag()).isEqualTo("\"0\"");

            Answer updated = importZip("alice", bundle("tier-2"), false);
            assertThat(updated.body().path("changes")).filteredOn(change -> change.path("action").asString().equals("update"))
                    .singleElement().satisfies(change -> {
                        assertThat(change.path("kind").asString()).isEqualTo("Service");
                        assertThat(change.path("id").asString()).isEqualTo(service);
                        assertThat(change.path("fields")).extracting(JsonNode::asString).containsExactly("tier");
                    });

            // Records of one key arrive in order: had the re-import published anything, it would sit before the update.
            await().atMost(Duration.ofSeconds(60)).untilAsserted(() ->
                    assertThat(changesOf(topic)).extracting(ServiceOwnership::getTier).containsExactly("tier-1", "tier-2"));
            assertThat(changesOf(topic)).extracting(ServiceOwnership::getRevision).containsExactly(0L, 1L);

            // ownership.v1 carries the team's name: renaming the team publishes its services again.
            Map<String, String> renamed = bundle("tier-2");
            renamed.put("teams/payments.yaml", renamed.get("teams/payments.yaml").replace("name: Payments}", "name: Payments and Billing}"));
            Answer rename = importZip("alice", renamed, false);
            assertThat(actions(rename)).contains("Team " + team + " update");
            await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(changesOf(topic))
                    .extracting(ServiceOwnership::getTeamName).containsExactly("Payments", "Payments", "Payments and Billing"));

            // Contact data is diffed field by field, goes through the versioned replace, and publishes nothing.
            Map<String, String> contacts = new LinkedHashMap<>(renamed);
            contacts.put("people/" + person + ".yaml", contacts.get("people/" + person + ".yaml").replace("+4915112345678", "+4930123456"));
            contacts.put("teams/payments.yaml", contacts.get("teams/payments.yaml")
                    .replace("    - {type: EMAIL, address: payments@example.com}\n", ""));
            Answer contactsChanged = importZip("alice", contacts, false);
            assertThat(contactsChanged.body().path("changes")).as(contactsChanged.body().toString())
                    .filteredOn(change -> change.path("action").asString().equals("update"))
                    .extracting(change -> change.path("kind").asString() + " " + change.path("fields").toString())
                    .containsExactly("Person [\"phone\"]", "Team [\"channels\"]");
            ApiClient.Answer patAfter = api.send(as("alice"), "GET", "/api/v1/people/" + person, null);
            assertThat(patAfter.text("phone")).isEqualTo("+4930123456");
            assertThat(patAfter.etag()).isEqualTo("\"1\"");
            ApiClient.Answer payments = api.send(as("alice"), "GET", "/api/v1/teams/" + team, null);
            assertThat(payments.body().path("channels").findValuesAsString("type")).containsExactly("SLACK_WEBHOOK");
            assertThat(payments.etag()).isEqualTo("\"2\"");

            // A rename over REST publishes the services again too; a change of channels alone does not.
            ApiClient.Answer renamedOverRest = api.ifMatch(as("alice"), "PUT", "/api/v1/teams/" + team,
                    "{\"name\":\"Payments (REST)\",\"channels\":[]}", "\"2\"");
            assertThat(renamedOverRest.status()).as(renamedOverRest.body().toString()).isEqualTo(200);
            ApiClient.Answer channelsOverRest = api.ifMatch(as("alice"), "PUT", "/api/v1/teams/" + team,
                    "{\"name\":\"Payments (REST)\",\"channels\":[{\"type\":\"EMAIL\",\"address\":\"pay@example.com\"}]}", "\"3\"");
            assertThat(channelsOverRest.status()).as(channelsOverRest.body().toString()).isEqualTo(200);
            ApiClient.Answer renamedAgain = api.ifMatch(as("alice"), "PUT", "/api/v1/teams/" + team,
                    "{\"name\":\"Payments again\",\"channels\":[]}", "\"4\"");
            assertThat(renamedAgain.status()).as(renamedAgain.body().toString()).isEqualTo(200);
            // Records of one key arrive in order: a record for the channel change would sit between the two renames.
            await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(changesOf(topic))
                    .extracting(ServiceOwnership::getTeamName)
                    .containsExactly("Payments", "Payments", "Payments and Billing", "Payments (REST)", "Payments again"));
        }
    }

    @Test
    void importsBackstageGroupUserAndComponent() throws Exception {
        String group = "search-" + run;
        String user = "sam-" + run;
        String component = "search-api-" + run;
        String catalog = """
                apiVersion: backstage.io/v1alpha1
                kind: User
                metadata:
                  name: %s
                spec:
                  profile:
                    displayName: Sam Search
                    email: sam@example.com
                  memberOf: [%s]
                ---
                apiVersion: backstage.io/v1alpha1
                kind: Group
                metadata:
                  name: %s
                  title: Search
                spec:
                  type: team
                  children: []
                  members: [%s, nobody-%s]
                ---
                apiVersion: backstage.io/v1alpha1
                kind: Component
                metadata:
                  name: %s
                  annotations:
                    ownwatch.io/tier: tier-2
                spec:
                  type: service
                  lifecycle: production
                  owner: group:default/%s
                """.formatted(user, group, group, user, run, component, group);
        Answer applied = importYaml("alice", catalog, false);

        assertThat(applied.status()).as(applied.body().toString()).isEqualTo(200);
        assertThat(actions(applied)).containsExactly("Person " + user + " create", "Team " + group + " create",
                "Membership " + group + "/" + user + " create", "Service " + component + " create");
        assertThat(api.send(as("alice"), "GET", "/api/v1/people/" + user, null).body().path("name").asString())
                .isEqualTo("Sam Search");
        assertThat(api.send(as("alice"), "GET", "/api/v1/teams/" + group, null).body().path("name").asString())
                .isEqualTo("Search");
        JsonNode owned = api.send(as("alice"), "GET", "/api/v1/services/" + component, null).body();
        assertThat(owned.path("teamId").asString()).isEqualTo(group);
        assertThat(owned.path("tier").asString()).isEqualTo("tier-2");
        JsonNode resolved = api.send(as("alice"), "POST", "/api/v1/resolve",
                "{\"labels\":{\"service\":\"" + component + "\"}}").body();
        assertThat(resolved.toString()).contains(group);

        // Backstage has no place for contact data: re-importing the catalog keeps what was set over REST.
        assertThat(api.ifMatch(as("alice"), "PUT", "/api/v1/people/" + user, """
                {"name":"Sam Search","email":"sam@example.com","phone":"+4915100000000"}""", "\"0\"").status()).isEqualTo(200);
        assertThat(api.ifMatch(as("alice"), "PUT", "/api/v1/teams/" + group, """
                {"name":"Search","channels":[{"type":"EMAIL","address":"search@example.com"}]}""", "\"0\"").status()).isEqualTo(200);
        Answer again = importYaml("alice", catalog, false);
        assertThat(again.body().path("changes")).as(again.body().toString())
                .extracting(change -> change.path("action").asString()).containsOnly("unchanged");
        assertThat(api.send(as("alice"), "GET", "/api/v1/people/" + user, null).text("phone")).isEqualTo("+4915100000000");
        assertThat(api.send(as("alice"), "GET", "/api/v1/teams/" + group, null).body().path("channels").findValuesAsString("address"))
                .containsExactly("search@example.com");
    }

    @Test
    void refusesBrokenBundlesNamingFileAndLineAndWritesNothing() throws Exception {
        Map<String, String> files = bundle("tier-1");
        files.put("broken/syntax.yaml", """
                apiVersion: ownwatch.io/v1
                kind: Team
                metadata: {id: x-%s, name: [unclosed
                """.formatted(run));
        files.put("broken/kinds.yaml", """
                apiVersion: ownwatch.io/v1
                kind: Runbook
                metadata: {id: r-%s, name: Restart}
                ---
                apiVersion: ownwatch.io/v1
                kind: Service
                metadata: {id: orphan-%s, name: Orphan}
                spec:
                  teamId: no-such-team-%s
                  labelMatchers:
                    - {label: service, op: REGEX, value: "orphan(-%s"}
                """.formatted(run, run, run, run));
        files.put("broken/duplicate.yaml", """
                apiVersion: ownwatch.io/v1
                kind: Team
                metadata: {id: %s, name: Payments again}
                """.formatted(team));
        files.put("broken/members.yaml", """
                apiVersion: ownwatch.io/v1
                kind: Team
                metadata: {id: m-%s, name: Members}
                spec:
                  members: [ghost-%s]
                """.formatted(run, run));
        files.put("broken/tie.yaml", """
                apiVersion: ownwatch.io/v1
                kind: Service
                metadata: {id: twin-%s, name: Twin of checkout}
                spec:
                  teamId: %s
                  labelMatchers:
                    - {label: service, op: EQUALS, value: %s}
                """.formatted(run, team, service));

        files.put("broken/contacts.yaml", """
                apiVersion: ownwatch.io/v1
                kind: Person
                metadata: {id: phoneless-%s, name: Phoneless}
                spec:
                  email: phoneless@example.com
                  phone: "0151 1234567"
                ---
                apiVersion: ownwatch.io/v1
                kind: Team
                metadata: {id: mailless-%s, name: Mailless}
                spec:
                  channels:
                    - type: EMAIL
                      address: https://not-a-mailbox.example.com
                    - {type: FAX, address: "+4930123456"}
                """.formatted(run, run));

        Answer refused = importFiles("alice", files, false);

        assertThat(refused.status()).as(refused.body().toString()).isEqualTo(422);
        assertThat(refused.body().path("type").asString()).endsWith("invalid-bundle");
        assertThat(errors(refused)).containsExactlyInAnyOrder(
                "broken/contacts.yaml:6 spec.phone must be an E.164 number such as +4915112345678 but was '0151 1234567'",
                "broken/contacts.yaml:14 spec.channels[0].address team channel address must be an e-mail address for an EMAIL channel",
                "broken/contacts.yaml:15 spec.channels[1].type must be one of [SLACK_WEBHOOK, EMAIL, WEBHOOK] but was 'FAX'",
                "broken/duplicate.yaml:3 metadata.id duplicate team id",
                "broken/kinds.yaml:2 kind unknown kind 'Runbook'",
                "broken/kinds.yaml:9 spec.teamId names no team",
                "broken/members.yaml:5 spec.members[0] names no person",
                "broken/kinds.yaml:11 spec.labelMatchers[0].value 'orphan(-" + run + "' is not a valid regular expression",
                "broken/syntax.yaml:4  YAML syntax error",
                "broken/tie.yaml:3 metadata.id Service 'twin-" + run + "' could tie with service '" + service + "'",
                "services/checkout.yaml:3 metadata.id Service '" + service + "' could tie with service 'twin-" + run + "'");
        assertThat(api.send(as("alice"), "GET", "/api/v1/teams/" + team, null).status()).isEqualTo(404);
        assertThat(api.send(as("alice"), "GET", "/api/v1/people/" + person, null).status()).isEqualTo(404);
        assertThat(api.send(as("alice"), "GET", "/api/v1/people/phoneless-" + run, null).status()).isEqualTo(404);
    }

    @Test
    void refusesATieWithAServiceAlreadyInTheRegistry() throws Exception {
        assertThat(importZip("alice", bundle("tier-1"), false).status()).isEqualTo(200);
        Answer refused = importYaml("alice", """
                apiVersion: ownwatch.io/v1
                kind: Service
                metadata: {id: twin-%s, name: Twin}
                spec:
                  teamId: %s
                  labelMatchers: [{label: service, op: "=", value: %s}]
                """.formatted(run, team, service), true);

        assertThat(refused.status()).isEqualTo(422);
        assertThat(errors(refused)).singleElement().asString()
                .startsWith("bundle.yaml:3 metadata.id Service 'twin-" + run + "' could tie with service '" + service + "'");
    }

    @Test
    void onlyOpsAdminsImport() throws Exception {
        for (String caller : List.of("bob", "carol", "dave")) {
            Answer refused = importZip(caller, bundle("tier-1"), true);
            assertThat(refused.status()).as(caller).isEqualTo(403);
        }
        assertThat(api.send(as("alice"), "GET", "/api/v1/teams/" + team, null).status()).isEqualTo(404);
    }

    @Test
    void refusesABundleAboveTheSizeLimit() throws Exception {
        String padding = "# " + "x".repeat(1024 * 1024) + "\n";
        Answer refused = importYaml("alice", padding + bundle("tier-1").get("teams/payments.yaml"), false);

        assertThat(refused.status()).isEqualTo(413);
        assertThat(refused.body().path("type").asString()).endsWith("bundle-too-large");
        Map<String, String> files = bundle("tier-1");
        files.put("padding.yaml", padding);
        assertThat(importFiles("alice", files, false).status()).isEqualTo(413);
        assertThat(importZip("alice", files, false).status()).as("unpacked beyond the limit").isEqualTo(413);
        assertThat(api.send(as("alice"), "GET", "/api/v1/teams/" + team, null).status()).isEqualTo(404);
    }

    // ---- helpers ----

    private static String as(String name) {
        return TOKENS.person(name);
    }

    private List<ServiceOwnership> changesOf(OwnershipTopic topic) {
        return topic.poll().stream().filter(change -> change.serviceId().equals(service))
                .map(OwnershipTopic.Change::value).toList();
    }

    private static List<String> actions(Answer answer) {
        List<String> actions = new ArrayList<>();
        answer.body().path("changes").forEach(change -> actions.add(change.path("kind").asString() + " "
                + change.path("id").asString() + " " + change.path("action").asString()));
        return actions;
    }

    /** Each error as "file:line field message", the message cut to the part a test can rely on. */
    private static List<String> errors(Answer answer) {
        List<String> errors = new ArrayList<>();
        answer.body().path("errors").forEach(error -> {
            assertThat(error.path("column").asInt()).isPositive();
            String message = error.path("message").asString();
            errors.add(error.path("file").asString() + ":" + error.path("line").asInt() + " "
                    + error.path("field").asString() + " " + expected(message));
        });
        return errors;
    }

    /** The stable head of an error message, so the assertions do not depend on the hints that follow. */
    private static String expected(String message) {
        for (String head : List.of("duplicate team id", "unknown kind 'Runbook'", "names no team", "names no person",
                "YAML syntax error")) {
            if (message.startsWith(head)) {
                return head;
            }
        }
        int tie = message.indexOf(" for the same alert");
        if (tie > 0) {
            return message.substring(0, tie);
        }
        int regex = message.indexOf(" is not a valid regular expression");
        return regex > 0 ? message.substring(0, regex + " is not a valid regular expression".length()) : message;
    }

    private Answer importZip(String caller, Map<String, String> files, boolean dryRun) throws IOException, InterruptedException {
        ByteArrayOutputStream zip = new ByteArrayOutputStream();
        try (ZipOutputStream out = new ZipOutputStream(zip)) {
            for (Map.Entry<String, String> file : files.entrySet()) {
                out.putNextEntry(new ZipEntry(file.getKey()));
                out.write(file.getValue().getBytes(StandardCharsets.UTF_8));
                out.closeEntry();
            }
        }
        return post(caller, dryRun, "application/zip", zip.toByteArray());
    }

    private Answer importYaml(String caller, String yaml, boolean dryRun) throws IOException, InterruptedException {
        return post(caller, dryRun, "application/yaml", yaml.getBytes(StandardCharsets.UTF_8));
    }

    private Answer importFiles(String caller, Map<String, String> files, boolean dryRun) throws IOException, InterruptedException {
        String boundary = "bundle-" + run;
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        for (Map.Entry<String, String> file : files.entrySet()) {
            body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"files\"; filename=\"" + file.getKey()
                    + "\"\r\nContent-Type: application/yaml\r\n\r\n" + file.getValue() + "\r\n").getBytes(StandardCharsets.UTF_8));
        }
        body.writeBytes(("--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        return post(caller, dryRun, "multipart/form-data; boundary=" + boundary, body.toByteArray());
    }

    private Answer post(String caller, boolean dryRun, String contentType, byte[] body) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/v1/import?dryRun=" + dryRun))
                .timeout(Duration.ofSeconds(60))
                .header("Authorization", "Bearer " + as(caller))
                .header("Content-Type", contentType)
                .header("Accept", "application/json, application/problem+json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                .build();
        HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
        return new Answer(response.statusCode(), response.body().isBlank() ? JSON.nullNode() : JSON.readTree(response.body()));
    }
}
