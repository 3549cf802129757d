-- review-intake owns titles, reviews and ratings; everything lives in its own schema (search_path = intake).

create table title (
    title_id   varchar(64) primary key,
    name       text        not null,
    year       integer     not null,
    kind       varchar(16) not null,
    created_at timestamptz not null,
    updated_at timestamptz not null
);

create table review (
    review_id         uuid primary key,
    title_id          varchar(64) not null references title (title_id),
    author_id         text        not null,
    type              varchar(8)  not null,
    revision          integer     not null,
    rating            integer check (rating between 1 and 10),
    verdict           varchar(8),
    publication       text,
    top_critic        boolean     not null default false,
    headline          text        not null,
    body              text        not null,
    contains_spoilers boolean     not null default false,
    status            varchar(16) not null,
    helpful_votes     bigint      not null default 0,
    total_votes       bigint      not null default 0,
    created_at        timestamptz not null,
    edited_at         timestamptz,
    status_changed_at timestamptz not null,
    constraint one_review_per_author_and_title unique (title_id, author_id)
);

create index review_by_title_and_status on review (title_id, status, created_at desc);

create table rating (
    title_id   varchar(64) not null references title (title_id),
    user_id    text        not null,
    rating     integer     not null check (rating between 1 and 10),
    updated_at timestamptz not null,
    primary key (title_id, user_id)
);
