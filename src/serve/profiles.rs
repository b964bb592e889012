//! The saved mapping profiles of the workspace: `profiles/<stem>.toml`,
//! each named on its first line (see [`profile_stem`]).

use std::path::PathBuf;

use super::workspace::{
    io, is_profile_name, profile_stem, write_atomically, Workspace, WorkspaceError,
};
use crate::messages::Said;

/// The first line of a saved profile, before its name.
const PROFILE_NAME_LINE: &str = "# sipas profile: ";

impl Workspace {
    /// Names of the saved profiles, in name order.
    pub fn profiles(&self) -> Result<Vec<String>, WorkspaceError> {
        let folder = self.root.join("profiles");
        let mut names: Vec<String> = std::fs::read_dir(&folder)
            .map_err(io("read", &folder))?
            .flatten()
            .filter_map(|e| {
                let name = e.file_name().to_string_lossy().into_owned();
                let stem = name.strip_suffix(".toml")?.to_string();
                let text = std::fs::read_to_string(e.path()).ok()?;
                let named = text
                    .lines()
                    .next()
                    .and_then(|line| line.strip_prefix(PROFILE_NAME_LINE))
                    .map(str::trim)
                    .filter(|n| is_profile_name(n) && profile_stem(n) == stem);
                named
                    .map(str::to_string)
                    .or_else(|| is_profile_name(&stem).then_some(stem))
            })
            .collect();
        names.sort();
        Ok(names)
    }

    /// Where the profile `name` is kept.
    pub fn profile_path(&self, name: &str) -> Result<PathBuf, WorkspaceError> {
        if !is_profile_name(name) {
            return Err(WorkspaceError::Refused(Said::new(
                format!("“{name}” không dùng được làm tên hồ sơ ánh xạ: hãy dùng 1–64 chữ cái, chữ số, dấu cách, '-' hoặc '_'."),
                format!("'{name}' cannot name a profile: use 1–64 letters, digits, '-' or '_'"),
            )));
        }
        let stem = profile_stem(name);
        Ok(self.root.join("profiles").join(format!("{stem}.toml")))
    }

    /// Deletes the saved profile `name`; the files read with it wait for a
    /// profile again.
    pub fn delete_profile(&self, name: &str) -> Result<(), WorkspaceError> {
        let path = self.profile_path(name)?;
        for mut file in self.files()? {
            if file.profile.as_deref() == Some(name) {
                file.profile = None;
                self.update_file(&file)?;
            }
        }
        match std::fs::remove_file(&path) {
            Err(e) if e.kind() != std::io::ErrorKind::NotFound => Err(io("delete", &path)(e)),
            _ => Ok(()),
        }
    }

    /// Renames the saved profile `from` to `to`, with the files read with it.
    pub fn rename_profile(&self, from: &str, to: &str) -> Result<(), WorkspaceError> {
        let toml = self.profile_toml(from)?;
        if profile_stem(from) != profile_stem(to) && self.profile_path(to)?.exists() {
            return Err(WorkspaceError::Refused(Said::new(
                format!("Đã có một hồ sơ ánh xạ tên “{to}”: hãy chọn tên khác."),
                format!("there is already a profile named '{to}': choose another name"),
            )));
        }
        let old = self.profile_path(from)?;
        self.save_profile(to, &toml)?;
        for mut file in self.files()? {
            if file.profile.as_deref() == Some(from) {
                file.profile = Some(to.to_string());
                self.update_file(&file)?;
            }
        }
        if old != self.profile_path(to)? {
            std::fs::remove_file(&old).map_err(io("delete", &old))?;
        }
        Ok(())
    }

    /// The TOML of the saved profile `name`, as it was given (without the
    /// line naming it).
    pub fn profile_toml(&self, name: &str) -> Result<String, WorkspaceError> {
        let path = self.profile_path(name)?;
        let text = std::fs::read_to_string(&path).map_err(io("read", &path))?;
        Ok(match text.strip_prefix(PROFILE_NAME_LINE) {
            Some(rest) => rest
                .split_once('\n')
                .map_or("", |(_, after)| after)
                .to_string(),
            None => text,
        })
    }

    /// Saves profile TOML under `name` (replacing one of that name), its
    /// name written on its first line.
    pub fn save_profile(&self, name: &str, toml: &str) -> Result<PathBuf, WorkspaceError> {
        let path = self.profile_path(name)?;
        let body = toml.strip_prefix(PROFILE_NAME_LINE).map_or(toml, |rest| {
            rest.split_once('\n').map_or("", |(_, after)| after)
        });
        let text = format!("{PROFILE_NAME_LINE}{name}\n{body}");
        write_atomically(&path, text.as_bytes())?;
        Ok(path)
    }
}
