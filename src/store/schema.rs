//! The database's tables, and the migrations that bring any older file up to date.

use rusqlite::{Connection, TransactionBehavior};

/// The schema this lede writes. A file with a higher number is from a newer lede.
pub const VERSION: i64 = 9;

/// Each migration takes the schema from its index to the next; never edit one that shipped.
const MIGRATIONS: &[&str] = &[
    // 0 -> 1: articles by fingerprint, with position and read state; bookmarks.
    "CREATE TABLE articles (
        id INTEGER PRIMARY KEY,
        fingerprint TEXT NOT NULL UNIQUE,
        title TEXT NOT NULL,
        path TEXT,
        content_hash TEXT NOT NULL DEFAULT '',
        words INTEGER NOT NULL DEFAULT 0,
        first_seen INTEGER NOT NULL,
        last_opened INTEGER,
        position_block INTEGER,
        position_byte INTEGER,
        percent INTEGER NOT NULL DEFAULT 0,
        position_saved INTEGER,
        read_hash TEXT,
        read_at INTEGER
    );
    CREATE TABLE bookmarks (
        id INTEGER PRIMARY KEY,
        article_id INTEGER NOT NULL REFERENCES articles(id),
        part TEXT NOT NULL,
        part_index INTEGER NOT NULL,
        heading TEXT NOT NULL DEFAULT '',
        paragraph INTEGER NOT NULL,
        quote TEXT NOT NULL,
        note TEXT NOT NULL DEFAULT '',
        created_at INTEGER NOT NULL
    );
    CREATE UNIQUE INDEX bookmarks_place ON bookmarks(article_id, part, part_index, paragraph);
    CREATE INDEX bookmarks_created ON bookmarks(created_at);",
    // 1 -> 2: the library's cache of file summaries, and its full-text index (one row per
    // part of an article; the rowid is the file's id << 20 plus the part's number; title
    // and label (a section's heading) weigh more than the body).
    "CREATE TABLE library_files (
        id INTEGER PRIMARY KEY,
        key TEXT NOT NULL UNIQUE,
        size INTEGER NOT NULL,
        modified INTEGER NOT NULL,
        fingerprint TEXT NOT NULL DEFAULT '',
        content_hash TEXT NOT NULL DEFAULT '',
        title TEXT NOT NULL DEFAULT '',
        sections INTEGER NOT NULL DEFAULT 0,
        words INTEGER NOT NULL DEFAULT 0,
        error TEXT,
        indexed_hash TEXT
    );
    CREATE VIRTUAL TABLE library_text USING fts5(
        part UNINDEXED, title, label, body,
        tokenize = 'unicode61 remove_diacritics 2'
    );
    INSERT INTO library_text (library_text, rank) VALUES ('rank', 'bm25(0.0, 10.0, 5.0, 1.0)');",
    // 2 -> 3: the searches typed after `/`, for Up and Down in the prompt.
    "CREATE TABLE search_history (
        id INTEGER PRIMARY KEY,
        query TEXT NOT NULL UNIQUE,
        used_at INTEGER NOT NULL
    );",
    // 3 -> 4: each library's sort order (`o`), by the folders it is made of.
    "CREATE TABLE library_sorts (
        library TEXT PRIMARY KEY,
        sort TEXT NOT NULL,
        set_at INTEGER NOT NULL
    );",
    // 4 -> 5: the commands typed after `:`, for Up and Down on the command line.
    "CREATE TABLE command_history (
        id INTEGER PRIMARY KEY,
        command TEXT NOT NULL UNIQUE,
        used_at INTEGER NOT NULL
    );",
    // 5 -> 6: highlights: exact words at a place (as a bookmark's columns), the text around
    // them to find them again, a colour and a note.
    "CREATE TABLE highlights (
        id INTEGER PRIMARY KEY,
        article_id INTEGER NOT NULL REFERENCES articles(id),
        part TEXT NOT NULL,
        part_index INTEGER NOT NULL,
        heading TEXT NOT NULL DEFAULT '',
        paragraph INTEGER NOT NULL,
        quote TEXT NOT NULL,
        words TEXT NOT NULL,
        before TEXT NOT NULL DEFAULT '',
        after TEXT NOT NULL DEFAULT '',
        note TEXT NOT NULL DEFAULT '',
        colour INTEGER NOT NULL DEFAULT 1,
        created_at INTEGER NOT NULL
    );
    CREATE UNIQUE INDEX highlights_words
        ON highlights(article_id, part, part_index, paragraph, words);
    CREATE INDEX highlights_created ON highlights(created_at);",
    // 6 -> 7: tags on articles (by identity, so they follow a rename), when the library's
    // scan first saw each file and when each library was last opened (for what is new
    // since), and the library's saved searches.
    "CREATE TABLE tags (
        article_id INTEGER NOT NULL REFERENCES articles(id),
        tag TEXT NOT NULL,
        created_at INTEGER NOT NULL,
        PRIMARY KEY (article_id, tag)
    );
    CREATE INDEX tags_tag ON tags(tag);
    ALTER TABLE library_files ADD COLUMN first_seen INTEGER NOT NULL DEFAULT 0;
    CREATE TABLE library_visits (
        library TEXT PRIMARY KEY,
        opened_at INTEGER NOT NULL
    );
    CREATE TABLE saved_searches (
        name TEXT PRIMARY KEY,
        query TEXT NOT NULL,
        saved_at INTEGER NOT NULL
    );",
    // 7 -> 8: sync between machines. A register per item and aspect (a bookmark's being
    // there, its note, a highlight's colour, a position...) holds the record with the latest
    // clock, pending until it is in this machine's log; how far each other machine's file
    // was read; the lines skipped; this machine's id, clock and log.
    "CREATE TABLE sync_items (
        kind TEXT NOT NULL,
        key TEXT NOT NULL,
        wall INTEGER NOT NULL,
        counter INTEGER NOT NULL,
        machine TEXT NOT NULL,
        record TEXT NOT NULL,
        pending INTEGER NOT NULL DEFAULT 0,
        PRIMARY KEY (kind, key)
    ) WITHOUT ROWID;
    CREATE INDEX sync_items_pending ON sync_items(pending) WHERE pending = 1;
    CREATE TABLE sync_seen (
        path TEXT PRIMARY KEY,
        head TEXT NOT NULL,
        offset INTEGER NOT NULL,
        line INTEGER NOT NULL,
        machine TEXT NOT NULL,
        host TEXT NOT NULL,
        records INTEGER NOT NULL DEFAULT 0,
        newer INTEGER NOT NULL DEFAULT 0,
        read_at INTEGER NOT NULL
    );
    CREATE TABLE sync_skipped (
        path TEXT NOT NULL,
        line INTEGER NOT NULL,
        reason TEXT NOT NULL,
        at INTEGER NOT NULL,
        PRIMARY KEY (path, line)
    );
    CREATE TABLE sync_meta (
        key TEXT PRIMARY KEY,
        value TEXT NOT NULL
    );",
    // 8 -> 9: the full-text index holds no copy of the text, which is on disk already: one
    // contentless row an article (its rowid the file's id; title, headings, and the words of
    // the rest, each kept at most three times), the snippets made from the file when a hit is
    // shown. Every article is indexed again; the list's first page is read in the order
    // kept for it (date, title, length: an index each; path: the key's).
    // Each library's folders as its last whole walk found them, their times then: while none
    // has changed, no file was added, removed or renamed in them.
    "DROP TABLE library_text;
    CREATE VIRTUAL TABLE library_words USING fts5(
        title, label, body,
        tokenize = 'unicode61 remove_diacritics 2',
        content = '', contentless_delete = 1
    );
    INSERT INTO library_words (library_words, rank) VALUES ('rank', 'bm25(10.0, 5.0, 1.0)');
    UPDATE library_files SET indexed_hash = NULL;
    CREATE INDEX library_files_modified ON library_files(modified);
    CREATE INDEX library_files_title ON library_files(lower(title));
    CREATE INDEX library_files_words ON library_files(words);
    CREATE TABLE library_folders (
        library TEXT NOT NULL,
        path TEXT NOT NULL,
        modified INTEGER NOT NULL,
        PRIMARY KEY (library, path)
    ) WITHOUT ROWID;",
];

/// The file's schema version.
pub fn version(conn: &Connection) -> rusqlite::Result<i64> {
    conn.query_row("PRAGMA user_version", [], |row| row.get(0))
}

/// Runs every migration the file lacks, each in its own transaction with its version bump.
pub fn migrate(conn: &mut Connection) -> rusqlite::Result<()> {
    loop {
        let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
        // read inside the write lock: another process may have migrated meanwhile
        let current = version(&tx)?;
        let Some(step) = usize::try_from(current)
            .ok()
            .and_then(|v| MIGRATIONS.get(v))
        else {
            return Ok(());
        };
        tx.execute_batch(step)?;
        tx.pragma_update(None, "user_version", current + 1)?;
        tx.commit()?;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn migrations_reach_the_current_version() {
        assert_eq!(MIGRATIONS.len() as i64, VERSION);
        let mut conn = Connection::open_in_memory().unwrap();
        migrate(&mut conn).unwrap();
        assert_eq!(version(&conn).unwrap(), VERSION);
        // running again changes nothing
        migrate(&mut conn).unwrap();
        assert_eq!(version(&conn).unwrap(), VERSION);
    }
}
