//! The font of the picture charts, embedded in the binary so that Vietnamese
//! labels render the same on a machine with no fonts installed: DejaVu Sans
//! (Bitstream Vera licence, see `assets/fonts/LICENSE-DejaVu.txt`), which
//! covers every Vietnamese letter and tone mark.

use std::sync::OnceLock;

use plotters::style::FontStyle;

/// The family name the charts ask for.
pub const FAMILY: &str = "sans-serif";

/// The font file.
static DEJAVU_SANS: &[u8] = include_bytes!("../../../assets/fonts/DejaVuSans.ttf");

static REGISTERED: OnceLock<bool> = OnceLock::new();

/// Registers the embedded font with the chart renderer (once per process).
/// Returns false if the font could not be read, which would be a defect of
/// the build, not of the user's data.
pub fn ensure_registered() -> bool {
    *REGISTERED.get_or_init(|| {
        plotters::style::register_font(FAMILY, FontStyle::Normal, DEJAVU_SANS).is_ok()
            && plotters::style::register_font(FAMILY, FontStyle::Bold, DEJAVU_SANS).is_ok()
    })
}
