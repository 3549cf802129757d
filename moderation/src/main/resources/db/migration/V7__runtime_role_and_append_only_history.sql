-- The application connects as its runtime role ${app-role}, which owns nothing; Flyway migrates as the owner of the
-- schema and its tables. The runtime role reads and writes rows and nothing else: it cannot create, alter or drop a
-- table, a trigger or a function, nor grant itself more. Where one role does both (local mode), these grants are
-- grants to the owner itself, which change nothing.

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

grant usage on schema "${flyway:defaultSchema}" to "${app-role}";
grant select, insert on decision, audit_entry, policy to "${app-role}";

-- every other table, the platform's included, is the application's working state: rows may change
do $$
declare
    relation text;
begin
    for relation in select tablename from pg_tables
                where schemaname = '${flyway:defaultSchema}'
                  and tablename not in ('decision', 'audit_entry', 'policy', '${flyway:table}')
    loop
        execute format('grant select, insert, update, delete on %I.%I to %I', '${flyway:defaultSchema}', relation,
                       '${app-role}');
    end loop;
end
$$;

-- tables later migrations create may be read and added to, no more, until their migration grants update and delete
-- (fail closed: a new history table is append-only for ${app-role} unless someone decides otherwise); sequences are
-- usable; the identity column of audit_entry needs no grant on its sequence
alter default privileges in schema "${flyway:defaultSchema}"
    grant select, insert on tables to "${app-role}";
alter default privileges in schema "${flyway:defaultSchema}"
    grant usage on sequences to "${app-role}";
