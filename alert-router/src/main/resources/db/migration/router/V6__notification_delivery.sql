-- Delivery of the notification queue (V4). A worker claims a due row by writing a fresh lease token and pushing
-- next_attempt_at past the lease: other workers skip it while it is sent, and take it again only if the worker
-- died (its lease ran out). Settling a claim (SENT, rescheduled, FAILED) requires the token to still be the
-- row's, so a worker that lost its lease changes nothing.
ALTER TABLE notification ADD COLUMN lease_token uuid;

