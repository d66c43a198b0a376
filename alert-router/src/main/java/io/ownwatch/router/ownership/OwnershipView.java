package io.ownwatch.router.ownership;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import io.ownwatch.events.ServiceOwnership;
import io.ownwatch.schemas.ownership.AlertCoordinates;
import io.ownwatch.schemas.ownership.OwnershipRules;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * The router's copy of {@code ownership.v1}: the latest definition of every service, so that the
 * owner of an alert is found without a remote call. Fed by one thread (the feed), read by many: a look-up
 * iterates the live map, so a start-up that reads thousands of records copies nothing per record.
 *
 * <p>The view is <em>current</em> once the feed has read the topic to the end offsets it measured,
 * and only for as long as the feed keeps confirming that (it re-measures periodically). A view that
 * has not caught up yet, or whose last confirmation is older than {@code staleAfter} (the broker is
 * unreachable, say), may lag behind the registry: the resolver then asks the registry first and uses
 * the view only when the registry cannot answer.
 */
@Component
public class OwnershipView {

    private final Map<String, ServiceOwnership> services = new ConcurrentHashMap<>();
    private final Clock clock;
    private final Duration staleAfter;
    private volatile Instant confirmedAt;

    @Autowired
    OwnershipView(Clock clock, OwnershipProperties properties) {
        this(clock, properties.view().staleAfter());
    }

    public OwnershipView(Clock clock, Duration staleAfter) {
        this.clock = clock;
        this.staleAfter = staleAfter;
    }

    /**
     * Applies one record of the topic: a definition replaces an older revision of the same service,
     * never a newer one (a republish or a redelivery may bring an old revision again); a tombstone
     * ({@code null}) removes the service.
     */
    public void apply(String serviceId, ServiceOwnership definition) {
        if (definition == null) {
            services.remove(serviceId);
        }
        else {
            services.merge(serviceId, definition,
                    (held, offered) -> offered.getRevision() >= held.getRevision() ? offered : held);
        }
    }

    /** The feed has read everything the topic held when it last looked. */
    public void confirmCurrent() {
        confirmedAt = clock.instant();
    }

    /** Whether the view may be trusted without asking the registry. */
    public boolean isCurrent() {
        Instant confirmed = confirmedAt;
        return confirmed != null && !confirmed.plus(staleAfter).isBefore(clock.instant());
    }

    /** When the feed last confirmed the view complete, if ever. */
    public Optional<Instant> confirmedAt() {
        return Optional.ofNullable(confirmedAt);
    }

    public int size() {
        return services.size();
    }

    /** The owner of an alert with these labels according to the view, or empty when no service in it matches. */
    public Optional<Owner.Resolved> owner(Map<String, String> labels) {
        return OwnershipRules.bestMatch(AlertCoordinates.ofLabels(labels), services.values())
                .map(OwnershipRules.Scored::service)
                .map(service -> new Owner.Resolved(service.getServiceId(), service.getName(), service.getTeamId(),
                        service.getTeamName().isEmpty() ? service.getTeamId() : service.getTeamName(),
                        service.getEscalationPolicyId()));
    }
}
