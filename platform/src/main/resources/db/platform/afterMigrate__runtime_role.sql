-- After every migration run of the platform, which comes after the service's own: the application connects as its
-- runtime role ${app-role}, which owns nothing; Flyway migrates as the owner of the schema and its tables. The runtime
-- role reads and writes rows and nothing else: it cannot create, alter or drop a table, a trigger or a function, nor
-- grant itself more. Where one role does both (local mode), these grants are grants to the owner itself, which change
-- nothing. One rule for every table of the schema, the service's and the platform's, applied after every run, so a
-- table a later migration adds follows it from that run on:
--   a table with an append-only trigger (*_append_only) is history: read and add, nothing more;
--   every other table is working state: its rows may change;
--   Flyway's history tables (the service's and the platform's) are not the application's: no grant at all.
-- instances of a service that start at once run this one after the other (concurrent grants on one table can fail
-- with "tuple concurrently updated"); the lock ends with the callback's transaction
select pg_advisory_xact_lock(hashtext('reviewflow-runtime-role-grants/${flyway:defaultSchema}'));
grant usage on schema "${flyway:defaultSchema}" to "${app-role}";

do $$
declare
    relation text;
    history  boolean;
    flyway   boolean;
begin
    for relation, history, flyway in
        select c.relname,
               exists (select 1 from pg_trigger t where t.tgrelid = c.oid and t.tgname like '%\_append\_only'),
               -- a Flyway history table, whatever its name
               exists (select 1 from pg_attribute a where a.attrelid = c.oid and a.attname = 'installed_rank'
                       and not a.attisdropped)
        from pg_class c join pg_namespace n on n.oid = c.relnamespace
        where n.nspname = '${flyway:defaultSchema}' and c.relkind = 'r'
          -- where one role does both, it owns everything and keeps every right
          and pg_get_userbyid(c.relowner) <> '${app-role}'
    loop
        if flyway then
            -- created after the default privileges below, it would have them
            execute format('revoke all on %I.%I from %I', '${flyway:defaultSchema}', relation, '${app-role}');
        else
            execute format('grant select, insert%s on %I.%I to %I',
                           case when history then '' else ', update, delete' end,
                           '${flyway:defaultSchema}', relation, '${app-role}');
        end if;
    end loop;
end
$$;

-- a table created between two runs (by hand, or a migration outside Flyway) may be read and added to by the runtime
-- role, no more, until the next run (fail closed); sequences are usable (identity columns need no grant)
alter default privileges in schema "${flyway:defaultSchema}"
    grant select, insert on tables to "${app-role}";
alter default privileges in schema "${flyway:defaultSchema}"
    grant usage on sequences to "${app-role}";
