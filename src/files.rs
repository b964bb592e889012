//! Reading the small files a run names (configuration, profiles, holiday
//! schedules, targets, baselines) with a cap on their size, so that a path
//! naming a device or a huge file fails at once with a sentence instead of
//! filling the memory; and putting a folder written aside in the place of
//! another (the report folder, a Parquet export).

use std::io::Read;
use std::path::Path;

/// The largest configuration, profile, schedule or targets file read.
pub const MAX_SETTINGS_BYTES: u64 = 1 << 20;

/// The largest table of settings read (per-agency baselines).
pub const MAX_SETTINGS_TABLE_BYTES: u64 = 16 << 20;

/// Why a capped file could not be read.
#[derive(Debug, thiserror::Error)]
pub enum CappedReadError {
    /// Opening or reading failed.
    #[error("{0}")]
    Io(#[from] std::io::Error),
    /// The file holds more than the cap.
    #[error("it is larger than the {} kB such a file may be", .0 >> 10)]
    TooLarge(u64),
    /// The file is not UTF-8 text.
    #[error("it is not UTF-8 text")]
    NotText,
}

/// The bytes of `path`, at most `cap` of them; a longer file (or a device
/// that never ends) is refused after reading one byte more than the cap.
pub fn read_capped(path: &Path, cap: u64) -> Result<Vec<u8>, CappedReadError> {
    let file = std::fs::File::open(path)?;
    if file.metadata().is_ok_and(|m| m.is_dir()) {
        return Err(CappedReadError::Io(std::io::Error::other("it is a folder")));
    }
    let mut bytes = Vec::new();
    file.take(cap + 1).read_to_end(&mut bytes)?;
    if bytes.len() as u64 > cap {
        return Err(CappedReadError::TooLarge(cap));
    }
    Ok(bytes)
}

/// The text of `path`, at most `cap` bytes (see [`read_capped`]).
pub fn read_text_capped(path: &Path, cap: u64) -> Result<String, CappedReadError> {
    String::from_utf8(read_capped(path, cap)?).map_err(|_| CappedReadError::NotText)
}

/// Puts the complete folder `staging` in the place of `folder`. An existing
/// `folder` is renamed to `retired` first and removed once `staging` is in
/// place; when that second rename fails, the old folder is put back. On an
/// error `staging` is left for the caller to remove.
pub fn replace_folder(staging: &Path, folder: &Path, retired: &Path) -> std::io::Result<()> {
    if !folder.exists() {
        return std::fs::rename(staging, folder);
    }
    std::fs::rename(folder, retired)?;
    if let Err(error) = std::fs::rename(staging, folder) {
        let _ = std::fs::rename(retired, folder);
        return Err(error);
    }
    let _ = std::fs::remove_dir_all(retired);
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_device_that_never_ends_is_refused_at_the_cap() {
        #[cfg(unix)]
        {
            let refused = read_capped(Path::new("/dev/zero"), 1024);
            assert!(matches!(refused, Err(CappedReadError::TooLarge(1024))));
        }
        let dir = tempfile::tempdir().expect("folder");
        let path = dir.path().join("a.toml");
        std::fs::write(&path, "x = 1\n").expect("write");
        assert_eq!(read_text_capped(&path, 6).expect("read"), "x = 1\n");
        assert!(matches!(
            read_capped(&path, 5),
            Err(CappedReadError::TooLarge(5))
        ));
        assert!(read_capped(dir.path(), 5).is_err());
    }
}
