//! Whether a file's columns map, without reading its rows: what `sipas
//! serve` asks of an upload before it is stored, to pick its profile.

use std::path::Path;

use super::{columns, open_with_columns, IngestError, Source};
use crate::config::profile::SourceProfile;
use crate::model::InputKind;

/// Opens `path` and checks that its columns map, as reading it as `kind`
/// with `profile` would, without reading its rows: the error a read would
/// stop on (a missing column, a profile entry that does not fit), if any.
/// `criteria` are the questionnaire's criteria beyond TC1–TC4 (survey).
pub fn check_columns(
    path: &Path,
    kind: InputKind,
    profile: Option<&SourceProfile>,
    criteria: &[String],
) -> Result<(), IngestError> {
    let silent = crate::observe::Silent;
    let progress = crate::observe::RowCounter::new(&silent);
    let source = Source {
        path,
        name: None,
        input: 0,
        profile,
        criteria,
        progress: &progress,
        block_bytes: None,
        snapshots: false,
    };
    let fields: Vec<columns::FieldSpec> = match kind {
        InputKind::Feedback => columns::FEEDBACK_FIELDS.to_vec(),
        InputKind::Survey => columns::SURVEY_FIELDS
            .iter()
            .cloned()
            .chain(criteria.iter().map(|c| columns::FieldSpec::criterion(c)))
            .collect(),
    };
    open_with_columns(&source, &fields).map(|_| ())
}
