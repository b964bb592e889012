//! One lazy polars query per metric family, run for the whole city and per
//! agency, read back as plain numbers.

use std::collections::HashMap;

use polars::prelude::*;

use crate::model::AgencyId;

/// Aggregated values: one number per aggregation, for the city and per agency.
#[derive(Debug, Clone, Default)]
pub struct Aggregates {
    names: Vec<String>,
    city: Vec<f64>,
    by_agency: HashMap<AgencyId, Vec<f64>>,
}

/// Values of one unit (the city or an agency); missing names read as 0.
#[derive(Debug, Clone, Copy)]
pub struct UnitValues<'a> {
    names: &'a [String],
    values: Option<&'a [f64]>,
}

impl UnitValues<'_> {
    /// The value of aggregation `name`.
    pub fn get(&self, name: &str) -> f64 {
        self.names
            .iter()
            .position(|n| n == name)
            .and_then(|i| self.values.and_then(|v| v.get(i)))
            .copied()
            .unwrap_or(0.0)
    }

    /// The value of a count aggregation.
    pub fn count(&self, name: &str) -> u64 {
        self.get(name).max(0.0).round() as u64
    }
}

impl Aggregates {
    /// Runs `aggregations` (each aliased) on the rows of `frame` kept by `filter`.
    pub fn compute(frame: &DataFrame, filter: Expr, aggregations: &[Expr]) -> PolarsResult<Self> {
        let as_float: Vec<Expr> = aggregations
            .iter()
            .map(|e| e.clone().cast(DataType::Float64))
            .collect();
        let filtered = frame.clone().lazy().filter(filter);
        let city = filtered.clone().select(&as_float).collect()?;
        let grouped = filtered
            .group_by([col("agency")])
            .agg(&as_float)
            .collect()?;

        let names: Vec<String> = city
            .get_column_names()
            .iter()
            .map(|n| n.to_string())
            .collect();
        let city_values = names
            .iter()
            .map(|n| Ok(city.column(n)?.f64()?.get(0).unwrap_or(0.0)))
            .collect::<PolarsResult<Vec<f64>>>()?;

        let agency_column = grouped.column("agency")?.u32()?;
        let agency_ids: Vec<Option<u32>> = (0..agency_column.len())
            .map(|i| agency_column.get(i))
            .collect();
        let mut by_agency: HashMap<AgencyId, Vec<f64>> = HashMap::new();
        for name in &names {
            let values = grouped.column(name)?.f64()?;
            for (row, agency) in agency_ids.iter().enumerate() {
                if let Some(agency) = agency {
                    by_agency
                        .entry(*agency)
                        .or_default()
                        .push(values.get(row).unwrap_or(0.0));
                }
            }
        }
        Ok(Self {
            names,
            city: city_values,
            by_agency,
        })
    }

    /// The city's values.
    pub fn city(&self) -> UnitValues<'_> {
        UnitValues {
            names: &self.names,
            values: Some(&self.city),
        }
    }

    /// An agency's values (all 0 when it has no rows).
    pub fn agency(&self, agency: AgencyId) -> UnitValues<'_> {
        UnitValues {
            names: &self.names,
            values: self.by_agency.get(&agency).map(Vec::as_slice),
        }
    }
}

/// Number of rows where `mask` is true (null counts as false).
pub fn count_where(mask: Expr, name: &str) -> Expr {
    mask.fill_null(lit(false))
        .cast(DataType::Int64)
        .sum()
        .alias(name)
}

/// Sum of `value` over rows where `mask` is true.
pub fn sum_where(mask: Expr, value: Expr, name: &str) -> Expr {
    when(mask.fill_null(lit(false)))
        .then(value)
        .otherwise(lit(0.0))
        .sum()
        .alias(name)
}
