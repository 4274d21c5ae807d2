-- Who holds the claim on a reply that is being sent ("host/pid/start" of
-- the process); NULL when nobody does. A process that finds the claimant
-- dead takes the reply at once instead of waiting for the lease to end.
ALTER TABLE outbox ADD COLUMN claimed_by TEXT;
