-- People are known by their identity provider's subject, so a token's `sub` finds the person without a mapping.
CREATE TABLE person (
    id         text        PRIMARY KEY,
    name       text        NOT NULL,
    email      text        NOT NULL,
    -- Optional Slack member id, for notifications that address the person directly.
    slack      text,
    version    bigint      NOT NULL DEFAULT 0,
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now()
);

-- Membership is what access decisions read ("is this responder in the owning team?"), so it lives next
-- to ownership: the two can never disagree.
CREATE TABLE team_member (
    team_id    text        NOT NULL REFERENCES team (id) ON DELETE CASCADE,
    person_id  text        NOT NULL REFERENCES person (id) ON DELETE CASCADE,
    created_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (team_id, person_id)
);

-- The primary key serves "members of a team"; this serves "teams of a person", asked on every authorization.
CREATE INDEX team_member_person_id_idx ON team_member (person_id);
