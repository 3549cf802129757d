-- moderation's policy limits every kind of write on its own: review edits and deletions, and rating changes, next
-- to review submissions (reviews_*, which until now counted edits too). A policy stored before these existed reads
-- as an event written before them does: edits at the review limit, the others at their defaults, 20 an hour.
alter table moderation_policy
    add column review_edits_max           integer not null default 20,
    add column review_edits_per_minutes   integer not null default 60,
    add column review_deletes_max         integer not null default 20,
    add column review_deletes_per_minutes integer not null default 60,
    add column ratings_max                integer not null default 20,
    add column ratings_per_minutes        integer not null default 60;
update moderation_policy set review_edits_max = reviews_max, review_edits_per_minutes = reviews_per_minutes;
