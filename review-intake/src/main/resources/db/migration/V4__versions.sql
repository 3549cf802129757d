-- Newest wins by number, never by clock.

-- a rating's version counts its changes (1, 2, …); a withdrawn rating keeps its row with rating = null, so the
-- version keeps growing when the user rates again
alter table rating add column version bigint not null default 1;
alter table rating alter column rating drop not null;

-- the versions of what other services told us last: scoring's review score, moderation's latest decision
alter table review add column votes_version bigint not null default 0;
alter table review add column decision_revision integer not null default 0;
alter table review add column decision_sequence bigint not null default 0;
-- decisions applied before sequences existed were about the current revision: a late one of that time is still
-- ordered by its time, a numbered one wins
update review set decision_revision = revision;
