-- A deleted review no longer blocks its author from reviewing the title again.
alter table review drop constraint one_review_per_author_and_title;
create unique index one_live_review_per_author_and_title on review (title_id, author_id) where status <> 'DELETED';

-- "46 of 57 people found this review helpful", as last published by scoring
alter table review add column wilson_lower_bound double precision not null default 0;
alter table review add column votes_updated_at timestamptz;
create index review_by_title_helpfulness on review (title_id, status, wilson_lower_bound desc, created_at desc);
