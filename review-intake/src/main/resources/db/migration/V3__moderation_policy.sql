-- the part of moderation's policy review-intake applies: the per-author review rate limit (highest version wins)
create table moderation_policy (
    singleton          boolean primary key default true check (singleton),
    version            integer     not null,
    reviews_max        integer     not null,
    reviews_per_minutes integer     not null,
    changed_at         timestamptz not null
);
