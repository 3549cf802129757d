-- IdempotencyKeys counts a caller's keys within the retention period (at most max-keys-per-caller each) and finds
-- the oldest one. Repeatable and idempotent, so it reaches schemas that applied V0__platform before it existed.
create index if not exists idempotency_key_by_caller on idempotency_key (caller, created_at);
