-- A review its author deleted keeps where it stood then: a hidden, removed or rejected review still counts against a
-- new review of the same title by the same author (held for a moderator as a repost), and its text against
-- near-duplicates. Deleting and posting again no longer undoes moderation.
alter table review add column status_when_deleted varchar(16);
alter table review add column deleted_at timestamptz;

-- reviews deleted before this migration: where they stood is their last decision (every status change but deletion
-- is one), when is their last update (the deletion)
update review r
set status_when_deleted = coalesce(
        (select d.status from decision d where d.review_id = r.review_id order by d.sequence desc limit 1), 'PENDING'),
    deleted_at = r.updated_at
where r.status = 'DELETED';

alter table review add constraint deleted_review_keeps_its_standing
    check ((status = 'DELETED') = (status_when_deleted is not null and deleted_at is not null));

-- the author's reviews: near-duplicates among their other titles, earlier reviews of the same title
create index review_by_author_and_title on review (author_id, title_id);
