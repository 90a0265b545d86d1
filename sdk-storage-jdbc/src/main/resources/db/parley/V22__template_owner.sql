-- An operator's own templates (issue 21): the owner sees them, every operator sees the tenant's
-- (owner_id null). A template's stars stay as they are.
ALTER TABLE parley_template ADD COLUMN owner_id VARCHAR;
