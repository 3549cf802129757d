-- helpfulness votes: one current vote per voter per review; the latest wins
create table vote (
    review_id uuid        not null references review (review_id),
    voter_id  text        not null,
    helpful   boolean     not null,
    voted_at  timestamptz not null,
    primary key (review_id, voter_id)
);
