-- Contact channels as data (a person's Slack webhook and phone, a team's channels), and the foreign key from a
-- service to its escalation policy that V3 left for later.

-- An https URL of a Slack incoming webhook that reaches the person directly.
ALTER TABLE person ADD COLUMN slack_webhook text;
-- E.164 (+4915112345678), so that any SMS or voice provider can dial it unchanged.
ALTER TABLE person ADD COLUMN phone text CHECK (phone ~ '^\+[1-9][0-9]{1,14}$');

-- Where a team as a whole is told about its incidents; an escalation level's TEAM_CHANNEL target notifies these.
CREATE TABLE team_channel (
    team_id  text    NOT NULL REFERENCES team (id) ON DELETE CASCADE,
    position integer NOT NULL,
    type     text    NOT NULL CHECK (type IN ('SLACK_WEBHOOK', 'EMAIL', 'WEBHOOK')),
    address  text    NOT NULL,
    PRIMARY KEY (team_id, position)
);

-- NOT VALID: a service stored before this migration may name a policy that never existed; it keeps its value
-- (the coverage report lists it), while every new or changed reference, and every policy deletion, is checked.
ALTER TABLE service ADD CONSTRAINT service_escalation_policy_fk
    FOREIGN KEY (escalation_policy_id) REFERENCES escalation_policy (id) NOT VALID;

CREATE INDEX service_escalation_policy_id_idx ON service (escalation_policy_id) WHERE escalation_policy_id IS NOT NULL;
CREATE INDEX escalation_target_person_id_idx ON escalation_target (person_id) WHERE person_id IS NOT NULL;
CREATE INDEX escalation_target_team_id_idx ON escalation_target (team_id) WHERE team_id IS NOT NULL;
