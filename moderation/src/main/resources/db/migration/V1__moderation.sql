-- moderation owns what it knows of reviews, its decisions and the audit of them; schema "moderation".

-- the reviews moderation has seen, as of their latest revision
create table review (
    review_id    uuid primary key,
    title_id     varchar(64) not null,
    author_id    text        not null,
    type         varchar(8)  not null,
    revision     integer     not null,
    status       varchar(16) not null,
    headline     text        not null,
    body         text        not null,
    submitted_at timestamptz not null,
    updated_at   timestamptz not null
);

-- every decision, automatic or human; append-only
create table decision (
    decision_id  uuid primary key,
    review_id    uuid        not null references review (review_id),
    revision     integer     not null,
    status       varchar(16) not null,
    actor        varchar(16) not null,
    moderator_id text,
    reasons      text[]      not null,
    decided_at   timestamptz not null
);
create index decision_by_review on decision (review_id, decided_at);
