-- a service's own migrations, as the Flyway tests run them: working state and an append-only history
create table thing (
    id   bigint primary key,
    name text not null
);
create table thing_log (
    id  bigint not null,
    at  timestamptz not null
);
create function thing_log_is_append_only() returns trigger language plpgsql as $$
begin
    raise exception 'thing_log is append-only';
end
$$;
create trigger thing_log_append_only before update or delete on thing_log
    for each row execute function thing_log_is_append_only();
