package io.ownwatch.registry.bundle;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import io.ownwatch.registry.ownership.MatchOp;
import org.junit.jupiter.api.Test;

/** Reading bundles: every error names the file, line, column and field where a person would fix it. */
class BundleReaderTest {

    private final List<BundleError> errors = new ArrayList<>();

    private Bundle read(BundleFile... files) {
        return BundleReader.read(List.of(files), errors);
    }

    private static BundleFile file(String name, String yaml) {
        return new BundleFile(name, yaml.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void readsEveryKindOfOurFormatFromOneMultiDocumentFile() {
        Bundle bundle = read(file("all.yaml", """
                apiVersion: ownwatch.io/v1
                kind: Person
                metadata: {id: bob, name: Bob}
                spec: {email: bob@example.com, slack: U024BE7LH}
                ---
                apiVersion: ownwatch.io/v1
                kind: Team
                metadata: {id: payments, name: Payments}
                spec:
                  members: [bob]
                ---
                apiVersion: ownwatch.io/v1
                kind: Schedule
                metadata: {id: payments-primary, name: Payments primary}
                spec:
                  teamId: payments
                  timeZone: Europe/Berlin
                  layers:
                    - name: weekdays
                      participants: [bob]
                      rotationStart: "2026-01-05T09:00"
                      shiftLength: P1W
                      restrictions:
                        - {days: [MONDAY, TUESDAY], from: "09:00", to: "17:00"}
                ---
                apiVersion: ownwatch.io/v1
                kind: EscalationPolicy
                metadata: {id: payments-default, name: Payments default}
                spec:
                  teamId: payments
                  repeat: 1
                  levels:
                    - delayMinutes: 15
                      targets: [{type: SCHEDULE, id: payments-primary}]
                    - targets: [{type: TEAM_CHANNEL, id: payments}]
                ---
                apiVersion: ownwatch.io/v1
                kind: Service
                metadata: {id: checkout, name: Checkout}
                spec:
                  teamId: payments
                  tier: tier-1
                  escalationPolicyId: payments-default
                  labelMatchers:
                    - {label: service, op: "=~", value: "checkout(-.*)?"}
                """));

        assertThat(errors).isEmpty();
        assertThat(bundle.people()).singleElement().satisfies(p -> assertThat(p.value().slack()).isEqualTo("U024BE7LH"));
        assertThat(bundle.memberships()).singleElement().satisfies(m -> assertThat(m.id()).isEqualTo("payments/bob"));
        assertThat(bundle.schedules().get(0).value().layers().get(0).restrictions()).hasSize(1);
        assertThat(bundle.policies().get(0).value().levels()).hasSize(2);
        assertThat(bundle.services().get(0).value().labelMatchers().get(0).op()).isEqualTo(MatchOp.REGEX);
        assertThat(bundle.services().get(0).references()).extracting(Declared.Reference::id)
                .containsExactly("payments", "payments-default");
    }

    @Test
    void syntaxErrorNamesFileLineAndColumn() {
        read(file("teams/broken.yaml", """
                apiVersion: ownwatch.io/v1
                kind: Team
                metadata:
                  id: payments
                   name: Payments
                """));

        assertThat(errors).singleElement().satisfies(error -> {
            assertThat(error.file()).isEqualTo("teams/broken.yaml");
            assertThat(error.line()).isEqualTo(5);
            assertThat(error.message()).startsWith("YAML syntax error");
        });
    }

    @Test
    void errorsInALaterDocumentCarryThatDocumentsLines() {
        read(file("bundle.yaml", """
                apiVersion: ownwatch.io/v1
                kind: Team
                metadata: {id: payments, name: Payments}
                ---
                apiVersion: ownwatch.io/v1
                kind: Service
                metadata: {id: checkout, name: Checkout}
                spec:
                  teamId: payments
                  labelMatchers:
                    - label: service
                      op: REGEX
                      value: "check(out"
                """));

        assertThat(errors).singleElement().satisfies(error -> {
            assertThat(error.line()).isEqualTo(13);
            assertThat(error.column()).isEqualTo(14);
            assertThat(error.field()).isEqualTo("spec.labelMatchers[0].value");
            assertThat(error.message()).contains("not a valid regular expression");
        });
    }

    @Test
    void missingFieldIsReportedAtItsParentAndUnknownFieldAtItself() {
        read(file("people.yaml", """
                apiVersion: ownwatch.io/v1
                kind: Person
                metadata:
                  id: bob
                  name: Bob
                spec:
                  slack: U1
                  phone: "+49 30 1234"
                  pager: "555"
                """));

        assertThat(errors).extracting(BundleError::field, BundleError::line)
                .containsExactlyInAnyOrder(
                        org.assertj.core.groups.Tuple.tuple("spec.pager", 9),
                        org.assertj.core.groups.Tuple.tuple("spec.phone", 8),
                        org.assertj.core.groups.Tuple.tuple("spec.email", 7));
    }

    @Test
    void unknownKindAndDuplicateKeyAreErrors() {
        read(file("a.yaml", """
                apiVersion: ownwatch.io/v1
                kind: Runbook
                metadata: {id: restart, name: Restart}
                ---
                apiVersion: ownwatch.io/v1
                kind: Team
                metadata: {id: payments, name: Payments}
                metadata: {id: payments, name: Payments}
                """));

        assertThat(errors).extracting(BundleError::line, BundleError::field)
                .containsExactlyInAnyOrder(org.assertj.core.groups.Tuple.tuple(2, "kind"), org.assertj.core.groups.Tuple.tuple(8, "metadata"));
    }

    @Test
    void duplicateIdAcrossFilesNamesTheFirstDeclaration() {
        Bundle bundle = read(file("one.yaml", """
                apiVersion: ownwatch.io/v1
                kind: Team
                metadata: {id: payments, name: Payments}
                """), file("catalog-info.yaml", """
                apiVersion: backstage.io/v1alpha1
                kind: Group
                metadata:
                  name: payments
                """));

        assertThat(errors).singleElement().satisfies(error -> {
            assertThat(error.file()).isEqualTo("catalog-info.yaml");
            assertThat(error.line()).isEqualTo(4);
            assertThat(error.message()).contains("one.yaml at line 3");
        });
        assertThat(bundle.teams()).hasSize(1);
    }

    @Test
    void scheduleRulesAreReportedAtTheirField() {
        read(file("schedule.yaml", """
                apiVersion: ownwatch.io/v1
                kind: Schedule
                metadata: {id: s, name: S}
                spec:
                  teamId: payments
                  timeZone: Mars/Olympus
                  layers:
                    - participants: [bob]
                      rotationStart: "2026-01-05T09:00"
                      shiftLength: P0D
                """));

        assertThat(errors).extracting(BundleError::field, BundleError::line).containsExactlyInAnyOrder(
                org.assertj.core.groups.Tuple.tuple("spec.timeZone", 6),
                org.assertj.core.groups.Tuple.tuple("spec.layers[0].shiftLength", 10));
    }

    @Test
    void backstageComponentIsAServiceOwnedByItsGroup() {
        Bundle bundle = read(file("catalog-info.yaml", """
                apiVersion: backstage.io/v1alpha1
                kind: Component
                metadata:
                  name: search-api
                  title: Search API
                  annotations:
                    ownwatch.io/tier: tier-2
                    ownwatch.io/escalation-policy: search-default
                    backstage.io/techdocs-ref: dir:.
                spec:
                  type: service
                  lifecycle: production
                  owner: group:default/search
                ---
                apiVersion: backstage.io/v1alpha1
                kind: API
                metadata: {name: search-openapi}
                """));

        assertThat(errors).isEmpty();
        var service = bundle.services().get(0).value();
        assertThat(service.name()).isEqualTo("Search API");
        assertThat(service.teamId()).isEqualTo("search");
        assertThat(service.tier()).isEqualTo("tier-2");
        assertThat(service.escalationPolicyId()).isEqualTo("search-default");
        assertThat(service.labelMatchers()).singleElement()
                .satisfies(m -> assertThat(m.value()).isEqualTo("search-api"));
    }

    @Test
    void backstageOwnerMustBeAGroup() {
        read(file("catalog-info.yaml", """
                apiVersion: backstage.io/v1alpha1
                kind: Component
                metadata: {name: search-api}
                spec:
                  owner: user:default/bob
                """));

        assertThat(errors).singleElement().satisfies(error -> {
            assertThat(error.field()).isEqualTo("spec.owner");
            assertThat(error.line()).isEqualTo(5);
        });
    }
}
