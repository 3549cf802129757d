-- Tables every reviewflow service with a database keeps in its own schema, for the platform's mechanisms.
-- Services add classpath:db/platform to spring.flyway.locations.

-- Spring Modulith event publication registry (the transactional outbox), schema v2 of Spring Modulith 2.0
create table event_publication (
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
create index event_publication_serialized_event_hash_idx on event_publication using hash (serialized_event);
create index event_publication_by_completion_date_idx on event_publication (completion_date);

-- ids of consumed events already applied (ProcessedEvents: idempotent consumers)
create table processed_event (
    event_id     uuid primary key,
    processed_at timestamptz not null
);

-- Idempotency-Key: the first response to a caller's key, replayed for the same request (IdempotencyKeys)
create table idempotency_key (
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
create index idempotency_key_by_age on idempotency_key (created_at);
