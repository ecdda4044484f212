// topos keeps each call's original Via/Record-Route/Contact (the trunk's, with the caller's number
// in Contact) in an sqlite file in the run folder. It is personal data at rest: the file is created
// empty (0600) at every start and deleted at stop; topos deletes rows after toposExpireSeconds.
// The tables are Kamailio 5.6's (db_sqlite/standard-create.sql and topos-create.sql, version 2).
import { execFile } from 'node:child_process';
import { chmod, rm } from 'node:fs/promises';
import { join } from 'node:path';

const common = `
    id INTEGER PRIMARY KEY NOT NULL,
    rectime TIMESTAMP WITHOUT TIME ZONE NOT NULL,
    x_context VARCHAR(64) DEFAULT '' NOT NULL,
    s_method VARCHAR(64) DEFAULT '' NOT NULL,
    s_cseq VARCHAR(64) DEFAULT '' NOT NULL,
    a_callid VARCHAR(255) DEFAULT '' NOT NULL,
    a_uuid VARCHAR(255) DEFAULT '' NOT NULL,
    b_uuid VARCHAR(255) DEFAULT '' NOT NULL,`;
const contacts = `
    a_contact VARCHAR(512) DEFAULT '' NOT NULL,
    b_contact VARCHAR(512) DEFAULT '' NOT NULL,
    as_contact VARCHAR(512) DEFAULT '' NOT NULL,
    bs_contact VARCHAR(512) DEFAULT '' NOT NULL,`;

export const TOPOS_SCHEMA = `
CREATE TABLE version (
    id INTEGER PRIMARY KEY NOT NULL,
    table_name VARCHAR(32) NOT NULL,
    table_version INTEGER DEFAULT 0 NOT NULL,
    CONSTRAINT version_table_name_idx UNIQUE (table_name)
);
INSERT INTO version (table_name, table_version) values ('version','1');

CREATE TABLE topos_d (${common}${contacts}
    a_tag VARCHAR(255) DEFAULT '' NOT NULL,
    b_tag VARCHAR(255) DEFAULT '' NOT NULL,
    a_rr TEXT,
    b_rr TEXT,
    s_rr TEXT,
    iflags INTEGER DEFAULT 0 NOT NULL,
    a_uri VARCHAR(255) DEFAULT '' NOT NULL,
    b_uri VARCHAR(255) DEFAULT '' NOT NULL,
    r_uri VARCHAR(255) DEFAULT '' NOT NULL,
    a_srcaddr VARCHAR(128) DEFAULT '' NOT NULL,
    b_srcaddr VARCHAR(128) DEFAULT '' NOT NULL,
    a_socket VARCHAR(128) DEFAULT '' NOT NULL,
    b_socket VARCHAR(128) DEFAULT '' NOT NULL
);
CREATE INDEX topos_d_rectime_idx ON topos_d (rectime);
CREATE INDEX topos_d_a_callid_idx ON topos_d (a_callid);
CREATE INDEX topos_d_a_uuid_idx ON topos_d (a_uuid);
CREATE INDEX topos_d_b_uuid_idx ON topos_d (b_uuid);
INSERT INTO version (table_name, table_version) values ('topos_d','2');

CREATE TABLE topos_t (${common}
    direction INTEGER DEFAULT 0 NOT NULL,
    x_via TEXT,
    x_vbranch VARCHAR(255) DEFAULT '' NOT NULL,
    x_rr TEXT,
    y_rr TEXT,
    s_rr TEXT,
    x_uri VARCHAR(255) DEFAULT '' NOT NULL,${contacts}
    x_tag VARCHAR(255) DEFAULT '' NOT NULL,
    a_tag VARCHAR(255) DEFAULT '' NOT NULL,
    b_tag VARCHAR(255) DEFAULT '' NOT NULL,
    a_srcaddr VARCHAR(255) DEFAULT '' NOT NULL,
    b_srcaddr VARCHAR(255) DEFAULT '' NOT NULL,
    a_socket VARCHAR(128) DEFAULT '' NOT NULL,
    b_socket VARCHAR(128) DEFAULT '' NOT NULL
);
CREATE INDEX topos_t_rectime_idx ON topos_t (rectime);
CREATE INDEX topos_t_a_callid_idx ON topos_t (a_callid);
CREATE INDEX topos_t_x_vbranch_idx ON topos_t (x_vbranch);
CREATE INDEX topos_t_a_uuid_idx ON topos_t (a_uuid);
INSERT INTO version (table_name, table_version) values ('topos_t','2');
`;

export const toposDbPath = (runDir: string) => join(runDir, 'topos.sqlite');

/** A fresh, empty topos database (the old one, if any, is deleted first). */
export async function createToposDb(runDir: string, sqlite3: string): Promise<string> {
  const file = toposDbPath(runDir);
  await removeToposDb(runDir);
  await new Promise<void>((resolve, reject) => {
    const child = execFile(sqlite3, [file], { timeout: 10_000 }, (err, _out, stderr) =>
      err ? reject(new Error(`sqlite3 could not create ${file}: ${stderr || err.message}`)) : resolve(),
    );
    child.stdin?.end(TOPOS_SCHEMA);
  });
  await chmod(file, 0o600);
  return file;
}

export async function removeToposDb(runDir: string): Promise<void> {
  const file = toposDbPath(runDir);
  for (const f of [file, `${file}-journal`, `${file}-wal`, `${file}-shm`]) await rm(f, { force: true });
}
