package io.ownwatch.registry.bundle;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

import io.ownwatch.registry.escalation.EscalationPolicy;
import io.ownwatch.registry.escalation.jdbc.EscalationPolicies;
import io.ownwatch.registry.membership.Memberships;
import io.ownwatch.registry.ownership.OwnedService;
import io.ownwatch.registry.ownership.OwnedServices;
import io.ownwatch.registry.ownership.Precedence;
import io.ownwatch.registry.ownership.SelectorTie;
import io.ownwatch.registry.person.People;
import io.ownwatch.registry.person.Person;
import io.ownwatch.registry.schedule.Schedule;
import io.ownwatch.registry.schedule.jdbc.Schedules;
import io.ownwatch.registry.team.Team;
import io.ownwatch.registry.team.Teams;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Imports a bundle: reads it, checks it as a whole (schema, references, duplicate ids, selector ties),
 * diffs every object against the registry, and, unless it is a dry run, applies the creates and updates
 * in one transaction through the registry's own repositories, so service changes reach ownership.v1
 * through the outbox like any other change. Unchanged objects are not written at all: importing the same
 * bundle again writes nothing and publishes nothing. Objects the bundle does not mention are left alone.
 * A renamed team's services are published again, because ownership.v1 carries the owning team's name.
 * Updates go through the same versioned {@code replace} as the REST API, expecting the version the plan was
 * made against: a change made over REST between plan and write refuses the import instead of being overwritten.
 * Backstage entities cannot carry contact data, so importing them keeps a person's or team's stored contacts.
 */
@Component
public class BundleImport {

    /** Serializes imports: each plans against the state the previous one left, and applies that very plan. */
    private static final long IMPORT_LOCK_KEY = 0x696d706f7274L;

    private final JdbcClient jdbc;
    private final Teams teams;
    private final People people;
    private final Memberships memberships;
    private final Schedules schedules;
    private final EscalationPolicies policies;
    private final OwnedServices services;

    BundleImport(JdbcClient jdbc, Teams teams, People people, Memberships memberships, Schedules schedules, EscalationPolicies policies,
            OwnedServices services) {
        this.jdbc = jdbc;
        this.teams = teams;
        this.people = people;
        this.memberships = memberships;
        this.schedules = schedules;
        this.policies = policies;
        this.services = services;
    }

    /**
     * Plans the import and, unless {@code dryRun}, applies it.
     *
     * @throws InvalidBundle with every problem found, before anything is written
     */
    @Transactional
    public ImportResult run(List<BundleFile> files, boolean dryRun) {
        if (!dryRun) {
            jdbc.sql("SELECT 1 FROM pg_advisory_xact_lock(:key)").param("key", IMPORT_LOCK_KEY).query(Integer.class).single();
        }
        List<BundleError> errors = new ArrayList<>();
        Bundle bundle = BundleReader.read(files, errors);
        Existing existing = new Existing(bundle);
        checkReferences(bundle, existing);
        List<DeclaredMembership> joins = memberships(bundle, existing, errors);
        checkTies(bundle);
        if (!errors.isEmpty()) {
            throw new InvalidBundle(errors);
        }

        List<Change> changes = new ArrayList<>();
        List<Runnable> writes = new ArrayList<>();
        for (Declared<Person> declared : bundle.people()) {
            Optional<Person> stored = people.find(declared.id());
            Declared<Person> person = declared.fromBackstage()
                    ? stored.map(current -> declared.withValue(keepContacts(declared.value(), current))).orElse(declared)
                    : declared;
            plan(changes, writes, person, stored, Function.identity(),
                    PERSON_FIELDS, people::add, (p, current) -> people.replace(p, current.version()));
        }
        for (Declared<Team> declared : bundle.teams()) {
            Optional<Team> stored = teams.find(declared.id());
            Declared<Team> team = declared.fromBackstage()
                    ? stored.map(current -> declared.withValue(new Team(declared.id(), declared.value().name(), current.channels(), 0)))
                            .orElse(declared)
                    : declared;
            plan(changes, writes, team, stored, Function.identity(),
                    TEAM_FIELDS, teams::add, (t, current) -> {
                        teams.replace(t, current.version());
                        if (!t.name().equals(current.name())) {
                            services.republishOwnedBy(t.id());
                        }
                    });
        }
        for (DeclaredMembership membership : joins) {
            boolean member = memberships.isMember(membership.personId(), membership.teamId());
            changes.add(new Change(Kind.MEMBERSHIP.wireName(), membership.id(), member ? Change.UNCHANGED : Change.CREATE, List.of()));
            if (!member) {
                writes.add(() -> memberships.join(membership.teamId(), membership.personId()));
            }
        }
        for (Declared<Schedule> schedule : bundle.schedules()) {
            plan(changes, writes, schedule, schedules.find(schedule.id()), s -> s,
                    SCHEDULE_FIELDS, schedules::add, (s, current) -> schedules.replace(s, current.version()));
        }
        for (Declared<EscalationPolicy> policy : bundle.policies()) {
            plan(changes, writes, policy, policies.find(policy.id()), p -> p,
                    POLICY_FIELDS, policies::add, (p, current) -> policies.replace(p, current.version()));
        }
        for (Declared<OwnedService> service : bundle.services()) {
            plan(changes, writes, service, services.find(service.id()), s -> s, SERVICE_FIELDS,
                    s -> applyService(service, () -> services.add(s)),
                    (s, current) -> applyService(service, () -> services.replace(s, current.version())));
        }
        if (!dryRun && !writes.isEmpty()) {
            // Team rows are locked before service writes and republishing need this lock: take it first, as they do.
            services.lockWrites();
            writes.forEach(Runnable::run);
        }
        return ImportResult.of(dryRun, changes);
    }

    /** How a kind's fields are compared: name and accessor, in the order an answer lists them. */
    private record Compared<T>(String name, Function<T, Object> value) {
    }

    private static final List<Compared<Person>> PERSON_FIELDS = List.of(
            new Compared<>("name", Person::name), new Compared<>("email", Person::email), new Compared<>("slack", Person::slack),
            new Compared<>("slackWebhook", Person::slackWebhook), new Compared<>("phone", Person::phone));
    private static final List<Compared<Team>> TEAM_FIELDS = List.of(
            new Compared<>("name", Team::name), new Compared<>("channels", Team::channels));

    /**
     * A Backstage User says nothing about Slack, webhooks or phones: the person's stored contact data stays,
     * or importing a catalog file would silently stop paging someone by phone.
     */
    private static Person keepContacts(Person declared, Person current) {
        return new Person(declared.id(), declared.name(), declared.email(), current.slack(), current.slackWebhook(),
                current.phone(), 0);
    }
    private static final List<Compared<Schedule>> SCHEDULE_FIELDS = List.of(
            new Compared<>("name", Schedule::name), new Compared<>("teamId", Schedule::teamId),
            new Compared<>("timeZone", Schedule::timeZone), new Compared<>("layers", Schedule::layers),
            new Compared<>("overrides", Schedule::overrides));
    private static final List<Compared<EscalationPolicy>> POLICY_FIELDS = List.of(
            new Compared<>("name", EscalationPolicy::name), new Compared<>("teamId", EscalationPolicy::teamId),
            new Compared<>("repeat", EscalationPolicy::repeat), new Compared<>("levels", EscalationPolicy::levels));
    private static final List<Compared<OwnedService>> SERVICE_FIELDS = List.of(
            new Compared<>("name", OwnedService::name), new Compared<>("teamId", OwnedService::teamId),
            new Compared<>("secondaryTeamIds", OwnedService::secondaryTeamIds), new Compared<>("tier", OwnedService::tier),
            new Compared<>("escalationPolicyId", OwnedService::escalationPolicyId),
            new Compared<>("labelMatchers", OwnedService::labelMatchers),
            new Compared<>("kubernetes", OwnedService::kubernetes));

    private interface Replace<T> {
        void apply(T declared, T current);
    }

    private static <T> void plan(List<Change> changes, List<Runnable> writes, Declared<T> declared, Optional<T> stored,
            Function<T, T> normalize, List<Compared<T>> fields, java.util.function.Consumer<T> add, Replace<T> replace) {
        String kind = declared.kind().wireName();
        if (stored.isEmpty()) {
            changes.add(new Change(kind, declared.id(), Change.CREATE, List.of()));
            writes.add(() -> add.accept(declared.value()));
            return;
        }
        T current = normalize.apply(stored.get());
        List<String> changed = fields.stream()
                .filter(field -> !Objects.equals(field.value().apply(declared.value()), field.value().apply(current)))
                .map(Compared::name)
                .toList();
        if (changed.isEmpty()) {
            changes.add(new Change(kind, declared.id(), Change.UNCHANGED, List.of()));
        } else {
            changes.add(new Change(kind, declared.id(), Change.UPDATE, changed));
            writes.add(() -> replace.apply(declared.value(), current));
        }
    }

    /**
     * A tie the plan could not foresee (two services of the bundle swapping selectors pass through a state
     * where they tie) is still refused by the repository; it becomes a bundle error and rolls everything back.
     */
    private static void applyService(Declared<OwnedService> service, Runnable write) {
        try {
            write.run();
        } catch (SelectorTie e) {
            int[] at = service.origin().document().position(service.origin().path());
            throw new InvalidBundle(List.of(new BundleError(service.origin().document().file(), at[0], at[1],
                    service.origin().path(), e.getMessage())));
        }
    }

    /** Whether an id exists in the bundle (even if broken there) or in the registry; registry answers are cached. */
    private final class Existing {

        private final Bundle bundle;
        private final Map<String, Boolean> registry = new HashMap<>();

        Existing(Bundle bundle) {
            this.bundle = bundle;
        }

        boolean exists(Kind kind, String id) {
            if (bundle.declaredIds().getOrDefault(kind, Set.of()).contains(id)) {
                return true;
            }
            return registry.computeIfAbsent(kind + "/" + id, key -> switch (kind) {
                case TEAM -> teams.find(id).isPresent();
                case PERSON -> people.find(id).isPresent();
                case SCHEDULE -> schedules.find(id).isPresent();
                case ESCALATION_POLICY -> policies.find(id).isPresent();
                case SERVICE -> services.find(id).isPresent();
                case MEMBERSHIP -> false;
            });
        }
    }

    private static void checkReferences(Bundle bundle, Existing existing) {
        for (Declared.Reference reference : bundle.references()) {
            if (!existing.exists(reference.kind(), reference.id())) {
                reference.where().error("names no " + reference.kind().label() + " '" + reference.id()
                        + "' in the bundle or the registry");
            }
        }
    }

    /**
     * The memberships to ensure, once each. A member named by one of our Team documents must exist; one
     * named by Backstage (Group members, User memberOf) is skipped when the person or team is unknown.
     */
    private static List<DeclaredMembership> memberships(Bundle bundle, Existing existing, List<BundleError> errors) {
        Map<String, DeclaredMembership> joins = new LinkedHashMap<>();
        for (DeclaredMembership membership : bundle.memberships()) {
            boolean team = existing.exists(Kind.TEAM, membership.teamId());
            boolean person = existing.exists(Kind.PERSON, membership.personId());
            if (team && person) {
                joins.putIfAbsent(membership.id(), membership);
            } else if (!membership.ifExists()) {
                membership.where().error("names no person '" + membership.personId() + "' in the bundle or the registry");
            }
        }
        return List.copyOf(joins.values());
    }

    /** Every declared service against the registry's services as they will be after the import. */
    private void checkTies(Bundle bundle) {
        if (bundle.services().isEmpty()) {
            return;
        }
        Map<String, OwnedService> after = new LinkedHashMap<>();
        services.all().forEach(service -> after.put(service.id(), service));
        bundle.services().forEach(service -> after.put(service.id(), service.value()));
        // Two tying services of the bundle are both reported, each naming the other: either may be the one to fix.
        for (Declared<OwnedService> service : bundle.services()) {
            Precedence.tieWith(service.value(), after.values())
                    .ifPresent(tie -> service.origin().error(new SelectorTie(service.id(), tie).getMessage()));
        }
    }
}
