import type { Migration } from '../../state/database.js';

/*
 * Gandi Hosting 1.0 state. Every table is prefixed `gandi_` (one database
 * holds all four panels). Times are seconds since the epoch on the world's
 * clock; money is integer cents of the account's currency.
 *
 * Ids come from per-type sequences started at the scale the successor API
 * showed (vm 250133, disk 34951, operation 637366, product 11153: apache/libcloud's
 * 2011 fixtures test/compute/fixtures/gandi/), with AUTOINCREMENT so a
 * deleted object's id is never handed out again.
 */
export const gandiMigrations: Migration[] = [
  {
    version: 1,
    sql: `
CREATE TABLE gandi_account (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  -- inferred: handles are matched case-insensitively (clients write AA1234-GANDI and XX000-Gandi alike).
  handle TEXT NOT NULL UNIQUE COLLATE NOCASE,
  password TEXT NOT NULL,
  fullname TEXT NOT NULL DEFAULT '',
  currency TEXT NOT NULL,
  balance_cents INTEGER NOT NULL,
  -- su is allowed from a reseller's session to its customers' handles.
  reseller_id INTEGER REFERENCES gandi_account(id)
);

CREATE TABLE gandi_session (
  id TEXT PRIMARY KEY,
  login_id INTEGER NOT NULL REFERENCES gandi_account(id),
  acting_id INTEGER NOT NULL REFERENCES gandi_account(id),
  safe INTEGER NOT NULL,
  created_at INTEGER NOT NULL,
  expires_at INTEGER NOT NULL
);

CREATE TABLE gandi_os (
  id INTEGER PRIMARY KEY,
  label TEXT NOT NULL,
  os_arch TEXT NOT NULL,
  date_created INTEGER NOT NULL
);

-- state: pending (bought, its operation not done yet) | active
CREATE TABLE gandi_product (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  account_id INTEGER NOT NULL REFERENCES gandi_account(id),
  product_name TEXT NOT NULL,
  quantity INTEGER NOT NULL,
  duration TEXT NOT NULL,
  state TEXT NOT NULL,
  date_created INTEGER NOT NULL,
  date_end INTEGER NOT NULL
);

-- state: being_created | running | halted | paused
CREATE TABLE gandi_vm (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  account_id INTEGER NOT NULL REFERENCES gandi_account(id),
  hostname TEXT NOT NULL,
  password TEXT NOT NULL,
  os_id INTEGER NOT NULL,
  shares INTEGER NOT NULL,
  cpu INTEGER NOT NULL,
  vm_max_memory INTEGER NOT NULL,
  login TEXT NOT NULL,
  state TEXT NOT NULL,
  date_created INTEGER NOT NULL,
  date_updated INTEGER NOT NULL
);

-- state: being_created | created
CREATE TABLE gandi_disk (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  account_id INTEGER NOT NULL REFERENCES gandi_account(id),
  name TEXT NOT NULL,
  size INTEGER NOT NULL,
  fstype TEXT NOT NULL,
  state TEXT NOT NULL,
  vm_id INTEGER,
  date_created INTEGER NOT NULL,
  date_updated INTEGER NOT NULL
);

-- One row per operation. vm_id/disk_id/product_id name the objects it works
-- on (no foreign keys: the operation outlives a deleted object). The pace is
-- fixed when the operation is created: run_at/done_at for the clock,
-- polls_needed for operation_details polls, both NULL for immediate.
CREATE TABLE gandi_operation (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  account_id INTEGER NOT NULL REFERENCES gandi_account(id),
  type TEXT NOT NULL,
  state TEXT NOT NULL,
  date_create INTEGER NOT NULL,
  date_update INTEGER NOT NULL,
  param TEXT NOT NULL,
  comment TEXT NOT NULL DEFAULT '',
  vm_id INTEGER,
  disk_id INTEGER,
  product_id INTEGER,
  run_at INTEGER,
  done_at INTEGER,
  polls INTEGER NOT NULL DEFAULT 0,
  polls_needed INTEGER,
  charged_cents INTEGER NOT NULL DEFAULT 0,
  fail_comment TEXT
);
CREATE INDEX gandi_operation_open ON gandi_operation (state) WHERE state IN ('PENDING', 'RUN', 'ERROR');
CREATE INDEX gandi_operation_due ON gandi_operation (done_at) WHERE state IN ('PENDING', 'RUN');
CREATE INDEX gandi_operation_run ON gandi_operation (run_at) WHERE state = 'PENDING';
CREATE INDEX gandi_operation_account ON gandi_operation (account_id, id);

INSERT INTO sqlite_sequence (name, seq) VALUES
  ('gandi_account', 58756), ('gandi_product', 11152), ('gandi_vm', 250132), ('gandi_disk', 34950), ('gandi_operation', 637365);
`,
  },
];
