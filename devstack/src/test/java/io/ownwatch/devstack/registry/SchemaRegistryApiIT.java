package io.ownwatch.devstack.registry;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ownwatch.devstack.Infrastructure;
import io.ownwatch.devstack.testkit.DevStackExtension;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.extension.ExtendWith;

/** The registry over raw HTTP, as Confluent documents its REST API. Each test uses its own subjects. */
@ExtendWith(DevStackExtension.class)
class SchemaRegistryApiIT {

    private static final String CONTENT_TYPE = "application/vnd.schemaregistry.v1+json";
    private static final ObjectMapper JSON = new ObjectMapper();

    private static final String V1 = record("Alert", "{\"name\":\"id\",\"type\":\"string\"}");
    private static final String V2_WITH_DEFAULT = record("Alert",
            "{\"name\":\"id\",\"type\":\"string\"},{\"name\":\"severity\",\"type\":\"string\",\"default\":\"LOW\"}");
    private static final String V2_WITHOUT_DEFAULT = record("Alert",
            "{\"name\":\"id\",\"type\":\"string\"},{\"name\":\"severity\",\"type\":\"string\"}");

    private final HttpClient http = HttpClient.newHttpClient();
    private final String baseUrl;
    private String subject;

    SchemaRegistryApiIT(Infrastructure infrastructure) {
        this.baseUrl = infrastructure.schemaRegistryUrl();
    }

    @BeforeEach
    void subjectPerTest(TestInfo test) {
        subject = test.getTestMethod().orElseThrow().getName() + "-value";
    }

    @Test
    void registersASchemaAndGivesTheSameIdOnReRegistration() throws Exception {
        Reply first = post("/subjects/" + subject + "/versions", schemaBody(V1));
        Reply again = post("/subjects/" + subject + "/versions", schemaBody(V1.replace(",", " , ")));

        assertThat(first.status()).isEqualTo(200);
        assertThat(first.json().get("id").asInt()).isPositive();
        assertThat(again.json().get("id").asInt()).isEqualTo(first.json().get("id").asInt());
        assertThat(get("/subjects/" + subject + "/versions").body()).isEqualTo("[1]");
        assertThat(first.contentType()).isEqualTo(CONTENT_TYPE);
    }

    @Test
    void givesTheSameGlobalIdToTheSameSchemaInAnotherSubject() throws Exception {
        int id = post("/subjects/" + subject + "/versions", schemaBody(V1)).json().get("id").asInt();
        int other = post("/subjects/" + subject + "-other/versions", schemaBody(V1)).json().get("id").asInt();

        assertThat(other).isEqualTo(id);
        assertThat(get("/subjects").json()).extracting(JsonNode::asText).contains(subject, subject + "-other");
    }

    @Test
    void servesVersionsLatestByIdAndRawSchema() throws Exception {
        int id1 = post("/subjects/" + subject + "/versions", schemaBody(V1)).json().get("id").asInt();
        int id2 = post("/subjects/" + subject + "/versions", schemaBody(V2_WITH_DEFAULT)).json().get("id").asInt();

        JsonNode latest = get("/subjects/" + subject + "/versions/latest").json();
        assertThat(latest.get("subject").asText()).isEqualTo(subject);
        assertThat(latest.get("version").asInt()).isEqualTo(2);
        assertThat(latest.get("id").asInt()).isEqualTo(id2);
        assertThat(JSON.readTree(latest.get("schema").asText())).isEqualTo(JSON.readTree(V2_WITH_DEFAULT));

        JsonNode first = get("/subjects/" + subject + "/versions/1").json();
        assertThat(first.get("id").asInt()).isEqualTo(id1);
        assertThat(get("/subjects/" + subject + "/versions/1/schema").json()).isEqualTo(JSON.readTree(V1));
        assertThat(JSON.readTree(get("/schemas/ids/" + id1).json().get("schema").asText())).isEqualTo(JSON.readTree(V1));
        assertThat(get("/subjects/" + subject + "/versions").body()).isEqualTo("[1,2]");
    }

    @Test
    void looksUpWhetherASchemaIsRegisteredUnderASubject() throws Exception {
        int id = post("/subjects/" + subject + "/versions", schemaBody(V1)).json().get("id").asInt();

        JsonNode found = post("/subjects/" + subject, schemaBody(V1)).json();
        assertThat(found.get("subject").asText()).isEqualTo(subject);
        assertThat(found.get("version").asInt()).isEqualTo(1);
        assertThat(found.get("id").asInt()).isEqualTo(id);

        assertError(post("/subjects/" + subject, schemaBody(V2_WITH_DEFAULT)), 404, 40403);
        assertError(post("/subjects/" + subject + "-unknown", schemaBody(V1)), 404, 40401);
    }

    @Test
    void refusesAnIncompatibleChangeUnderBackwardAndAllowsItUnderNone() throws Exception {
        post("/subjects/" + subject + "/versions", schemaBody(V1));
        assertThat(get("/config").json().get("compatibilityLevel").asText()).isEqualTo("BACKWARD");

        Reply refused = post("/subjects/" + subject + "/versions", schemaBody(V2_WITHOUT_DEFAULT));
        assertError(refused, 409, 409);
        assertThat(refused.json().get("message").asText()).contains("incompatible").contains("severity");

        JsonNode check = post("/compatibility/subjects/" + subject + "/versions/latest?verbose=true", schemaBody(V2_WITHOUT_DEFAULT)).json();
        assertThat(check.get("is_compatible").asBoolean()).isFalse();
        assertThat(check.get("messages")).isNotEmpty();
        assertThat(post("/compatibility/subjects/" + subject + "/versions/latest", schemaBody(V2_WITH_DEFAULT)).json().get("is_compatible").asBoolean())
                .isTrue();

        assertThat(put("/config/" + subject, "{\"compatibility\": \"NONE\"}").json().get("compatibility").asText()).isEqualTo("NONE");
        assertThat(get("/config/" + subject).json().get("compatibilityLevel").asText()).isEqualTo("NONE");
        Reply accepted = post("/subjects/" + subject + "/versions", schemaBody(V2_WITHOUT_DEFAULT));
        assertThat(accepted.status()).isEqualTo(200);
        assertThat(get("/subjects/" + subject + "/versions/latest").json().get("version").asInt()).isEqualTo(2);
    }

    @Test
    void readsAndChangesTheGlobalAndSubjectConfig() throws Exception {
        try {
            assertThat(put("/config", "{\"compatibility\": \"FULL_TRANSITIVE\"}").json().get("compatibility").asText()).isEqualTo("FULL_TRANSITIVE");
            assertThat(get("/config").json().get("compatibilityLevel").asText()).isEqualTo("FULL_TRANSITIVE");
        } finally {
            put("/config", "{\"compatibility\": \"BACKWARD\"}");
        }
        assertError(get("/config/" + subject), 404, 40408);
        assertThat(get("/config/" + subject + "?defaultToGlobal=true").json().get("compatibilityLevel").asText()).isEqualTo("BACKWARD");

        put("/config/" + subject, "{\"compatibility\": \"forward\"}");
        assertThat(get("/config/" + subject).json().get("compatibilityLevel").asText()).isEqualTo("FORWARD");
        assertThat(delete("/config/" + subject).json().get("compatibilityLevel").asText()).isEqualTo("FORWARD");
        assertError(get("/config/" + subject), 404, 40408);
    }

    @Test
    void deletesASubjectAndAVersion() throws Exception {
        int id = post("/subjects/" + subject + "/versions", schemaBody(V1)).json().get("id").asInt();
        post("/subjects/" + subject + "/versions", schemaBody(V2_WITH_DEFAULT));

        assertThat(delete("/subjects/" + subject + "/versions/2").body()).isEqualTo("2");
        assertThat(get("/subjects/" + subject + "/versions").body()).isEqualTo("[1]");
        assertError(get("/subjects/" + subject + "/versions/2"), 404, 40402);

        assertThat(delete("/subjects/" + subject).body()).isEqualTo("[1]");
        assertThat(get("/subjects").json()).extracting(JsonNode::asText).doesNotContain(subject);
        assertError(get("/subjects/" + subject + "/versions"), 404, 40401);
        assertError(delete("/subjects/" + subject), 404, 40404);
        assertThat(get("/schemas/ids/" + id).status()).as("ids outlive soft deletes").isEqualTo(200);

        assertThat(delete("/subjects/" + subject + "?permanent=true").body()).isEqualTo("[1,2]");
        assertError(delete("/subjects/" + subject), 404, 40401);
    }

    @Test
    void answersEachErrorWithConfluentsCode() throws Exception {
        post("/subjects/" + subject + "/versions", schemaBody(V1));

        assertError(get("/subjects/no-such-subject/versions/1"), 404, 40401);
        assertError(get("/subjects/" + subject + "/versions/99"), 404, 40402);
        assertError(get("/schemas/ids/999999"), 404, 40403);
        assertError(post("/subjects/" + subject + "/versions", schemaBody("{\"type\":\"record\",\"name\":\"Broken\"}")), 422, 42201);
        assertError(post("/subjects/" + subject + "/versions", "{\"schema\": \"not avro at all\"}"), 422, 42201);
        assertError(post("/subjects/" + subject + "/versions", "{\"schema\": \"\"}"), 422, 42201);
        assertError(post("/subjects/" + subject + "/versions", "{\"schema\": \"{}\", \"schemaType\": \"PROTOBUF\"}"), 422, 42201);
        assertError(get("/subjects/" + subject + "/versions/zero"), 422, 42202);
        assertError(get("/subjects/" + subject + "/versions/0"), 422, 42202);
        assertError(put("/config", "{\"compatibility\": \"SIDEWAYS\"}"), 422, 42203);
        assertError(put("/config/" + subject, "{}"), 422, 42203);
    }

    @Test
    void answersMalformedRequestsWithAnErrorBodyNotAStackTrace() throws Exception {
        Reply notJson = post("/subjects/" + subject + "/versions", "{\"schema\": ");
        assertError(notJson, 400, 400);
        assertThat(notJson.body()).doesNotContain("Exception").doesNotContain("\tat ");

        Reply wrongType = send(HttpRequest.newBuilder(URI.create(baseUrl + "/subjects/" + subject + "/versions"))
                .header("Content-Type", "text/plain").POST(HttpRequest.BodyPublishers.ofString(schemaBody(V1))));
        assertError(wrongType, 415, 415);

        assertError(get("/no/such/endpoint"), 404, 404);
        assertError(send(HttpRequest.newBuilder(URI.create(baseUrl + "/subjects")).DELETE()), 405, 405);

        Reply tooLarge = post("/subjects/" + subject + "/versions", "{\"schema\": \"" + "x".repeat(1024 * 1024 + 10) + "\"}");
        assertError(tooLarge, 413, 413);
    }

    private static void assertError(Reply reply, int status, int errorCode) throws IOException {
        assertThat(reply.status()).as(reply.body()).isEqualTo(status);
        assertThat(reply.json().get("error_code").asInt()).as(reply.body()).isEqualTo(errorCode);
        assertThat(reply.json().get("message").asText()).isNotBlank();
    }

    private static String record(String name, String fields) {
        return "{\"type\":\"record\",\"name\":\"" + name + "\",\"namespace\":\"io.ownwatch.test\",\"fields\":[" + fields + "]}";
    }

    private static String schemaBody(String schema) throws IOException {
        return JSON.writeValueAsString(Map.of("schema", schema));
    }

    private Reply get(String path) throws Exception {
        return send(HttpRequest.newBuilder(URI.create(baseUrl + path)).GET());
    }

    private Reply delete(String path) throws Exception {
        return send(HttpRequest.newBuilder(URI.create(baseUrl + path)).DELETE());
    }

    private Reply post(String path, String body) throws Exception {
        return send(HttpRequest.newBuilder(URI.create(baseUrl + path)).header("Content-Type", CONTENT_TYPE)
                .POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    private Reply put(String path, String body) throws Exception {
        return send(HttpRequest.newBuilder(URI.create(baseUrl + path)).header("Content-Type", CONTENT_TYPE)
                .PUT(HttpRequest.BodyPublishers.ofString(body)));
    }

    private Reply send(HttpRequest.Builder request) throws Exception {
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        return new Reply(response.statusCode(), response.headers().firstValue("Content-Type").orElse(""), response.body());
    }

    private record Reply(int status, String contentType, String body) {
        JsonNode json() throws IOException {
            return JSON.readTree(body);
        }
    }
}
