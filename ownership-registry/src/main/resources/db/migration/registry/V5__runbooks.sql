-- The runbook catalog. A runbook belongs to one team; its content lives in numbered versions that go
-- DRAFT -> IN_REVIEW -> APPROVED -> RETIRED (IN_REVIEW -> DRAFT on "request changes").

CREATE TABLE runbook (
    id         text        PRIMARY KEY,
    team_id    text        NOT NULL REFERENCES team (id),
    created_by text        NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now()
);

CREATE INDEX runbook_team_id_idx ON runbook (team_id);

CREATE TABLE runbook_version (
    runbook_id   text        NOT NULL REFERENCES runbook (id) ON DELETE CASCADE,
    version      integer     NOT NULL CHECK (version >= 1),
    status       text        NOT NULL CHECK (status IN ('DRAFT', 'IN_REVIEW', 'APPROVED', 'RETIRED')),
    -- Bumped by every change of this version (edit, submit, approval...): the second half of its ETag.
    revision     bigint      NOT NULL DEFAULT 0,
    -- One document rather than child tables: a version is read, hashed and published whole, never queried by part.
    content      jsonb       NOT NULL,
    -- SHA-256 of the canonical content, set on submit; what reviewers approve and the executor re-checks.
    content_hash text,
    authored_by  text        NOT NULL,
    -- Everyone who created or edited the version: none of them may approve it.
    authors      jsonb       NOT NULL,
    submitted_at timestamptz,
    approved_by  text,
    approved_at  timestamptz,
    retired_at   timestamptz,
    created_at   timestamptz NOT NULL DEFAULT now(),
    updated_at   timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (runbook_id, version)
);

-- At most one approved version per runbook, and at most one version being worked on.
CREATE UNIQUE INDEX runbook_version_one_approved ON runbook_version (runbook_id) WHERE status = 'APPROVED';
CREATE UNIQUE INDEX runbook_version_one_open ON runbook_version (runbook_id) WHERE status IN ('DRAFT', 'IN_REVIEW');
