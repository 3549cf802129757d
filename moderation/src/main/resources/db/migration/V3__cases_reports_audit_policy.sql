-- The moderation policy, reports, the moderators' cases and the audit log.

-- every version of the policy is kept; the highest one is in force
create table policy (
    version    integer primary key,
    document   jsonb       not null,
    changed_by text        not null,
    changed_at timestamptz not null
);

-- which policy version a decision applied
alter table decision add column policy_version integer;

-- how often moderators kept the review after reports: the report threshold doubles each time
alter table review add column keeps integer not null default 0;

-- a moderator's work item: REPORTED (reports reached the threshold), HELD (pre-moderation), APPEAL (the author's)
create table moderation_case (
    case_id          uuid primary key,
    review_id        uuid             not null references review (review_id),
    kind             varchar(8)       not null,
    state            varchar(8)       not null,
    reasons          text[]           not null,
    weight           double precision not null,
    statement        text,
    opened_at        timestamptz      not null,
    claimed_by       text,
    claim_expires_at timestamptz,
    resolved_at      timestamptz,
    resolved_by      text,
    action           varchar(8),
    resolution       text,
    policy_version   integer
);
create unique index one_unresolved_case_per_review on moderation_case (review_id) where state <> 'RESOLVED';
create unique index one_appeal_per_review on moderation_case (review_id) where kind = 'APPEAL';
create index case_by_state on moderation_case (state, opened_at);

-- reports: one open report per reporter per review; its outcome once a moderator decided
create table report (
    report_id   uuid primary key,
    review_id   uuid             not null references review (review_id),
    reporter_id text             not null,
    reason      varchar(16)      not null,
    note        text,
    weight      double precision not null,
    reported_at timestamptz      not null,
    case_id     uuid references moderation_case (case_id),
    outcome     varchar(10)      not null,
    resolved_at timestamptz
);
create unique index one_open_report_per_reporter on report (review_id, reporter_id) where outcome = 'OPEN';
create index report_by_reporter on report (reporter_id, reported_at);
create index report_by_case on report (case_id);

-- who did what, when and why: every decision, claim, appeal and policy change; append-only
create table audit_entry (
    entry_id       bigint generated always as identity primary key,
    at             timestamptz not null,
    actor          varchar(16) not null,
    actor_id       text,
    action         varchar(24) not null,
    review_id      uuid,
    case_id        uuid,
    policy_version integer,
    reasons        text[]      not null,
    detail         text
);
create index audit_by_review on audit_entry (review_id, entry_id);

create function audit_entry_is_append_only() returns trigger language plpgsql as $$
begin
    raise exception 'the audit log is append-only';
end
$$;
create trigger audit_entry_append_only before update or delete or truncate on audit_entry
    for each statement execute function audit_entry_is_append_only();
