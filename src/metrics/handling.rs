//! On-time handling of PAKN in working days (docs/definitions.md, “Handling on time”).

use polars::prelude::*;
use serde::Serialize;

use super::aggregate::{count_where, Aggregates, UnitValues};
use super::interval::percent;
use crate::calendar::{Day, Period};
use crate::config::Config;
use crate::model::Channel;

/// Handling counts of one unit for one period, with their rates.
#[serde_with::apply(Option<f64> => #[serde(serialize_with = "super::serialize_rate")])]
#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize)]
pub struct Handling {
    /// Received in the period, accepted or not ("tổng số tiếp nhận").
    pub received: u64,
    /// Of those, through an online channel ("trực tuyến").
    pub received_online: u64,
    /// 100 × received_online ÷ received ("tỷ lệ qua môi trường điện tử").
    pub received_online_rate: Option<f64>,
    /// Received before the period and not resolved before it ("kỳ trước chuyển sang").
    pub carried_over: u64,
    /// Resolved in the period, not after the as-of date ("đã xử lý").
    pub handled: u64,
    /// Resolved before the due date ("trước hạn").
    pub early: u64,
    /// Resolved on the due date ("đúng hạn").
    pub on_due: u64,
    /// Resolved after the due date ("quá hạn").
    pub overdue: u64,
    /// Received by the as-of date and not resolved by it ("đang xử lý").
    pub pending: u64,
    /// Pending, deadline not passed ("trong hạn").
    pub pending_in_time: u64,
    /// Pending, deadline passed ("quá hạn").
    pub pending_overdue: u64,
    /// Pending within the deadline and due at most
    /// `due_soon_working_days` working days after the as-of date ("sắp
    /// đến hạn"; see [`super::due_soon`]). Carried for the city, the
    /// levels and the agencies; absent for channels, fields and the trend.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub due_soon: Option<u64>,
    /// 100 × (early + on_due) ÷ handled; None when nothing was handled.
    pub on_time_rate: Option<f64>,
    /// Received in the period with a forwarding date ("chuyển xử lý").
    pub forwarded: u64,
    /// Of those, forwarded within the limit (5 working days by default).
    pub forwarded_on_time: u64,
    /// 100 × forwarded_on_time ÷ forwarded.
    pub forwarded_on_time_rate: Option<f64>,
    /// Handled and notified within the limit (2 working days by default).
    pub notified_on_time: u64,
    /// 100 × notified_on_time ÷ handled.
    pub notified_on_time_rate: Option<f64>,
    /// Handled and published within the limit (2 working days by default).
    pub published_on_time: u64,
    /// 100 × published_on_time ÷ handled.
    pub published_on_time_rate: Option<f64>,
    /// Received in the period with a category ("đã phân loại").
    pub classified: u64,
    /// Index 766, criterion 5.1: 100 × classified ÷ received.
    pub classified_rate: Option<f64>,
    /// Accepted PAKN received in the period.
    pub accepted: u64,
    /// Of those, with a rating from the submitter.
    pub rated: u64,
    /// Of those accepted, not rated unsatisfied, not overdue and not re-raised.
    pub satisfactory: u64,
    /// Index 766, criterion 5.3: 100 × satisfactory ÷ accepted; None when no
    /// PAKN of the period carries a rating.
    pub satisfaction_766_rate: Option<f64>,
}

impl Handling {
    fn from_values(v: UnitValues<'_>) -> Self {
        let handled = v.count("handled");
        let early = v.count("early");
        let on_due = v.count("on_due");
        let forwarded = v.count("forwarded");
        let forwarded_on_time = v.count("forwarded_on_time");
        let notified_on_time = v.count("notified_on_time");
        let published_on_time = v.count("published_on_time");
        Self {
            received: v.count("received"),
            received_online: v.count("received_online"),
            received_online_rate: percent(v.count("received_online"), v.count("received")),
            due_soon: None,
            carried_over: v.count("carried_over"),
            handled,
            early,
            on_due,
            overdue: v.count("overdue"),
            pending: v.count("pending"),
            pending_in_time: v.count("pending_in_time"),
            pending_overdue: v.count("pending_overdue"),
            on_time_rate: percent(early + on_due, handled),
            forwarded,
            forwarded_on_time,
            forwarded_on_time_rate: percent(forwarded_on_time, forwarded),
            notified_on_time,
            notified_on_time_rate: percent(notified_on_time, handled),
            published_on_time,
            published_on_time_rate: percent(published_on_time, handled),
            classified: v.count("classified"),
            classified_rate: percent(v.count("classified"), v.count("received")),
            accepted: v.count("accepted"),
            rated: v.count("rated"),
            satisfactory: v.count("satisfactory"),
            satisfaction_766_rate: (v.count("rated") > 0)
                .then(|| percent(v.count("satisfactory"), v.count("accepted")))
                .flatten(),
        }
    }

    /// Received in the period through channels that are not online ("trực tiếp").
    pub fn received_direct(&self) -> u64 {
        self.received - self.received_online
    }

    /// The counts of the flow, in the order of the report's tables:
    /// received, of which online, carried over, handled, of which early,
    /// on the due date and late, pending, of which within and past the
    /// deadline.
    pub fn flow_counts(&self) -> [u64; 10] {
        [
            self.received,
            self.received_online,
            self.carried_over,
            self.handled,
            self.early,
            self.on_due,
            self.overdue,
            self.pending,
            self.pending_in_time,
            self.pending_overdue,
        ]
    }
}

/// Handling results for the city and per group (agency or channel).
#[derive(Debug, Clone, Default)]
pub struct HandlingResults {
    aggregates: Aggregates,
}

impl HandlingResults {
    /// The city's counts.
    pub fn city(&self) -> Handling {
        Handling::from_values(self.aggregates.city())
    }

    /// An agency's counts (zeros when it has no record); the results must
    /// be grouped by [`Grouping::Agency`].
    pub fn agency(&self, agency: crate::model::AgencyId) -> Handling {
        Handling::from_values(self.aggregates.group(agency))
    }

    /// The counts of one key of the grouping the results were computed by
    /// (zeros when it has no record).
    pub fn group(&self, key: u32) -> Handling {
        Handling::from_values(self.aggregates.group(key))
    }

    /// A channel's counts (zeros when it has no record); the results must be
    /// grouped by [`Grouping::Channel`].
    pub fn channel(&self, channel: Channel) -> Handling {
        Handling::from_values(self.aggregates.group(channel.index()))
    }
}

/// What the handling counts are broken down by besides the city total.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Grouping {
    /// The city only (one pass, no breakdown): for the trend.
    CityOnly,
    /// Per handling agency ("cơ quan xử lý").
    Agency,
    /// Per channel of receipt ("kênh tiếp nhận").
    Channel,
    /// Per classification ("phân loại"): the frame's `category` key.
    Category,
    /// Per subject field ("lĩnh vực"): the frame's `field` key.
    Field,
    /// Per agency and subject field: agency × width + field, where width is
    /// the number of field keys (the caller checks that it fits in 32 bits).
    AgencyField(u32),
}

impl Grouping {
    /// The key grouped by, if any.
    pub fn key(self) -> Option<Expr> {
        match self {
            Grouping::CityOnly => None,
            Grouping::Agency => Some(col("agency")),
            Grouping::Channel => Some(col("channel")),
            Grouping::Category => Some(col("category")),
            Grouping::Field => Some(col("field")),
            Grouping::AgencyField(width) => Some(
                col("agency").cast(DataType::UInt32) * lit(width)
                    + col("field").cast(DataType::UInt32),
            ),
        }
    }
}

/// Computes the handling counts of `period` as of `as_of` from the feedback
/// frame (see [`super::frames::feedback_frame`]), for the city and per
/// group of `grouping` (several groupings of one period at once: see
/// [`super::breakdown::HandlingBreakdown`]).
pub fn handling_by(
    frame: &DataFrame,
    period: &Period,
    as_of: Day,
    config: &Config,
    grouping: Grouping,
) -> PolarsResult<HandlingResults> {
    let aggregates = Aggregates::compute_by(
        frame,
        handling_filter(period, as_of),
        grouping.key(),
        &handling_counts(period, as_of, config)
            .into_iter()
            .map(|(name, rows)| count_where(rows, name))
            .collect::<Vec<_>>(),
    )?;
    Ok(HandlingResults { aggregates })
}

/// The rows of the feedback frame that count for anything in `period` as
/// of `as_of`: received by the period's end (or the as-of date) and not
/// resolved before its first day (or the as-of date). The other rows of a
/// multi-year data set are left out before grouping.
pub(super) fn handling_filter(period: &Period, as_of: Day) -> Expr {
    col("received").lt_eq(lit(period.end.max(as_of))).and(
        col("resolved")
            .is_null()
            .or(col("resolved").gt_eq(lit(period.start.min(as_of.saturating_add(1))))),
    )
}

/// The counts of [`Handling`] in `period` as of `as_of`, each a number of
/// rows of the feedback frame: its name, and the rows it counts (null
/// counts as not).
pub(super) fn handling_counts(
    period: &Period,
    as_of: Day,
    config: &Config,
) -> Vec<(&'static str, Expr)> {
    let (start, end) = (lit(period.start), lit(period.end));
    let as_of = lit(as_of);
    let received = col("received");
    let resolved = col("resolved");
    let due = col("due");
    let accepted = col("refused").not();

    let in_period = received
        .clone()
        .gt_eq(start.clone())
        .and(received.clone().lt_eq(end.clone()));
    let carried_over = accepted
        .clone()
        .and(received.clone().lt(start.clone()))
        .and(
            resolved
                .clone()
                .is_null()
                .or(resolved.clone().gt_eq(start.clone())),
        );
    let handled = accepted
        .clone()
        .and(resolved.clone().gt_eq(start))
        .and(resolved.clone().lt_eq(end))
        .and(resolved.clone().lt_eq(as_of.clone()));
    let pending = accepted.clone().and(received.lt_eq(as_of.clone())).and(
        resolved
            .clone()
            .is_null()
            .or(resolved.clone().gt(as_of.clone())),
    );
    let forwarded = accepted.and(in_period.clone()).and(col("forwarded"));
    let within = |column: &str, limit: u32| col(column).lt_eq(lit(limit as i32));

    let counts = [
        ("received", in_period.clone()),
        ("received_online", in_period.clone().and(col("online"))),
        ("carried_over", carried_over),
        ("handled", handled.clone()),
        (
            "early",
            handled.clone().and(resolved.clone().lt(due.clone())),
        ),
        (
            "on_due",
            handled.clone().and(resolved.clone().eq(due.clone())),
        ),
        (
            "overdue",
            handled.clone().and(resolved.clone().gt(due.clone())),
        ),
        ("pending", pending.clone()),
        (
            "pending_in_time",
            pending.clone().and(as_of.clone().lt_eq(due.clone())),
        ),
        (
            "pending_overdue",
            pending.and(as_of.clone().gt(due.clone())),
        ),
        ("forwarded", forwarded.clone()),
        (
            "forwarded_on_time",
            forwarded.and(within("forward_wd", config.forward_limit_working_days)),
        ),
        (
            "notified_on_time",
            handled
                .clone()
                .and(within("notify_wd", config.notify_limit_working_days)),
        ),
        (
            "published_on_time",
            handled.and(within("publish_wd", config.publish_limit_working_days)),
        ),
    ];
    // Index 766, group 5: late = handled after its due date, or still pending
    // past it on the as-of date.
    let pending_now = resolved
        .clone()
        .is_null()
        .or(resolved.clone().gt(as_of.clone()));
    let late = resolved
        .clone()
        .lt_eq(as_of.clone())
        .and(resolved.clone().gt(due.clone()))
        .or(pending_now.and(as_of.clone().gt(due.clone())))
        .fill_null(lit(false));
    let received_in_period = in_period.clone();
    let accepted_in_period = col("refused").not().and(in_period);
    let satisfactory = accepted_in_period
        .clone()
        .and(col("unsatisfied").not())
        .and(col("re_raised").not())
        .and(late.not());
    let mut counts = counts.to_vec();
    counts.extend([
        ("classified", received_in_period.and(col("classified"))),
        ("accepted", accepted_in_period.clone()),
        ("rated", accepted_in_period.and(col("rated"))),
        ("satisfactory", satisfactory),
    ]);
    counts
}

impl HandlingResults {
    /// Results read from aggregates named like those of [`handling_by`]
    /// (missing ones read as 0).
    pub(super) fn of(aggregates: Aggregates) -> Self {
        Self { aggregates }
    }
}

impl Handling {
    /// The counts of several units added up, with rates recomputed from the
    /// totals (used for the subtotal of an agency level).
    pub fn total<'a>(units: impl IntoIterator<Item = &'a Handling>) -> Handling {
        let mut sum = Handling::default();
        for unit in units {
            sum.received += unit.received;
            sum.received_online += unit.received_online;
            sum.carried_over += unit.carried_over;
            sum.handled += unit.handled;
            sum.early += unit.early;
            sum.on_due += unit.on_due;
            sum.overdue += unit.overdue;
            sum.pending += unit.pending;
            sum.pending_in_time += unit.pending_in_time;
            sum.pending_overdue += unit.pending_overdue;
            sum.due_soon = match (sum.due_soon, unit.due_soon) {
                (None, None) => None,
                (a, b) => Some(a.unwrap_or(0) + b.unwrap_or(0)),
            };
            sum.forwarded += unit.forwarded;
            sum.forwarded_on_time += unit.forwarded_on_time;
            sum.notified_on_time += unit.notified_on_time;
            sum.published_on_time += unit.published_on_time;
            sum.classified += unit.classified;
            sum.accepted += unit.accepted;
            sum.rated += unit.rated;
            sum.satisfactory += unit.satisfactory;
        }
        sum.classified_rate = percent(sum.classified, sum.received);
        sum.received_online_rate = percent(sum.received_online, sum.received);
        sum.satisfaction_766_rate = (sum.rated > 0)
            .then(|| percent(sum.satisfactory, sum.accepted))
            .flatten();
        sum.on_time_rate = percent(sum.early + sum.on_due, sum.handled);
        sum.forwarded_on_time_rate = percent(sum.forwarded_on_time, sum.forwarded);
        sum.notified_on_time_rate = percent(sum.notified_on_time, sum.handled);
        sum.published_on_time_rate = percent(sum.published_on_time, sum.handled);
        sum
    }
}
