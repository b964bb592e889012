"""The pandas peer of `sipas report`: the script an analyst would write instead.

Vectorised pandas + numpy, xlsxwriter for the workbook. It reads the same
canonical CSV files (Vietnamese headers), computes the same city and agency
numbers of one period — TC1–TC4 indices with the gave-feedback rule, the
element index, PAKN received, handled early / on the due date / late, the
on-time rate, pending and pending past the deadline, the overdue list with
its working days late — and writes a workbook (agencies, overdue list's first
10,000 rows), the full overdue list as CSV and the city's numbers as JSON.
Deadlines absent from a record are the 15th working day after receipt
(numpy's business days with the year's weekdays off).

Run by `cargo bench --bench scale` (case `pandas-peer`), never by `cargo test`:

    python3 benches/pandas_peer.py FEEDBACK.csv SURVEY.csv AGENCIES.csv \
        HOLIDAYS.txt START END OUT_DIR

START and END are the period's first and last days (yyyy-mm-dd), the as-of date
is END. Prints `ROWS n` (rows read) and `PEAK_MB m` (its peak memory) on success.
"""

import json
import os
import resource
import sys

import numpy as np
import pandas as pd

LABELS = {
    "rất không hài lòng": 1,
    "không hài lòng": 2,
    "bình thường": 3,
    "hài lòng": 4,
    "rất hài lòng": 5,
}
DEADLINE_WORKING_DAYS = 15
# pandas' fastest CSV reader (the bench's peer); PANDAS_CSV_ENGINE=c for its default one.
ENGINE = os.environ.get("PANDAS_CSV_ENGINE", "pyarrow")


def answers(column: pd.Series) -> pd.Series:
    """Answers 1–5 from numbers or Vietnamese labels (NaN = no answer)."""
    numbers = pd.to_numeric(column, errors="coerce")
    labels = column.str.strip().str.lower().map(LABELS)
    values = numbers.fillna(labels)
    return values.where(values.between(1, 5))


def satisfaction(survey: pd.DataFrame, by: str | None) -> pd.DataFrame:
    """TC1–TC4 indices and the element index, by agency or for the city."""
    keys = [by] if by else []
    out = {}
    for k in range(1, 5):
        answer = survey[f"TC{k}"]
        if k > 1:
            answer = answer.where(survey["gave"] != False)  # noqa: E712
        frame = pd.DataFrame(
            {
                "n": answer.notna(),
                "ok": answer >= 4,
            }
        )
        if by:
            frame[by] = survey[by]
            sums = frame.groupby(by, sort=True)[["n", "ok"]].sum()
        else:
            sums = frame[["n", "ok"]].sum().to_frame().T
        out[f"tc{k}"] = 100.0 * sums["ok"] / sums["n"].where(sums["n"] > 0)
    result = pd.DataFrame(out)
    result["element"] = result[[f"tc{k}" for k in range(1, 5)]].mean(axis=1, skipna=False)
    return result.reset_index() if keys else result


def handling(pakn: pd.DataFrame, start, end, by: str | None) -> pd.DataFrame:
    """Received, handled, on time and pending of the period, by agency or city."""
    received = pakn["received"]
    resolved = pakn["resolved"]
    accepted = pakn["status"] != "từ chối"
    in_period = (received >= start) & (received <= end)
    handled = accepted & (resolved >= start) & (resolved <= end)
    early = handled & (resolved < pakn["due"])
    on_due = handled & (resolved == pakn["due"])
    late = handled & (resolved > pakn["due"])
    pending = accepted & (received <= end) & (resolved.isna() | (resolved > end))
    pending_late = pending & (pakn["due"] < end)
    frame = pd.DataFrame(
        {
            "received": in_period,
            "handled": handled,
            "early": early,
            "on_due": on_due,
            "overdue": late,
            "pending": pending,
            "pending_overdue": pending_late,
        }
    )
    if by:
        frame[by] = pakn[by]
        sums = frame.groupby(by, sort=True).sum()
    else:
        sums = frame.sum().to_frame().T
    sums["on_time_rate"] = (
        100.0 * (sums["early"] + sums["on_due"]) / sums["handled"].where(sums["handled"] > 0)
    )
    return sums.reset_index() if by else sums


def main(argv: list[str]) -> None:
    feedback_csv, survey_csv, agencies_csv, holidays_txt, start, end, out_dir = argv[1:8]
    os.makedirs(out_dir, exist_ok=True)
    start, end = np.datetime64(start), np.datetime64(end)
    holidays = np.array(open(holidays_txt).read().split(), dtype="datetime64[D]")
    calendar = np.busdaycalendar(weekmask="1111100", holidays=holidays)

    pakn = pd.read_csv(feedback_csv, dtype=str, keep_default_na=False, engine=ENGINE)
    survey = pd.read_csv(survey_csv, dtype=str, keep_default_na=False, engine=ENGINE)
    agencies = pd.read_csv(agencies_csv, dtype=str, keep_default_na=False)

    def day(column: str) -> np.ndarray:
        return pd.to_datetime(pakn[column], format="%Y-%m-%d", errors="coerce").values.astype(
            "datetime64[D]"
        )

    pakn = pd.DataFrame(
        {
            "id": pakn["Mã PAKN"],
            "agency": pakn["Cơ quan xử lý"],
            "channel": pakn["Kênh tiếp nhận"],
            "received": day("Ngày tiếp nhận"),
            "forwarded": day("Ngày chuyển xử lý"),
            "due": day("Hạn xử lý"),
            "resolved": day("Ngày xử lý xong"),
            "status": pakn["Trạng thái"].str.strip().str.lower(),
        }
    )
    # The deadline a record lacks: the 15th working day after its start
    # (forwarded, else received); the start day itself never counts.
    missing = np.isnat(pakn["due"].values)
    if missing.any():
        begin = pakn["forwarded"].values[missing]
        begin = np.where(np.isnat(begin), pakn["received"].values[missing], begin)
        rolled = np.busday_offset(begin, 0, roll="backward", busdaycal=calendar)
        due = pakn["due"].values.copy()
        due[missing] = np.busday_offset(
            rolled, DEADLINE_WORKING_DAYS, roll="forward", busdaycal=calendar
        )
        pakn["due"] = due

    survey = pd.DataFrame(
        {
            "agency": survey["Cơ quan"],
            "surveyed": pd.to_datetime(survey["Ngày khảo sát"], format="%Y-%m-%d").values.astype(
                "datetime64[D]"
            ),
            "gave": survey["Có góp ý"].str.strip().str.lower().map({"có": True, "không": False}),
            **{f"TC{k}": answers(survey[f"TC{k}"]) for k in range(1, 5)},
        }
    )
    rows = len(pakn) + len(survey)
    survey = survey[(survey["surveyed"] >= start) & (survey["surveyed"] <= end)]

    by_agency = agencies[["code", "name", "level"]].merge(
        satisfaction(survey, "agency"), left_on="code", right_on="agency", how="left"
    )
    by_agency = by_agency.merge(
        handling(pakn, start, end, "agency"), left_on="code", right_on="agency", how="left"
    )
    city_survey = satisfaction(survey, None).iloc[0]
    city_handling = handling(pakn, start, end, None).iloc[0]

    # The overdue list: handled late in the period, or pending past the deadline.
    accepted = pakn["status"] != "từ chối"
    late = accepted & (pakn["resolved"] >= start) & (pakn["resolved"] <= end) & (
        pakn["resolved"] > pakn["due"]
    )
    pending = (
        accepted
        & (pakn["received"] <= end)
        & (pakn["resolved"].isna() | (pakn["resolved"] > end))
        & (pakn["due"] < end)
    )
    overdue = pakn[late | pending].copy()
    until = overdue["resolved"].where(late[late | pending], end).values.astype("datetime64[D]")
    overdue["working_days_late"] = np.busday_count(
        overdue["due"].values.astype("datetime64[D]") + 1, until + 1, busdaycal=calendar
    )
    overdue = overdue.sort_values(["working_days_late", "id"], ascending=[False, True])
    overdue.to_csv(os.path.join(out_dir, "overdue.csv"), index=False)

    with pd.ExcelWriter(os.path.join(out_dir, "report.xlsx"), engine="xlsxwriter") as writer:
        by_agency.to_excel(writer, sheet_name="Agencies", index=False)
        overdue.head(10_000).to_excel(writer, sheet_name="Overdue", index=False)

    city = {
        "element": None if pd.isna(city_survey["element"]) else round(city_survey["element"], 2),
        "received": int(city_handling["received"]),
        "handled": int(city_handling["handled"]),
        "on_time_rate": round(float(city_handling["on_time_rate"]), 2),
        "overdue_list": len(overdue),
    }
    with open(os.path.join(out_dir, "city.json"), "w") as f:
        json.dump(city, f)
    print(f"ROWS {rows}")
    # Peak resident memory of this process (ru_maxrss is in kB on Linux).
    print(f"PEAK_MB {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f}")


if __name__ == "__main__":
    main(sys.argv)
