-- Before the service's own Flyway run validates: in a schema migrated before the platform's tables had a history
-- table of their own, the service's history (${flyway:table}) also records the platform's migrations of that time
-- (V0__platform and the repeatables R__idempotency_key_by_caller, R__rate_limits, R__runtime_role). They belong to
-- the platform's run now (db/platform, history flyway_platform_history), so they are forgotten here; that run then
-- starts its history at a baseline, its V1 creates only what is missing and its afterMigrate grants as before:
-- nothing is created twice, nothing is lost. In any other schema this changes nothing.
do $$
begin
    if to_regclass(format('%I.%I', '${flyway:defaultSchema}', '${flyway:table}')) is not null then
        execute format('delete from %I.%I where script in (%L, %L, %L, %L)', '${flyway:defaultSchema}',
                       '${flyway:table}', 'V0__platform.sql', 'R__idempotency_key_by_caller.sql', 'R__rate_limits.sql',
                       'R__runtime_role.sql');
    end if;
end
$$;
