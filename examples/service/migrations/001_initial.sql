-- The service's schema: one row per target, one per customer of a target, the outbox of the events
-- the library emitted, and the stored first answers of idempotent requests and of transactions.

create table schema_migrations (
  name text primary key,
  applied_at timestamptz not null default now()
);

-- A target's definition (the library's encodeTarget JSON) never changes once stored: a new
-- programme is a new target id. The watermark is the latest instant the sweep settled the target
-- up to (rule time.watermark); it only moves forward.
create table targets (
  target_group_id bigint not null,
  target_id bigint not null,
  definition jsonb not null,
  watermark timestamptz,
  primary key (target_group_id, target_id)
);

-- One customer's record (the library's encodeEnrolment JSON, kept as json: it is read and written
-- whole, never queried inside, so it is not parsed into jsonb on every write). Every write is a
-- compare-and-set on (incarnation, version): version is the record's own, incremented by every
-- change; incarnation is new for every inserted row, so a row erased and created again never
-- matches a read made before. next_due_at: when the sweep has something to settle for the customer
-- (null: nothing, ever, without new input). Every request rewrites its row: free space on each page
-- (fillfactor) lets PostgreSQL update it in place (a HOT update), leaving the indexes alone.
create table customers (
  target_group_id bigint not null,
  target_id bigint not null,
  customer_id bigint not null,
  incarnation bigint generated always as identity,
  version integer not null,
  next_due_at timestamptz,
  record json not null,
  updated_at timestamptz not null default now(),
  primary key (target_group_id, target_id, customer_id),
  foreign key (target_group_id, target_id) references targets
) with (fillfactor = 70);

create index customers_due on customers (target_group_id, target_id, next_due_at, customer_id)
  where next_due_at is not null;

-- Every event, once: keyed by the change that emitted it (the record version it produced and its
-- position among that change's events); a reward or sub-target event also by its idempotency key,
-- so the same reward is stored once however it was reached. seq orders the outbox for a relay;
-- event is json, not jsonb, so that a consumer reads its fields in the library's order.
create table outbox (
  seq bigint generated always as identity unique,
  target_group_id bigint not null,
  target_id bigint not null,
  customer_id bigint not null,
  version integer not null,
  position integer not null,
  type text not null,
  at timestamptz not null,
  idempotency_key text,
  event json not null,
  recorded_at timestamptz not null default now(),
  primary key (target_group_id, target_id, customer_id, version, position)
);

create unique index outbox_keyed_once on outbox (type, idempotency_key)
  where idempotency_key is not null;

-- The first answer to a request sent with an Idempotency-Key header: a retry with the same key gets
-- it back. fingerprint: a digest of the method, path and body, so a key reused for another request
-- is refused. customer_id: the customer the request named, for erasure.
create table request_keys (
  idempotency_key text primary key,
  fingerprint text not null,
  target_group_id bigint not null,
  target_id bigint not null,
  customer_id bigint,
  status integer not null,
  answer json not null,
  created_at timestamptz not null default now()
);

create index request_keys_customer on request_keys (target_group_id, target_id, customer_id);

-- An activity's transactionId, once per customer of a target: a re-sent transaction gets the first
-- answer and counts once. Keyed by customer first, so that erasure needs no index of its own.
create table transactions (
  target_group_id bigint not null,
  target_id bigint not null,
  customer_id bigint not null,
  transaction_id text not null,
  fingerprint text not null,
  status integer not null,
  answer json not null,
  created_at timestamptz not null default now(),
  primary key (target_group_id, target_id, customer_id, transaction_id)
);
