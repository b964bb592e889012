//! The report's charts: what each shows, taken once from the summary, so that
//! the workbook's native charts and the picture charts (PNG and SVG, in
//! `charts/`) show the same numbers.

mod fields_chart;
pub mod font;
mod funnel_chart;
pub mod legend;
pub mod picture;
mod rows;
mod style;

use super::labels::{self, Lang};
use crate::metrics::funnel::Band;
use crate::metrics::interval::round2 as round_published;
use crate::metrics::summary::{AgencyResults, Summary};
use crate::metrics::targets::TargetResult;
use crate::metrics::trend::{TrendEntry, TREND_INDICATORS};

/// One bar: a label, its value and the target it is held against.
#[derive(Debug, Clone, PartialEq)]
pub struct Bar {
    /// Category label.
    pub label: String,
    /// Value in percent (as published).
    pub value: Option<f64>,
    /// Target (lower end) in percent.
    pub target: Option<f64>,
    /// Drawn in grey: a small sample.
    pub muted: bool,
}

/// Agencies a ranking chart shows at most: with more (a province's
/// communes), the highest and the lowest half of this each, the agencies
/// between them in one labelled gap; the sheet ranks every one.
pub const RANKING_SHOWN: usize = 60;

/// The ranking as drawn: whole up to [`RANKING_SHOWN`] agencies, else its
/// top and bottom with a gap row naming how many are left out.
fn cut_ranking(mut ranking: Vec<Bar>, lang: Lang) -> Vec<Bar> {
    if ranking.len() <= RANKING_SHOWN {
        return ranking;
    }
    let half = RANKING_SHOWN / 2;
    let bottom = ranking.split_off(ranking.len() - half);
    let left_out = ranking.len() - half;
    ranking.truncate(half);
    ranking.push(Bar {
        label: match lang {
            Lang::Vi => format!(
                "… {} cơ quan khác (xem sheet \u{201c}{}\u{201d})",
                lang.number(left_out as f64, 0),
                crate::report::labels::Sheet::Satisfaction.name(lang)
            ),
            Lang::En => format!(
                "… {} more agencies (see the sheet \u{201c}{}\u{201d})",
                lang.number(left_out as f64, 0),
                crate::report::labels::Sheet::Satisfaction.name(lang)
            ),
        },
        value: None,
        target: None,
        muted: true,
    });
    ranking.extend(bottom);
    ranking
}

/// One subject field's PAKN split into those handled on time and those
/// late (handled after the deadline, or pending past it).
#[derive(Debug, Clone, PartialEq)]
pub struct SplitBar {
    /// Field name.
    pub label: String,
    /// PAKN received in the period (what the bars are ordered by).
    pub received: u64,
    /// Handled early or on the due date.
    pub on_time: u64,
    /// Handled late, or pending past the deadline.
    pub late: u64,
}

/// One agency on a funnel plot.
#[derive(Debug, Clone, PartialEq)]
pub struct FunnelPoint {
    /// What the point is labelled with: the agency's code, or its name when
    /// it lies outside the 99.8% limits.
    pub label: String,
    /// Its sample size (respondents, or PAKN handled).
    pub n: u64,
    /// Its value, in percent.
    pub value: f64,
    /// Outside the 99.8% limits.
    pub outside: bool,
}

/// A funnel plot: the agencies against the city's control limits.
#[derive(Debug, Clone, PartialEq)]
pub struct Funnel {
    /// Title.
    pub title: String,
    /// What n counts ("Số phiếu", "PAKN đã xử lý").
    pub n_label: String,
    /// The city's limits.
    pub limits: crate::metrics::funnel::Limits,
    /// The agencies with a band.
    pub points: Vec<FunnelPoint>,
}

/// One series of the trend chart.
#[derive(Debug, Clone, PartialEq)]
pub struct Line {
    /// Series name.
    pub name: String,
    /// One value per period of [`ChartData::trend_periods`].
    pub values: Vec<Option<f64>>,
}

/// Everything the charts draw.
#[derive(Debug, Clone, PartialEq)]
pub struct ChartData {
    /// Language of the labels and numbers.
    pub lang: Lang,
    /// Legend of the target marks ("Mục tiêu").
    pub target_label: String,
    /// Legend of a bar with enough answers.
    pub sample_label: String,
    /// Legend of a greyed bar (small sample).
    pub small_sample_label: String,
    /// What an empty chart says.
    pub no_data_label: String,
    /// Title of the criteria chart.
    pub criteria_title: String,
    /// TC1…TC4 and the element index against the lower end of their targets.
    pub criteria: Vec<Bar>,
    /// Title of the on-time chart.
    pub levels_title: String,
    /// On-time rate per agency level against its target.
    pub levels: Vec<Bar>,
    /// Title of the trend chart.
    pub trend_title: String,
    /// Quarter labels of the trend, oldest first.
    pub trend_periods: Vec<String>,
    /// The city's indicators per quarter.
    pub trend: Vec<Line>,
    /// The element index target (lower end), drawn as a line.
    pub trend_target: Option<f64>,
    /// Bottom of the trend chart's axis: a multiple of 10 at least 5 points
    /// under the lowest value.
    pub trend_y_min: f64,
    /// Title of the ranking chart.
    pub ranking_title: String,
    /// Agencies with an element index, highest first (ties by name).
    pub ranking: Vec<Bar>,
    /// Title of the subject-field chart.
    pub fields_title: String,
    /// Legend of the on-time part of a field's bar.
    pub on_time_label: String,
    /// Legend of the late part of a field's bar.
    pub late_label: String,
    /// The ten fields with most PAKN received (records without a field
    /// left out), most first.
    pub fields: Vec<SplitBar>,
    /// Legend of the city's value on the funnel plots.
    pub city_label: String,
    /// Legend of the 95% limits.
    pub limits_95_label: String,
    /// Legend of the 99.8% limits.
    pub limits_998_label: String,
    /// The funnel plot of the element index.
    pub funnel_element: Funnel,
    /// The funnel plot of the on-time rate.
    pub funnel_on_time: Funnel,
}

/// The subject fields of the chart: the ten with most PAKN received among
/// those `keep` lets through (records without a field left out).
fn field_bars(summary: &Summary, lang: Lang, keep: impl Fn(&str) -> bool) -> Vec<SplitBar> {
    summary
        .fields
        .iter()
        .filter(|f| f.name.as_deref().is_some_and(&keep) && f.handling.received > 0)
        .take(10)
        .map(|f| SplitBar {
            label: labels::field_or_unknown(lang, f.name.as_deref()),
            received: f.handling.received,
            on_time: f.handling.early + f.handling.on_due,
            late: f.handling.overdue + f.handling.pending_overdue,
        })
        .collect()
}

/// The title of the subject-field chart of `shown` bars.
fn fields_title(lang: Lang, period: &str, shown: usize) -> String {
    match (lang, shown) {
        (Lang::Vi, 0 | 1) => format!("Lĩnh vực có nhiều PAKN nhất – {period}"),
        (Lang::Vi, n) => format!("{n} lĩnh vực có nhiều PAKN nhất – {period}"),
        (Lang::En, 0 | 1) => format!("The subject field with most PAKN – {period}"),
        (Lang::En, 10) => format!("The ten subject fields with most PAKN – {period}"),
        (Lang::En, n) => format!("The {n} subject fields with most PAKN – {period}"),
    }
}

impl ChartData {
    /// The charts as the page for publishing shows them: its subject
    /// fields only those `summary.public` lets through.
    pub fn for_publishing(mut self, summary: &Summary) -> Self {
        let shown = &summary.public.fields;
        self.fields = field_bars(summary, self.lang, |name| shown.iter().any(|s| s == name));
        let period = self.lang.period_name(&summary.period);
        self.fields_title = fields_title(self.lang, &period, self.fields.len());
        self
    }

    /// The charts of `summary`, labelled in `lang`.
    pub fn of(summary: &Summary, lang: Lang) -> Self {
        let period = lang.period_name(&summary.period);
        let criteria = criteria_bars(summary, lang);
        let levels = level_bars(summary, lang);
        let quarters: Vec<&TrendEntry> = summary
            .trend
            .iter()
            .filter(|e| e.label.contains('Q'))
            .collect();
        let trend = trend_lines(lang, &quarters);
        let trend_target = target_of(&summary.city.targets, "element");
        let lowest = trend
            .iter()
            .flat_map(|l| l.values.iter().flatten().copied())
            .chain(trend_target)
            .fold(100.0f64, f64::min);
        let trend_y_min = ((lowest - 5.0) / 10.0).floor().clamp(0.0, 9.0) * 10.0;
        let (ranking, ranked) = ranking_bars(summary, lang);
        let fields = field_bars(summary, lang, |_| true);
        let (funnel_element, funnel_on_time) = funnels(summary, lang, &period);
        Self {
            lang,
            target_label: lang.pick("Mục tiêu", "Target").to_string(),
            sample_label: match lang {
                Lang::Vi => format!("Đủ mẫu (từ {} ý kiến)", summary.min_sample),
                Lang::En => format!("{} answers or more", summary.min_sample),
            },
            no_data_label: lang
                .pick("Không có số liệu trong kỳ", "No data in the period")
                .to_string(),
            small_sample_label: match lang {
                Lang::Vi => format!("Mẫu nhỏ (dưới {} ý kiến)", summary.min_sample),
                Lang::En => format!("Small sample (under {} answers)", summary.min_sample),
            },
            criteria_title: match lang {
                Lang::Vi => format!("Chỉ số hài lòng về tiếp nhận, xử lý PAKN – {period}"),
                Lang::En => format!("Satisfaction with PAKN handling – {period}"),
            },
            criteria,
            levels_title: match lang {
                Lang::Vi => format!("Tỷ lệ xử lý PAKN đúng hạn theo cấp – {period}"),
                Lang::En => format!("PAKN handled on time by level – {period}"),
            },
            levels,
            trend_title: lang
                .pick(
                    "Xu hướng các chỉ số của Thành phố theo quý",
                    "The city's indicators by quarter",
                )
                .to_string(),
            trend_periods: quarters.iter().map(|e| e.label.clone()).collect(),
            trend,
            trend_target,
            trend_y_min,
            ranking_title: match (lang, ranked > RANKING_SHOWN) {
                (Lang::Vi, false) => format!("Xếp hạng cơ quan theo chỉ số thành phần – {period}"),
                (Lang::En, false) => format!("Agencies ranked by the element index – {period}"),
                (Lang::Vi, true) => format!(
                    "{} cơ quan cao nhất và {} thấp nhất theo chỉ số thành phần – {period}",
                    RANKING_SHOWN / 2,
                    RANKING_SHOWN / 2
                ),
                (Lang::En, true) => format!(
                    "The {} highest and {} lowest agencies by the element index – {period}",
                    RANKING_SHOWN / 2,
                    RANKING_SHOWN / 2
                ),
            },
            ranking,
            fields_title: fields_title(lang, &period, fields.len()),
            on_time_label: lang.pick("Xử lý đúng hạn", "Handled on time").to_string(),
            late_label: lang
                .pick(
                    "Quá hạn (đã xử lý quá hạn và đang quá hạn)",
                    "Late (handled late or pending past the deadline)",
                )
                .to_string(),
            fields,
            city_label: lang.pick("Toàn Thành phố", "Whole city").to_string(),
            limits_95_label: lang.pick("Giới hạn 95%", "95% limits").to_string(),
            limits_998_label: lang.pick("Giới hạn 99,8%", "99.8% limits").to_string(),
            funnel_element,
            funnel_on_time,
        }
    }
}

/// The target of `code` among `targets`, its minimum.
fn target_of(targets: &[TargetResult], code: &str) -> Option<f64> {
    targets
        .iter()
        .find(|t| t.indicator == code)
        .and_then(|t| t.target_min)
}

/// The city's TC1–TC4 bars, then the element's.
fn criteria_bars(summary: &Summary, lang: Lang) -> Vec<Bar> {
    let survey = &summary.city.survey;
    let mut criteria: Vec<Bar> = survey
        .criteria()
        .iter()
        .enumerate()
        .map(|(k, c)| Bar {
            label: format!("TC{}", k + 1),
            value: c.index.map(round_published),
            target: target_of(&summary.city.targets, &format!("TC{}", k + 1)),
            muted: c.small_sample,
        })
        .collect();
    criteria.push(Bar {
        label: lang.pick("Chỉ số thành phần", "Element index").to_string(),
        value: survey.element.map(round_published),
        target: target_of(&summary.city.targets, "element"),
        muted: survey.criteria().iter().any(|c| c.small_sample),
    });
    criteria
}

/// The on-time rate of each level, then the city's.
fn level_bars(summary: &Summary, lang: Lang) -> Vec<Bar> {
    let on_time_target = target_of(&summary.city.targets, "on_time_rate");
    let mut levels: Vec<Bar> = summary
        .levels
        .iter()
        .map(|l| Bar {
            label: labels::level_name(lang, l.level).to_string(),
            value: l.handling.on_time_rate.map(round_published),
            target: on_time_target,
            muted: false,
        })
        .collect();
    levels.push(Bar {
        label: lang.pick("Toàn Thành phố", "Whole city").to_string(),
        value: summary.city.handling.on_time_rate.map(round_published),
        target: on_time_target,
        muted: false,
    });
    levels
}

/// The city's indicators over `quarters`, one line each.
fn trend_lines(lang: Lang, quarters: &[&TrendEntry]) -> Vec<Line> {
    let trend_names = [
        "TC1".to_string(),
        "TC2".to_string(),
        "TC3".to_string(),
        "TC4".to_string(),
        lang.pick("Chỉ số thành phần", "Element index").to_string(),
        labels::indicator(lang, "on_time_rate"),
    ];
    TREND_INDICATORS
        .iter()
        .zip(trend_names)
        .map(|(code, name)| Line {
            name,
            values: quarters
                .iter()
                .map(|e| {
                    e.indicators
                        .get(*code)
                        .and_then(|p| p.value)
                        .map(round_published)
                })
                .collect(),
        })
        .collect()
}

/// The agencies with an element index, highest first, cut to those the
/// chart shows; and how many there were.
fn ranking_bars(summary: &Summary, lang: Lang) -> (Vec<Bar>, usize) {
    let mut ranking: Vec<Bar> = summary
        .agencies
        .iter()
        .filter_map(|a| {
            Some(Bar {
                label: a.name.clone(),
                value: Some(round_published(a.survey.element?)),
                target: target_of(&a.targets, "element"),
                muted: a.survey.criteria().iter().any(|c| c.small_sample),
            })
        })
        .collect();
    ranking.sort_by(|a, b| {
        b.value
            .partial_cmp(&a.value)
            .unwrap_or(std::cmp::Ordering::Equal)
            .then_with(|| a.label.cmp(&b.label))
    });
    let ranked = ranking.len();
    (cut_ranking(ranking, lang), ranked)
}

/// What a funnel plot draws of each agency: its band, its value and n.
struct FunnelMeasure {
    band: fn(&AgencyResults) -> Option<Band>,
    value: fn(&AgencyResults) -> Option<f64>,
    n: fn(&AgencyResults) -> u64,
}

/// The element index against the questionnaires.
const ELEMENT_FUNNEL: FunnelMeasure = FunnelMeasure {
    band: |a| a.funnel.element,
    value: |a| a.survey.element,
    n: |a| a.survey.respondents,
};

/// The on-time rate against the PAKN handled.
const ON_TIME_FUNNEL: FunnelMeasure = FunnelMeasure {
    band: |a| a.funnel.on_time_rate,
    value: |a| a.handling.on_time_rate,
    n: |a| a.handling.handled,
};

/// The agencies with a band, labelled by name when outside the 99.8% limits.
fn funnel_points(summary: &Summary, measure: &FunnelMeasure) -> Vec<FunnelPoint> {
    summary
        .agencies
        .iter()
        .filter_map(|a| {
            let band = (measure.band)(a)?;
            let outside = band.is_outside_99_8();
            Some(FunnelPoint {
                label: if outside {
                    a.name.clone()
                } else {
                    a.code.clone()
                },
                n: (measure.n)(a),
                value: (measure.value)(a)?,
                outside,
            })
        })
        .collect()
}

/// The element's and the on-time rate's funnel plots.
fn funnels(summary: &Summary, lang: Lang, period: &str) -> (Funnel, Funnel) {
    let funnel = |title: String, n_label: &str, limits, measure| Funnel {
        title,
        n_label: n_label.to_string(),
        limits,
        points: funnel_points(summary, measure),
    };
    let element_title = match lang {
        Lang::Vi => format!("Biểu đồ phễu: chỉ số thành phần theo số phiếu – {period}"),
        Lang::En => format!("Funnel plot: element index by questionnaires – {period}"),
    };
    let on_time_title = match lang {
        Lang::Vi => format!("Biểu đồ phễu: tỷ lệ xử lý đúng hạn theo số PAKN đã xử lý – {period}"),
        Lang::En => format!("Funnel plot: on-time rate by PAKN handled – {period}"),
    };
    (
        funnel(
            element_title,
            lang.pick("Số phiếu khảo sát", "Questionnaires"),
            summary.funnel.element,
            &ELEMENT_FUNNEL,
        ),
        funnel(
            on_time_title,
            lang.pick("Số PAKN đã xử lý", "PAKN handled"),
            summary.funnel.on_time_rate,
            &ON_TIME_FUNNEL,
        ),
    )
}
