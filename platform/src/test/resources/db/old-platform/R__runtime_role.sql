-- The application connects as its runtime role ${app-role}, which owns nothing; Flyway migrates as the owner of the
-- schema and its tables. The runtime role reads and writes rows and nothing else: it cannot create, alter or drop a
-- table, a trigger or a function, nor grant itself more. Where one role does both (local mode), these grants are
-- grants to the owner itself, which change nothing. One rule for every service, run after its migrations:
--   a table with an append-only trigger (*_append_only) is history: read and add, nothing more;
--   every other table (the platform's included) is working state: its rows may change.
grant usage on schema "${flyway:defaultSchema}" to "${app-role}";

do $$
declare
    relation text;
    history  boolean;
begin
    for relation, history in
        select c.relname, exists (select 1 from pg_trigger t where t.tgrelid = c.oid and t.tgname like '%\_append\_only')
        from pg_class c join pg_namespace n on n.oid = c.relnamespace
        where n.nspname = '${flyway:defaultSchema}' and c.relkind = 'r' and c.relname <> '${flyway:table}'
    loop
        execute format('grant select, insert%s on %I.%I to %I', case when history then '' else ', update, delete' end,
                       '${flyway:defaultSchema}', relation, '${app-role}');
    end loop;
end
$$;

-- tables later migrations create may be read and added to, no more, until their migration grants update and delete
-- or this script runs again (fail closed: a new history table is append-only for ${app-role} unless someone decides
-- otherwise); sequences are usable (identity columns need no grant)
alter default privileges in schema "${flyway:defaultSchema}"
    grant select, insert on tables to "${app-role}";
alter default privileges in schema "${flyway:defaultSchema}"
    grant usage on sequences to "${app-role}";
