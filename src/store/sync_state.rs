//! What sync keeps in `lede.db` besides the registers' records: this machine's id and log, the
//! changes waiting to be written, how far each other machine's file was read, what was skipped.

use super::sync::{machine, meta, register, set_meta};
use super::{Result, Store};
use crate::sync::record::{Clock, Register};
use rusqlite::params;
use serde::{Deserialize, Serialize};

/// A register's record, to write to this machine's log.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Outgoing {
    pub register: Register,
    pub key: String,
    pub clock: Clock,
    /// The record's JSON, as a line carries it (without its checksum).
    pub json: String,
}

/// This machine's log in the sync folder, as last written.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct LogState {
    /// The sync folder it is in.
    pub folder: String,
    pub generation: u64,
    /// The file's length after the last write.
    pub bytes: u64,
    /// Records in it: the snapshot's, then those appended.
    pub snapshot_records: u64,
    pub appended: u64,
    /// The snapshot's length.
    pub snapshot_bytes: u64,
    /// Unix seconds.
    pub written_at: i64,
}

/// A file of another machine as far as it was read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SeenFile {
    pub path: String,
    /// The file's first line (its header), to tell another file at the same path.
    pub head: String,
    pub offset: u64,
    pub line: u64,
    pub machine: String,
    pub host: String,
    /// Records read from it, and of those, of kinds a newer lede writes.
    pub records: u64,
    pub newer: u64,
    /// Unix seconds.
    pub read_at: i64,
}

/// A line of a log that was not merged, and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Skipped {
    pub path: String,
    pub line: u64,
    pub reason: String,
    pub at: i64,
}

fn outgoing(row: &rusqlite::Row) -> rusqlite::Result<Option<Outgoing>> {
    let kind: String = row.get(0)?;
    let Some(register) = Register::parse(&kind) else {
        return Ok(None);
    };
    Ok(Some(Outgoing {
        register,
        key: row.get(1)?,
        clock: Clock {
            wall: row.get(2)?,
            counter: row.get(3)?,
            machine: row.get(4)?,
        },
        json: row.get(5)?,
    }))
}

impl Store {
    /// This machine's id and host name; a new id when the data folder is on another host than
    /// the one that made it (a copied folder must not write the same log as its original).
    /// The second value is the id given up, if one was.
    pub fn sync_machine(&mut self, host: &str) -> Result<(String, Option<String>)> {
        // the usual case costs no write
        if let Some((id, kept)) = self.sync_identity()? {
            if kept == host {
                return Ok((id, None));
            }
        }
        self.write(|tx| {
            let old = meta(tx, "machine")?;
            let old_host = meta(tx, "host")?;
            match (old, old_host) {
                (Some(id), Some(was)) if was == host => Ok((id, None)),
                (Some(id), None) => {
                    set_meta(tx, "host", host)?;
                    Ok((id, None))
                }
                (old, _) => {
                    tx.execute("DELETE FROM sync_meta WHERE key IN ('machine', 'log')", [])?;
                    let id = machine(tx)?;
                    set_meta(tx, "host", host)?;
                    // the new log starts from a snapshot: every register goes out again
                    Ok((id, old))
                }
            }
        })
    }

    /// The record a register holds, with its clock: what sync knows of one item's aspect.
    pub fn sync_item(&self, register: Register, key: &str) -> Result<Option<(Clock, String)>> {
        Ok(self::register(&self.conn, register, key)?)
    }

    /// A number that changes when another connection (another lede) commits to the file, and
    /// only then.
    pub fn data_version(&self) -> Result<i64> {
        Ok(self
            .conn
            .query_row("PRAGMA data_version", [], |row| row.get(0))?)
    }

    /// The id and host name kept, without making any.
    pub fn sync_identity(&self) -> Result<Option<(String, String)>> {
        Ok(meta(&self.conn, "machine")?.zip(meta(&self.conn, "host")?))
    }

    /// Local changes not yet in this machine's log, oldest first.
    pub fn sync_pending(&self) -> Result<Vec<Outgoing>> {
        self.outgoing("WHERE pending = 1")
    }

    /// Every register: a snapshot of all this machine knows.
    pub fn sync_snapshot(&self) -> Result<Vec<Outgoing>> {
        self.outgoing("")
    }

    fn outgoing(&self, filter: &str) -> Result<Vec<Outgoing>> {
        let mut statement = self.conn.prepare(&format!(
            "SELECT kind, key, wall, counter, machine, record FROM sync_items {filter}
             ORDER BY wall, counter, machine, kind, key"
        ))?;
        let rows = statement.query_map([], outgoing)?;
        let mut out = Vec::new();
        for row in rows {
            out.extend(row?);
        }
        Ok(out)
    }

    /// How many local changes wait to be written.
    pub fn sync_pending_count(&self) -> Result<u64> {
        Ok(self
            .conn
            .query_row(
                "SELECT count(*) FROM sync_items WHERE pending = 1",
                [],
                |row| row.get::<_, i64>(0),
            )
            .map(|n| u64::try_from(n).unwrap_or(0))?)
    }

    /// These records are in the log now (a register changed since stays pending); the log is
    /// as `log` says.
    pub fn sync_written(&mut self, written: &[Outgoing], log: &LogState) -> Result<()> {
        self.write(|tx| {
            let mut clear = tx.prepare(
                "UPDATE sync_items SET pending = 0 WHERE kind = ?1 AND key = ?2
                 AND wall = ?3 AND counter = ?4 AND machine = ?5",
            )?;
            for w in written {
                clear.execute(params![
                    w.register.as_str(),
                    w.key,
                    w.clock.wall,
                    w.clock.counter,
                    w.clock.machine
                ])?;
            }
            set_meta(
                tx,
                "log",
                &serde_json::to_string(log).expect("a log state serialises"),
            )?;
            Ok(())
        })
    }

    /// This machine's log as last written, if it was.
    pub fn sync_log(&self) -> Result<Option<LogState>> {
        Ok(meta(&self.conn, "log")?.and_then(|text| serde_json::from_str(&text).ok()))
    }

    /// Every file of another machine read so far, by path.
    pub fn sync_seen(&self) -> Result<Vec<SeenFile>> {
        let mut statement = self.conn.prepare(
            "SELECT path, head, offset, line, machine, host, records, newer, read_at
             FROM sync_seen ORDER BY host, path",
        )?;
        let rows = statement.query_map([], |row| {
            Ok(SeenFile {
                path: row.get(0)?,
                head: row.get(1)?,
                offset: u64::try_from(row.get::<_, i64>(2)?).unwrap_or(0),
                line: u64::try_from(row.get::<_, i64>(3)?).unwrap_or(0),
                machine: row.get(4)?,
                host: row.get(5)?,
                records: u64::try_from(row.get::<_, i64>(6)?).unwrap_or(0),
                newer: u64::try_from(row.get::<_, i64>(7)?).unwrap_or(0),
                read_at: row.get(8)?,
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Every line skipped, newest first.
    pub fn sync_skipped(&self) -> Result<Vec<Skipped>> {
        let mut statement = self.conn.prepare(
            "SELECT path, line, reason, at FROM sync_skipped ORDER BY at DESC, path, line",
        )?;
        let rows = statement.query_map([], |row| {
            Ok(Skipped {
                path: row.get(0)?,
                line: u64::try_from(row.get::<_, i64>(1)?).unwrap_or(0),
                reason: row.get(2)?,
                at: row.get(3)?,
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }
}
