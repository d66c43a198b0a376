-- On-call schedules and escalation policies. V4 because V3 (services' outbox) is written in parallel;
-- spring.flyway.out-of-order lets a database that already has V4 accept V3 later.

CREATE TABLE schedule (
    id         text        PRIMARY KEY,
    name       text        NOT NULL,
    team_id    text        NOT NULL REFERENCES team (id),
    -- An IANA zone id (Europe/Berlin): rotations and restrictions are wall-clock times in this zone.
    time_zone  text        NOT NULL,
    version    bigint      NOT NULL DEFAULT 0,
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now()
);

CREATE INDEX schedule_team_id_idx ON schedule (team_id);

-- Position orders the layers: the highest position wins where it has someone on call.
CREATE TABLE schedule_layer (
    schedule_id    text      NOT NULL REFERENCES schedule (id) ON DELETE CASCADE,
    position       integer   NOT NULL,
    name           text      NOT NULL,
    -- Deliberately without time zone: a local date-time in the schedule's zone, so hand-offs keep wall-clock time across DST.
    rotation_start timestamp NOT NULL,
    -- ISO-8601: P<n>D (calendar days) or PT<n>H (elapsed hours).
    shift_length   text      NOT NULL,
    PRIMARY KEY (schedule_id, position)
);

CREATE TABLE schedule_layer_participant (
    schedule_id    text    NOT NULL,
    layer_position integer NOT NULL,
    position       integer NOT NULL,
    person_id      text    NOT NULL REFERENCES person (id),
    PRIMARY KEY (schedule_id, layer_position, position),
    FOREIGN KEY (schedule_id, layer_position) REFERENCES schedule_layer (schedule_id, position) ON DELETE CASCADE
);

CREATE TABLE schedule_layer_restriction (
    schedule_id    text    NOT NULL,
    layer_position integer NOT NULL,
    position       integer NOT NULL,
    -- java.time.DayOfWeek names on which the window opens.
    days           text[]  NOT NULL CHECK (cardinality(days) > 0),
    opens_at       time    NOT NULL,
    -- Not after opens_at means the window closes the next day.
    closes_at      time    NOT NULL,
    PRIMARY KEY (schedule_id, layer_position, position),
    FOREIGN KEY (schedule_id, layer_position) REFERENCES schedule_layer (schedule_id, position) ON DELETE CASCADE
);

-- Position orders overrides too: a later override wins where two overlap.
CREATE TABLE schedule_override (
    schedule_id text        NOT NULL REFERENCES schedule (id) ON DELETE CASCADE,
    position    integer     NOT NULL,
    person_id   text        NOT NULL REFERENCES person (id),
    starts_at   timestamptz NOT NULL,
    ends_at     timestamptz NOT NULL CHECK (ends_at > starts_at),
    PRIMARY KEY (schedule_id, position)
);

CREATE TABLE escalation_policy (
    id         text        PRIMARY KEY,
    name       text        NOT NULL,
    team_id    text        NOT NULL REFERENCES team (id),
    -- How many more times the whole chain runs after the last level.
    repeat     integer     NOT NULL CHECK (repeat >= 0),
    version    bigint      NOT NULL DEFAULT 0,
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now()
);

CREATE INDEX escalation_policy_team_id_idx ON escalation_policy (team_id);

CREATE TABLE escalation_level (
    policy_id     text    NOT NULL REFERENCES escalation_policy (id) ON DELETE CASCADE,
    position      integer NOT NULL,
    delay_minutes integer NOT NULL CHECK (delay_minutes >= 0),
    PRIMARY KEY (policy_id, position)
);

-- One nullable foreign key per target type, exactly one set: the database itself keeps a policy from
-- pointing at a schedule, person or team that no longer exists.
CREATE TABLE escalation_target (
    policy_id      text    NOT NULL,
    level_position integer NOT NULL,
    position       integer NOT NULL,
    schedule_id    text    REFERENCES schedule (id),
    person_id      text    REFERENCES person (id),
    team_id        text    REFERENCES team (id),
    CHECK (num_nonnulls(schedule_id, person_id, team_id) = 1),
    PRIMARY KEY (policy_id, level_position, position),
    FOREIGN KEY (policy_id, level_position) REFERENCES escalation_level (policy_id, position) ON DELETE CASCADE
);

CREATE INDEX escalation_target_schedule_id_idx ON escalation_target (schedule_id) WHERE schedule_id IS NOT NULL;
