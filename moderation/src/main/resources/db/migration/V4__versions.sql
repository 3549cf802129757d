-- Newest wins by number, never by clock (a decision's or vote's time is for people).

-- each decision about a review gets the next number of that review's decisions: consumers keep, of the decisions
-- about a revision, the one with the highest sequence
alter table review add column decision_sequence bigint not null default 0;
alter table decision add column sequence bigint;
update decision d set sequence = numbered.n
from (select decision_id, row_number() over (partition by review_id order by decided_at, decision_id) as n
      from decision) numbered
where numbered.decision_id = d.decision_id;
update review r set decision_sequence = coalesce((select max(sequence) from decision d where d.review_id = r.review_id), 0);
alter table decision alter column sequence set not null;
create unique index decision_by_review_and_sequence on decision (review_id, sequence);

-- a vote's version counts its changes (1, 2, …); a retracted vote keeps its row with helpful = null, so the version
-- keeps growing when the voter votes again
alter table vote add column version bigint not null default 1;
alter table vote alter column helpful drop not null;
