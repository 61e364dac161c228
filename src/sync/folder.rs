//! Which folder sync goes through: `LEDE_SYNC_DIR`, else config.toml's `sync`, else the one
//! `lede sync init DIR` kept in the data folder.

use std::path::{Path, PathBuf};

/// The variable that names the sync folder, before the config.
pub const ENV: &str = "LEDE_SYNC_DIR";

/// The file in the data folder where `lede sync init` keeps the folder.
pub const KEPT: &str = "sync-folder";

/// Where the folder's name came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Source {
    Env,
    Config,
    Kept,
}

impl Source {
    pub fn describe(self) -> &'static str {
        match self {
            Source::Env => "from LEDE_SYNC_DIR",
            Source::Config => "from config.toml",
            Source::Kept => "from lede sync init",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Folder {
    pub path: PathBuf,
    pub from: Source,
}

/// The folder in effect, if any is named.
pub fn configured(config: &crate::config::Config, data_dir: Option<&Path>) -> Option<Folder> {
    if let Some(dir) = std::env::var_os(ENV).filter(|d| !d.is_empty()) {
        let text = dir.to_string_lossy();
        let path = crate::config::expand(&text).unwrap_or_else(|_| PathBuf::from(&dir));
        return Some(Folder {
            path,
            from: Source::Env,
        });
    }
    if let Some(path) = &config.sync {
        return Some(Folder {
            path: path.clone(),
            from: Source::Config,
        });
    }
    kept(data_dir?).map(|path| Folder {
        path,
        from: Source::Kept,
    })
}

/// The folder `lede sync init` kept in the data folder.
pub fn kept(data_dir: &Path) -> Option<PathBuf> {
    let text = std::fs::read_to_string(data_dir.join(KEPT)).ok()?;
    let line = text.lines().next()?.trim();
    (!line.is_empty()).then(|| PathBuf::from(line))
}

/// Keeps `folder` in the data folder (written whole, then renamed).
pub fn keep(data_dir: &Path, folder: &Path) -> std::io::Result<()> {
    std::fs::create_dir_all(data_dir)?;
    let temporary = data_dir.join(format!(".{KEPT}.tmp"));
    std::fs::write(&temporary, format!("{}\n", folder.display()))?;
    std::fs::rename(&temporary, data_dir.join(KEPT))
}
