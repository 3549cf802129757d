-- The application connects as its runtime role ${app-role}, which owns nothing; Flyway migrates as the owner of the
-- schema and its tables. The runtime role reads and writes rows and nothing else: it cannot create, alter or drop a
-- table, a trigger or a function, nor grant itself more. Where one role does both (local mode), these grants are
-- grants to the owner itself, which change nothing.
--
-- review-intake keeps no history of its own: a review row carries the last decision applied to it (moderation keeps
-- the decisions, append-only), ratings and the moderation policy's rate limit are current values. Every table is
-- working state.
grant usage on schema "${flyway:defaultSchema}" to "${app-role}";

do $$
declare
    relation text;
begin
    for relation in select tablename from pg_tables
                where schemaname = '${flyway:defaultSchema}' and tablename <> '${flyway:table}'
    loop
        execute format('grant select, insert, update, delete on %I.%I to %I', '${flyway:defaultSchema}', relation,
                       '${app-role}');
    end loop;
end
$$;

-- tables later migrations create may be read and added to, no more, until their migration grants update and delete
-- (fail closed)
alter default privileges in schema "${flyway:defaultSchema}"
    grant select, insert on tables to "${app-role}";
alter default privileges in schema "${flyway:defaultSchema}"
    grant usage on sequences to "${app-role}";
