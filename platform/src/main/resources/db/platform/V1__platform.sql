-- Tables every reviewflow service with a database keeps in its own schema, for the platform's mechanisms. This run
-- has its own history table (flyway_platform_history) and runs after the service's own migrations
-- (ReviewflowFlywayAutoConfiguration; compose's <service>-migrate). Every statement creates only what is missing: a
-- schema migrated before the platform had its own history already has these tables (its history starts at a
-- baseline, version 0), and keeps them and their rows.

-- Spring Modulith event publication registry (the transactional outbox), schema v2 of Spring Modulith 2.0
create table if not exists event_publication (
    id                     uuid                     not null primary key,
    listener_id            text                     not null,
    event_type             text                     not null,
    serialized_event       text                     not null,
    publication_date       timestamp with time zone not null,
    completion_date        timestamp with time zone,
    status                 text,
    completion_attempts    integer,
    last_resubmission_date timestamp with time zone
);
create index if not exists event_publication_serialized_event_hash_idx on event_publication using hash (serialized_event);
create index if not exists event_publication_by_completion_date_idx on event_publication (completion_date);

-- ids of consumed events already applied (ProcessedEvents: idempotent consumers)
create table if not exists processed_event (
    event_id     uuid primary key,
    processed_at timestamptz not null
);

-- Idempotency-Key: the first response to a caller's key, replayed for the same request (IdempotencyKeys), counted
-- per caller within the retention period
create table if not exists idempotency_key (
    caller       text        not null,
    key          text        not null,
    request_hash text        not null,
    status       integer,
    content_type text,
    location     text,
    body         bytea,
    created_at   timestamptz not null,
    primary key (caller, key)
);
create index if not exists idempotency_key_by_age on idempotency_key (created_at);
create index if not exists idempotency_key_by_caller on idempotency_key (caller, created_at);

-- Per-user rate limits (RateLimits): one row per counted action within the longest window in use
create table if not exists rate_limit_hit (
    subject text        not null,
    action  text        not null,
    at      timestamptz not null
);
create index if not exists rate_limit_hit_by_subject on rate_limit_hit (subject, action, at);
