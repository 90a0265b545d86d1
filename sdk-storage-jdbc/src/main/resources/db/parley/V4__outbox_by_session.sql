-- Erasing a client removes the outbox records of his sessions: found by session, not by a scan
-- of the tenant's outbox.
CREATE INDEX parley_outbox_session ON parley_outbox (tenant, session_id);
