-- Per-user rate limits (RateLimits): one row per counted action within the longest window in use. Repeatable and
-- idempotent, so it reaches schemas that applied V0__platform before it existed.
create table if not exists rate_limit_hit (
    subject text        not null,
    action  text        not null,
    at      timestamptz not null
);
create index if not exists rate_limit_hit_by_subject on rate_limit_hit (subject, action, at);
