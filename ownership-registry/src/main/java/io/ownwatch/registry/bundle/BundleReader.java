package io.ownwatch.registry.bundle;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import io.ownwatch.registry.Contact;
import io.ownwatch.registry.Slug;
import io.ownwatch.registry.escalation.EscalationPolicy;
import io.ownwatch.registry.escalation.InvalidEscalationPolicy;
import io.ownwatch.registry.escalation.Level;
import io.ownwatch.registry.escalation.Target;
import io.ownwatch.registry.escalation.TargetType;
import io.ownwatch.registry.ownership.InvalidLabelMatcher;
import io.ownwatch.registry.ownership.KubernetesSelector;
import io.ownwatch.registry.ownership.LabelMatcher;
import io.ownwatch.registry.ownership.MatchOp;
import io.ownwatch.registry.ownership.OwnedService;
import io.ownwatch.registry.person.Person;
import io.ownwatch.registry.schedule.InvalidSchedule;
import io.ownwatch.registry.schedule.Layer;
import io.ownwatch.registry.schedule.Restriction;
import io.ownwatch.registry.schedule.Schedule;
import io.ownwatch.registry.schedule.ScheduleOverride;
import io.ownwatch.registry.schedule.ShiftLength;
import io.ownwatch.registry.team.Channel;
import io.ownwatch.registry.team.ChannelType;
import io.ownwatch.registry.team.Team;

/**
 * Turns the documents of a bundle into domain records. Our own documents ({@code apiVersion: ownwatch.io/v1})
 * are strict: an unknown field is an error, since a typo would otherwise silently drop a setting. Backstage
 * entities ({@code backstage.io/*}) are read leniently: a catalog file carries much that is none of our business.
 * Every value goes through the same domain constructors as the REST API, and every rule they enforce is
 * reported at the file and line of the field.
 */
final class BundleReader {

    static final String API_VERSION = "ownwatch.io/v1";
    private static final String SLUG = "must be a slug: lower-case letters, digits and '-', at most 63 characters";
    private static final Pattern SLUG_PATTERN = Pattern.compile(Slug.PATTERN);
    private static final Pattern EMAIL = Pattern.compile("^[^@\\s]+@[^@\\s]+$");
    private static final Pattern SLACK = Pattern.compile("^[A-Z0-9]{1,50}$");
    private static final Pattern GLOB = Pattern.compile("^[A-Za-z0-9*._:-]{0,253}$");
    private static final Set<String> TOP = Set.of("apiVersion", "kind", "metadata", "spec");
    private static final Set<String> METADATA = Set.of("id", "name");
    /** As the REST API allows: a team's channels and the length of an address. */
    private static final int MAX_CHANNELS = 20;
    private static final int MAX_ADDRESS = 2000;
    /** Backstage kinds that say nothing about who is paged: skipped, so a repository's whole catalog file imports. */
    private static final Set<String> BACKSTAGE_SKIPPED = Set.of("API", "System", "Domain", "Resource", "Location", "Template");

    private final List<BundleError> errors;
    private final List<Declared<Person>> people = new ArrayList<>();
    private final List<Declared<Team>> teams = new ArrayList<>();
    private final List<DeclaredMembership> memberships = new ArrayList<>();
    private final List<Declared<Schedule>> schedules = new ArrayList<>();
    private final List<Declared<EscalationPolicy>> policies = new ArrayList<>();
    private final List<Declared<OwnedService>> services = new ArrayList<>();
    private final Map<Kind, Map<String, Field>> firstDeclaration = new EnumMap<>(Kind.class);
    /** Every reference read, also from documents with other problems, so that one answer lists all of them. */
    private final List<Declared.Reference> references = new ArrayList<>();

    private BundleReader(List<BundleError> errors) {
        this.errors = errors;
    }

    /** Reads every file; all problems found go to {@code errors}, and only objects without problems are returned. */
    static Bundle read(List<BundleFile> files, List<BundleError> errors) {
        BundleReader reader = new BundleReader(errors);
        Set<String> names = new HashSet<>();
        for (BundleFile file : files) {
            if (!names.add(file.name())) {
                errors.add(new BundleError(file.name(), 1, 1, "", "the bundle contains this file name twice"));
                continue;
            }
            for (YamlDocument document : YamlFiles.read(file, errors)) {
                reader.document(Field.root(document, errors));
            }
        }
        Map<Kind, Set<String>> declared = new EnumMap<>(Kind.class);
        reader.firstDeclaration.forEach((kind, ids) -> declared.put(kind, Set.copyOf(ids.keySet())));
        return new Bundle(List.copyOf(reader.people), List.copyOf(reader.teams), List.copyOf(reader.memberships),
                List.copyOf(reader.schedules), List.copyOf(reader.policies), List.copyOf(reader.services),
                List.copyOf(reader.references), declared);
    }

    private void document(Field root) {
        if (!root.mapping(null, true)) {
            return;
        }
        String apiVersion = root.get("apiVersion").required();
        String kind = root.get("kind").required();
        if (apiVersion == null || kind == null) {
            return;
        }
        if (apiVersion.equals(API_VERSION)) {
            root.mapping(TOP, true);
            switch (kind) {
                case "Team" -> team(root);
                case "Person" -> person(root);
                case "Service" -> service(root);
                case "Schedule" -> schedule(root);
                case "EscalationPolicy" -> policy(root);
                default -> root.get("kind").error("unknown kind '" + kind
                        + "'; expected one of Team, Person, Service, Schedule, EscalationPolicy");
            }
        } else if (apiVersion.startsWith("backstage.io/")) {
            switch (kind) {
                case "Group" -> group(root);
                case "User" -> user(root);
                case "Component" -> component(root);
                default -> {
                    if (!BACKSTAGE_SKIPPED.contains(kind)) {
                        root.get("kind").error("unknown Backstage kind '" + kind + "'; Group, User and Component are imported, "
                                + BACKSTAGE_SKIPPED + " skipped");
                    }
                }
            }
        } else {
            root.get("apiVersion").error("unknown apiVersion '" + apiVersion + "'; expected " + API_VERSION
                    + " or backstage.io/v1alpha1");
        }
    }

    // ---- our own format ----

    /** metadata.id and metadata.name of one of our documents; null id when invalid. */
    private record Meta(String id, String name, Field idField) {
    }

    private Meta meta(Field root, Kind kind) {
        Field metadata = root.get("metadata");
        if (!metadata.mapping(METADATA, true)) {
            return new Meta(null, null, metadata);
        }
        Field idField = metadata.get("id");
        String id = slug(idField);
        String name = metadata.get("name").required();
        register(kind, id, idField);
        return new Meta(id, name, idField);
    }

    private void team(Field root) {
        int before = errors.size();
        Meta meta = meta(root, Kind.TEAM);
        Field spec = root.get("spec");
        List<DeclaredMembership> members = new ArrayList<>();
        List<Channel> channels = new ArrayList<>();
        if (spec.mapping(Set.of("members", "channels"), false)) {
            for (Field member : spec.get("members").items()) {
                String personId = slug(member);
                if (personId != null && meta.id() != null) {
                    members.add(new DeclaredMembership(meta.id(), personId, member, false));
                }
            }
            Field channelsField = spec.get("channels");
            List<Field> channelFields = channelsField.items();
            if (channelFields.size() > MAX_CHANNELS) {
                channelsField.error("must list at most " + MAX_CHANNELS + " channels");
            }
            for (Field channel : channelFields) {
                Channel read = channel(channel);
                if (read != null) {
                    channels.add(read);
                }
            }
        }
        if (errors.size() == before) {
            Team team = construct(meta.idField(), () -> new Team(meta.id(), meta.name(), channels, 0));
            if (team != null) {
                teams.add(new Declared<>(Kind.TEAM, team.id(), team, meta.idField(), List.of()));
                memberships.addAll(members);
            }
        }
    }

    /** A team channel; the address is checked by {@link Channel}'s own constructor, as in the REST API. */
    private static Channel channel(Field channel) {
        if (!channel.mapping(Set.of("type", "address"), true)) {
            return null;
        }
        Field typeField = channel.get("type");
        String typeText = typeField.required();
        ChannelType type = null;
        if (typeText != null) {
            try {
                type = ChannelType.valueOf(typeText.strip().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                typeField.error("must be one of " + Arrays.toString(ChannelType.values()) + " but was '" + typeText + "'");
            }
        }
        Field addressField = channel.get("address");
        String address = addressField.required();
        if (address != null && address.length() > MAX_ADDRESS) {
            addressField.error("must be at most " + MAX_ADDRESS + " characters");
            return null;
        }
        if (type == null || address == null) {
            return null;
        }
        ChannelType known = type;
        return construct(addressField, () -> new Channel(known, address));
    }

    private void person(Field root) {
        int before = errors.size();
        Meta meta = meta(root, Kind.PERSON);
        Field spec = root.get("spec");
        String email = null;
        String slack = null;
        String slackWebhook = null;
        String phone = null;
        if (spec.mapping(Set.of("email", "slack", "slackWebhook", "phone"), true)) {
            email = email(spec.get("email"));
            Field slackField = spec.get("slack");
            slack = slackField.text();
            if (slack != null && !SLACK.matcher(slack).matches()) {
                slackField.error("must be a Slack member id such as U024BE7LH");
            }
            // The rules Person's constructor guards (Contact), checked here too so each is reported at its own line.
            slackWebhook = spec.get("slackWebhook").text();
            if (slackWebhook != null && !Contact.isHttpsUrl(slackWebhook)) {
                spec.get("slackWebhook").error("must be an https URL but was '" + slackWebhook + "'");
            }
            phone = spec.get("phone").text();
            if (phone != null && !Contact.isPhone(phone)) {
                spec.get("phone").error("must be an E.164 number such as +4915112345678 but was '" + phone + "'");
            }
        }
        if (errors.size() == before) {
            String mail = email;
            String member = slack;
            String webhook = slackWebhook;
            String number = phone;
            Person person = construct(meta.idField(), () -> new Person(meta.id(), meta.name(), mail, member, webhook, number, 0));
            if (person != null) {
                people.add(new Declared<>(Kind.PERSON, person.id(), person, meta.idField(), List.of()));
            }
        }
    }

    private void service(Field root) {
        int before = errors.size();
        Meta meta = meta(root, Kind.SERVICE);
        Field spec = root.get("spec");
        if (!spec.mapping(Set.of("teamId", "secondaryTeamIds", "tier", "escalationPolicyId", "labelMatchers", "kubernetes"), true)) {
            return;
        }
        List<Declared.Reference> references = new ArrayList<>();
        String teamId = reference(spec.get("teamId"), Kind.TEAM, true, references);
        List<String> secondary = new ArrayList<>();
        for (Field team : spec.get("secondaryTeamIds").items()) {
            String id = reference(team, Kind.TEAM, true, references);
            if (id != null) {
                secondary.add(id);
            }
        }
        String tier = tier(spec.get("tier"));
        String policy = reference(spec.get("escalationPolicyId"), Kind.ESCALATION_POLICY, false, references);
        List<LabelMatcher> matchers = new ArrayList<>();
        for (Field matcher : spec.get("labelMatchers").items()) {
            LabelMatcher read = matcher(matcher);
            if (read != null) {
                matchers.add(read);
            }
        }
        List<KubernetesSelector> selectors = new ArrayList<>();
        for (Field selector : spec.get("kubernetes").items()) {
            if (selector.mapping(Set.of("cluster", "namespace", "workload"), true)) {
                selectors.add(new KubernetesSelector(glob(selector.get("cluster")), glob(selector.get("namespace")),
                        glob(selector.get("workload"))));
            }
        }
        if (errors.size() == before) {
            addService(meta.id(), meta.name(), teamId, secondary, tier, policy, matchers, selectors, meta.idField(),
                    spec.get("labelMatchers"), references);
        }
    }

    private void schedule(Field root) {
        int before = errors.size();
        Meta meta = meta(root, Kind.SCHEDULE);
        Field spec = root.get("spec");
        if (!spec.mapping(Set.of("teamId", "timeZone", "layers", "overrides"), true)) {
            return;
        }
        List<Declared.Reference> references = new ArrayList<>();
        String teamId = reference(spec.get("teamId"), Kind.TEAM, true, references);
        Field zoneField = spec.get("timeZone");
        String zoneText = zoneField.required();
        ZoneId zone = null;
        if (zoneText != null) {
            try {
                zone = Schedule.zone(zoneText);
            } catch (InvalidSchedule e) {
                zoneField.error(e.reason());
            }
        }
        List<Layer> layers = new ArrayList<>();
        List<Field> layerFields = spec.get("layers").items();
        if (layerFields.isEmpty() && spec.get("layers").present()) {
            spec.get("layers").error("must contain at least one layer");
        }
        for (Field layer : layerFields) {
            Layer read = layer(layer, references);
            if (read != null) {
                layers.add(read);
            }
        }
        List<ScheduleOverride> overrides = new ArrayList<>();
        for (Field override : spec.get("overrides").items()) {
            if (!override.mapping(Set.of("personId", "from", "to"), true)) {
                continue;
            }
            String personId = reference(override.get("personId"), Kind.PERSON, true, references);
            Instant from = instant(override.get("from"));
            Instant to = instant(override.get("to"));
            if (personId != null && from != null && to != null) {
                try {
                    overrides.add(new ScheduleOverride(personId, from, to));
                } catch (InvalidSchedule e) {
                    child(override, e.field()).error(e.reason());
                }
            }
        }
        if (errors.size() == before) {
            ZoneId timeZone = zone;
            try {
                Schedule schedule = new Schedule(meta.id(), meta.name(), teamId, timeZone, layers, overrides, 0);
                schedules.add(new Declared<>(Kind.SCHEDULE, schedule.id(), schedule, meta.idField(), references));
            } catch (InvalidSchedule e) {
                child(spec, e.field()).error(e.reason());
            }
        }
    }

    private Layer layer(Field layer, List<Declared.Reference> references) {
        if (!layer.mapping(Set.of("name", "participants", "rotationStart", "shiftLength", "restrictions"), true)) {
            return null;
        }
        int before = errors.size();
        String name = layer.get("name").text();
        List<String> participants = new ArrayList<>();
        Field participantsField = layer.get("participants");
        for (Field participant : participantsField.items()) {
            String id = reference(participant, Kind.PERSON, true, references);
            if (id != null) {
                participants.add(id);
            }
        }
        if (participants.isEmpty() && errors.size() == before) {
            participantsField.error("must name at least one person");
        }
        Field startField = layer.get("rotationStart");
        LocalDateTime start = null;
        String startText = startField.required();
        if (startText != null) {
            try {
                start = LocalDateTime.parse(startText);
            } catch (DateTimeParseException e) {
                startField.error("must be a local date-time such as 2026-01-05T09:00 but was '" + startText + "'");
            }
        }
        Field lengthField = layer.get("shiftLength");
        ShiftLength length = null;
        String lengthText = lengthField.required();
        if (lengthText != null) {
            try {
                length = ShiftLength.parse(lengthText);
            } catch (InvalidSchedule e) {
                lengthField.error(e.reason());
            }
        }
        List<Restriction> restrictions = new ArrayList<>();
        for (Field restriction : layer.get("restrictions").items()) {
            if (!restriction.mapping(Set.of("days", "from", "to"), true)) {
                continue;
            }
            Set<DayOfWeek> days = EnumSet.noneOf(DayOfWeek.class);
            for (Field day : restriction.get("days").items()) {
                String text = day.required();
                if (text != null) {
                    try {
                        days.add(DayOfWeek.valueOf(text.strip().toUpperCase(Locale.ROOT)));
                    } catch (IllegalArgumentException e) {
                        day.error("must be a day such as MONDAY but was '" + text + "'");
                    }
                }
            }
            LocalTime from = time(restriction.get("from"));
            LocalTime to = time(restriction.get("to"));
            if (from != null && to != null) {
                try {
                    restrictions.add(new Restriction(days, from, to));
                } catch (InvalidSchedule e) {
                    restriction.get("days").error(e.reason());
                }
            }
        }
        if (errors.size() != before) {
            return null;
        }
        try {
            return new Layer(name, participants, start, length, restrictions);
        } catch (InvalidSchedule e) {
            child(layer, e.field()).error(e.reason());
            return null;
        }
    }

    private void policy(Field root) {
        int before = errors.size();
        Meta meta = meta(root, Kind.ESCALATION_POLICY);
        Field spec = root.get("spec");
        if (!spec.mapping(Set.of("teamId", "repeat", "levels"), true)) {
            return;
        }
        List<Declared.Reference> references = new ArrayList<>();
        String teamId = reference(spec.get("teamId"), Kind.TEAM, true, references);
        Field repeatField = spec.get("repeat");
        Integer repeat = repeatField.integer(0);
        if (repeat != null && (repeat < 0 || repeat > EscalationPolicy.MAX_REPEAT)) {
            repeatField.error("must be between 0 and " + EscalationPolicy.MAX_REPEAT);
        }
        List<Level> levels = new ArrayList<>();
        Field levelsField = spec.get("levels");
        if (!levelsField.present()) {
            levelsField.error("is required");
        }
        for (Field level : levelsField.items()) {
            if (!level.mapping(Set.of("delayMinutes", "targets"), true)) {
                continue;
            }
            int levelBefore = errors.size();
            Field delayField = level.get("delayMinutes");
            Integer delay = delayField.integer(0);
            if (delay != null && (delay < 0 || delay > 1440)) {
                delayField.error("must be between 0 and 1440");
            }
            List<Target> targets = new ArrayList<>();
            for (Field target : level.get("targets").items()) {
                if (!target.mapping(Set.of("type", "id"), true)) {
                    continue;
                }
                Field typeField = target.get("type");
                String typeText = typeField.required();
                TargetType type = null;
                if (typeText != null) {
                    try {
                        type = TargetType.valueOf(typeText.strip().toUpperCase(Locale.ROOT));
                    } catch (IllegalArgumentException e) {
                        typeField.error("must be one of SCHEDULE, PERSON, TEAM_CHANNEL but was '" + typeText + "'");
                    }
                }
                Kind kind = type == null ? null : switch (type) {
                    case SCHEDULE -> Kind.SCHEDULE;
                    case PERSON -> Kind.PERSON;
                    case TEAM_CHANNEL -> Kind.TEAM;
                };
                String id = kind == null ? target.get("id").required() : reference(target.get("id"), kind, true, references);
                if (type != null && id != null) {
                    targets.add(Target.of(type, id));
                }
            }
            if (errors.size() == levelBefore) {
                try {
                    levels.add(new Level(delay, targets));
                } catch (InvalidEscalationPolicy e) {
                    child(level, e.field()).error(e.reason());
                }
            }
        }
        if (errors.size() == before) {
            try {
                EscalationPolicy policy = new EscalationPolicy(meta.id(), meta.name(), teamId, repeat, levels, 0);
                policies.add(new Declared<>(Kind.ESCALATION_POLICY, policy.id(), policy, meta.idField(), references));
            } catch (InvalidEscalationPolicy e) {
                child(spec, e.field()).error(e.reason());
            }
        }
    }

    // ---- Backstage ----

    /** metadata.name (the id), and the display name: profile.displayName, else metadata.title, else the name. */
    private Meta backstageMeta(Field root, Kind kind, Field displayName) {
        Field metadata = root.get("metadata");
        if (!metadata.mapping(null, true)) {
            return new Meta(null, null, metadata);
        }
        Field idField = metadata.get("name");
        String id = slug(idField);
        register(kind, id, idField);
        String name = displayName == null ? null : displayName.text();
        if (name == null || name.isBlank()) {
            name = metadata.get("title").text();
        }
        if (name == null || name.isBlank()) {
            name = id;
        }
        return new Meta(id, name, idField);
    }

    private void group(Field root) {
        int before = errors.size();
        Field spec = root.get("spec");
        spec.mapping(null, false);
        Meta meta = backstageMeta(root, Kind.TEAM, spec.get("profile").get("displayName"));
        List<DeclaredMembership> members = new ArrayList<>();
        for (Field member : spec.get("members").items()) {
            String personId = entityRef(member, "user");
            if (personId != null && meta.id() != null) {
                members.add(new DeclaredMembership(meta.id(), personId, member, true));
            }
        }
        if (errors.size() == before) {
            Team team = construct(meta.idField(), () -> new Team(meta.id(), meta.name()));
            if (team != null) {
                teams.add(new Declared<>(Kind.TEAM, team.id(), team, meta.idField(), List.of()));
                memberships.addAll(members);
            }
        }
    }

    private void user(Field root) {
        int before = errors.size();
        Field spec = root.get("spec");
        spec.mapping(null, true);
        Field profile = spec.get("profile");
        profile.mapping(null, true);
        Meta meta = backstageMeta(root, Kind.PERSON, profile.get("displayName"));
        String email = email(profile.get("email"));
        List<DeclaredMembership> groups = new ArrayList<>();
        for (Field group : spec.get("memberOf").items()) {
            String teamId = entityRef(group, "group");
            if (teamId != null && meta.id() != null) {
                groups.add(new DeclaredMembership(teamId, meta.id(), group, true));
            }
        }
        if (errors.size() == before) {
            Person person = construct(meta.idField(), () -> new Person(meta.id(), meta.name(), email, null));
            if (person != null) {
                people.add(new Declared<>(Kind.PERSON, person.id(), person, meta.idField(), List.of()));
                memberships.addAll(groups);
            }
        }
    }

    /**
     * A Component is a service owned by {@code spec.owner}, claiming alerts labelled {@code service=<name>};
     * the annotations {@code ownwatch.io/tier} and {@code ownwatch.io/escalation-policy} add the rest.
     */
    private void component(Field root) {
        int before = errors.size();
        Field spec = root.get("spec");
        spec.mapping(null, true);
        Meta meta = backstageMeta(root, Kind.SERVICE, null);
        List<Declared.Reference> references = new ArrayList<>();
        Field ownerField = spec.get("owner");
        String owner = entityRef(ownerField, "group");
        if (owner != null) {
            references.add(new Declared.Reference(Kind.TEAM, owner, ownerField));
            this.references.add(references.get(references.size() - 1));
        }
        Field annotations = root.get("metadata").get("annotations");
        annotations.mapping(null, false);
        String tier = tier(annotations.get("ownwatch.io/tier"));
        String policy = reference(annotations.get("ownwatch.io/escalation-policy"), Kind.ESCALATION_POLICY, false, references);
        if (errors.size() == before && meta.id() != null) {
            addService(meta.id(), meta.name(), owner, List.of(), tier, policy,
                    List.of(new LabelMatcher("service", MatchOp.EQUALS, meta.id())), List.of(), meta.idField(),
                    meta.idField(), references);
        }
    }

    /**
     * The id of a Backstage entity reference to a {@code kind} ({@code group:default/payments},
     * {@code group:payments} or {@code payments}); another kind or namespace is refused.
     */
    private String entityRef(Field field, String kind) {
        String text = field.required();
        if (text == null) {
            return null;
        }
        String ref = text.strip();
        int colon = ref.indexOf(':');
        if (colon >= 0) {
            if (!ref.substring(0, colon).equalsIgnoreCase(kind)) {
                field.error("must refer to a " + kind + " but was '" + text + "'");
                return null;
            }
            ref = ref.substring(colon + 1);
        }
        if (ref.startsWith("default/")) {
            ref = ref.substring("default/".length());
        }
        if (ref.contains("/")) {
            field.error("must refer to a " + kind + " in the default namespace but was '" + text + "'");
            return null;
        }
        if (!SLUG_PATTERN.matcher(ref).matches()) {
            field.error("'" + ref + "' " + SLUG);
            return null;
        }
        return ref;
    }

    // ---- shared ----

    private void addService(String id, String name, String teamId, List<String> secondary, String tier, String policy,
            List<LabelMatcher> matchers, List<KubernetesSelector> selectors, Field origin, Field selectorsField,
            List<Declared.Reference> references) {
        // As the REST API does: secondary teams without duplicates and without the owner, who is paged first anyway.
        LinkedHashSet<String> others = new LinkedHashSet<>(secondary);
        others.remove(teamId);
        OwnedService service = construct(selectorsField, () -> new OwnedService(id, name, teamId, List.copyOf(others), tier,
                policy, matchers, selectors, 0));
        if (service != null) {
            services.add(new Declared<>(Kind.SERVICE, service.id(), service, origin, references));
        }
    }

    private LabelMatcher matcher(Field matcher) {
        if (!matcher.mapping(Set.of("label", "op", "value"), true)) {
            return null;
        }
        String label = matcher.get("label").required();
        Field opField = matcher.get("op");
        MatchOp op = op(opField);
        Field valueField = matcher.get("value");
        String value = valueField.text();
        if (value == null && !valueField.present()) {
            valueField.error("is required");
        }
        if (label == null || op == null || value == null) {
            return null;
        }
        try {
            return new LabelMatcher(label, op, value);
        } catch (InvalidLabelMatcher e) {
            valueField.error(e.getMessage());
            return null;
        }
    }

    /** The operator by its name or its Alertmanager symbol. */
    private static MatchOp op(Field field) {
        String text = field.required();
        if (text == null) {
            return null;
        }
        return switch (text.strip()) {
            case "=", "EQUALS" -> MatchOp.EQUALS;
            case "!=", "NOT_EQUALS" -> MatchOp.NOT_EQUALS;
            case "=~", "REGEX" -> MatchOp.REGEX;
            case "!~", "NOT_REGEX" -> MatchOp.NOT_REGEX;
            default -> {
                field.error("must be one of EQUALS, NOT_EQUALS, REGEX, NOT_REGEX (or =, !=, =~, !~) but was '" + text + "'");
                yield null;
            }
        };
    }

    private String reference(Field field, Kind kind, boolean required, List<Declared.Reference> references) {
        if (!required && !field.present()) {
            return null;
        }
        String id = slug(field);
        if (id != null) {
            Declared.Reference reference = new Declared.Reference(kind, id, field);
            references.add(reference);
            this.references.add(reference);
        }
        return id;
    }

    private static String slug(Field field) {
        String text = field.required();
        if (text != null && !SLUG_PATTERN.matcher(text).matches()) {
            field.error(SLUG + " but was '" + text + "'");
            return null;
        }
        return text;
    }

    private static String email(Field field) {
        String text = field.required();
        if (text != null && (!EMAIL.matcher(text).matches() || text.length() > 320)) {
            field.error("must be an e-mail address but was '" + text + "'");
            return null;
        }
        return text;
    }

    private static String tier(Field field) {
        String text = field.text();
        if (text != null && (text.isBlank() || text.length() > 50)) {
            field.error("must be 1 to 50 characters");
            return null;
        }
        return text;
    }

    private static String glob(Field field) {
        String text = field.text();
        if (text != null && !GLOB.matcher(text).matches()) {
            field.error("must be a glob of letters, digits, '.', '_', ':', '-' and the wildcard '*'");
        }
        return text;
    }

    private static LocalTime time(Field field) {
        String text = field.required();
        if (text == null) {
            return null;
        }
        try {
            return LocalTime.parse(text.strip());
        } catch (DateTimeParseException e) {
            field.error("must be a time of day such as 09:00 but was '" + text + "'");
            return null;
        }
    }

    private static Instant instant(Field field) {
        String text = field.required();
        if (text == null) {
            return null;
        }
        try {
            return OffsetDateTime.parse(text.strip()).toInstant();
        } catch (DateTimeParseException e) {
            field.error("must be an instant with offset such as 2026-03-01T09:00:00Z but was '" + text + "'");
            return null;
        }
    }

    /** The field a domain rule names ({@code shiftLength}, {@code restrictions.days}) under {@code parent}. */
    private static Field child(Field parent, String domainField) {
        Field field = parent;
        for (String part : domainField.split("\\.")) {
            field = field.get(part);
        }
        return field;
    }

    /** Runs a domain constructor; a rule it enforces that the reader did not check first is reported at {@code where}. */
    private static <T> T construct(Field where, java.util.function.Supplier<T> constructor) {
        try {
            return constructor.get();
        } catch (IllegalArgumentException e) {
            where.error(e.getMessage());
            return null;
        }
    }

    /** Notes the declaration of an id; a second one, in any file, is an error naming the first. */
    private void register(Kind kind, String id, Field where) {
        if (id == null) {
            return;
        }
        Map<String, Field> declared = firstDeclaration.computeIfAbsent(kind, k -> new HashMap<>());
        Field first = declared.putIfAbsent(id, where);
        if (first != null) {
            int[] at = first.document().position(first.path());
            where.error("duplicate " + kind.label() + " id '" + id + "': already declared in " + first.document().file()
                    + " at line " + at[0]);
        }
    }
}
