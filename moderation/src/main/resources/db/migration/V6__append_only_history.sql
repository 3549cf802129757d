-- The application connects as a runtime role that owns nothing (the platform's R__runtime_role grants it rows:
-- read and add on a table with an *_append_only trigger, read and write on the others).

-- Decisions, the audit log and the policy's versions are history: rows are added, never changed or removed. The
-- runtime role may only read and add them; the triggers refuse changes to everyone else too (the owner, a
-- superuser), until the owner drops them on purpose.
create function history_is_append_only() returns trigger language plpgsql as $$
begin
    raise exception '% is append-only: % refused', tg_table_name, tg_op;
end
$$;
create trigger decision_append_only before update or delete or truncate on decision
    for each statement execute function history_is_append_only();
create trigger policy_append_only before update or delete or truncate on policy
    for each statement execute function history_is_append_only();
-- audit_entry keeps its trigger of V3 (audit_entry_append_only)
