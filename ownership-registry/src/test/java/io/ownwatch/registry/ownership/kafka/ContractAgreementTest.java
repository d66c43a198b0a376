package io.ownwatch.registry.ownership.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;

import io.ownwatch.events.ServiceOwnership;
import io.ownwatch.registry.ownership.AlertSubject;
import io.ownwatch.registry.ownership.KubernetesSelector;
import io.ownwatch.registry.ownership.LabelMatcher;
import io.ownwatch.registry.ownership.MatchOp;
import io.ownwatch.registry.ownership.OwnedService;
import io.ownwatch.registry.ownership.OwnershipChange;
import io.ownwatch.registry.ownership.Precedence;
import io.ownwatch.schemas.ownership.AlertCoordinates;
import io.ownwatch.schemas.ownership.OwnershipRules;
import org.junit.jupiter.api.Test;

/**
 * The registry's {@code resolve} and a consumer of {@code ownership.v1} (the router's local view) must
 * name the same owner for every alert: random services, published as the outbox publishes them, and
 * random alerts, answered both ways.
 */
class ContractAgreementTest {

    private static final String[] LABELS = {"service", "app", "job"};
    private static final String[] VALUES = {"checkout", "cart", "search", ""};
    private static final String[] GLOBS = {"*", "eu-*", "eu-1", "shop", "*-1", "check*"};

    @Test
    void registryAndContractReadersAgreeOnEveryOwner() {
        Random random = new Random(42);
        for (int round = 0; round < 300; round++) {
            List<OwnedService> services = new ArrayList<>();
            for (int i = 0; i < 1 + random.nextInt(8); i++) {
                randomService("svc-" + round + "-" + i, random).ifPresent(services::add);
            }
            List<ServiceOwnership> published = services.stream()
                    .map(service -> OwnershipStream.toEvent(new OwnershipChange(service.id(), 1, service, null, Instant.EPOCH)))
                    .toList();
            for (int a = 0; a < 20; a++) {
                Map<String, String> labels = new HashMap<>();
                for (String label : LABELS) {
                    if (random.nextBoolean()) {
                        labels.put(label, VALUES[random.nextInt(VALUES.length)]);
                    }
                }
                String cluster = random.nextBoolean() ? null : pick(random, "eu-1", "us-1", "eu-2");
                String namespace = random.nextBoolean() ? null : pick(random, "shop", "search");
                String workload = random.nextBoolean() ? null : pick(random, "checkout-7d9", "cart");

                Optional<String> registry = Precedence.bestMatch(AlertSubject.of(labels, cluster, namespace, workload), services)
                        .map(scored -> scored.service().id());
                Optional<String> contract = OwnershipRules.bestMatch(AlertCoordinates.of(labels, cluster, namespace, workload), published)
                        .map(scored -> scored.service().getServiceId());

                assertThat(contract).as("owner of %s %s/%s/%s among %s", labels, cluster, namespace, workload, services)
                        .isEqualTo(registry);
            }
        }
    }

    private static Optional<OwnedService> randomService(String id, Random random) {
        List<LabelMatcher> matchers = new ArrayList<>();
        for (String label : LABELS) {
            if (random.nextInt(3) == 0) {
                MatchOp op = MatchOp.values()[random.nextInt(MatchOp.values().length)];
                String value = op.isRegex() ? pick(random, "check.*", "cart|search", ".+") : VALUES[random.nextInt(VALUES.length)];
                matchers.add(new LabelMatcher(label, op, value));
            }
        }
        List<KubernetesSelector> selectors = new ArrayList<>();
        for (int s = 0; s < random.nextInt(3); s++) {
            selectors.add(new KubernetesSelector(pick(random, GLOBS), pick(random, GLOBS), pick(random, GLOBS)));
        }
        if (!OwnedService.constrainsSomething(matchers, selectors)) {
            return Optional.empty();
        }
        return Optional.of(new OwnedService(id, id, "team-" + id, List.of(), null, null, matchers, selectors, 0));
    }

    private static String pick(Random random, String... options) {
        return options[random.nextInt(options.length)];
    }
}
