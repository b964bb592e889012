//! One lazy polars query per metric family, run for the whole city and per
//! group (agency or channel), read back as plain numbers.

use std::collections::HashMap;

use polars::prelude::*;

/// Aggregated values: one number per aggregation, for the city and per
/// group (the `u32` key of the grouping column: an agency or a channel).
#[derive(Debug, Clone, Default)]
pub struct Aggregates {
    names: Vec<String>,
    city: Vec<f64>,
    by_group: HashMap<u32, Vec<f64>>,
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
    /// Runs `aggregations` (each aliased, each a sum or a count, so that
    /// they add up across groups) on the rows of `frame` kept by `filter`:
    /// per `u32` value of the expression `key` when one is given, and for
    /// the city as the sum of the groups; for the city alone (one pass
    /// without grouping) when `key` is None.
    pub fn compute_by(
        frame: &DataFrame,
        filter: Expr,
        key: Option<Expr>,
        aggregations: &[Expr],
    ) -> PolarsResult<Self> {
        Self::compute_derived(frame, filter, key, &[], aggregations)
    }

    /// As [`Aggregates::compute_by`], with the columns `derived` computed on
    /// the rows kept by `filter` before aggregating (columns no stored frame
    /// needs to hold).
    pub fn compute_derived(
        frame: &DataFrame,
        filter: Expr,
        key: Option<Expr>,
        derived: &[Expr],
        aggregations: &[Expr],
    ) -> PolarsResult<Self> {
        const KEY: &str = "__group";
        let as_float: Vec<Expr> = aggregations
            .iter()
            .map(|e| e.clone().cast(DataType::Float64))
            .collect();
        // A filter that keeps every row is not applied: filtering copies
        // the columns the query reads.
        let mut filtered = frame.clone().lazy();
        if filter != lit(true) {
            filtered = filtered.filter(filter);
        }
        if !derived.is_empty() {
            filtered = filtered.with_columns(derived);
        }
        let Some(key) = key else {
            let city = filtered.select(&as_float).collect()?;
            let names: Vec<String> = city
                .get_column_names()
                .iter()
                .map(std::string::ToString::to_string)
                .collect();
            let city_values = names
                .iter()
                .map(|n| Ok(city.column(n)?.f64()?.get(0).unwrap_or(0.0)))
                .collect::<PolarsResult<Vec<f64>>>()?;
            return Ok(Self {
                names,
                city: city_values,
                by_group: HashMap::new(),
            });
        };
        let grouped = filtered
            .group_by([key.cast(DataType::UInt32).alias(KEY)])
            .agg(&as_float)
            .collect()?;
        let names: Vec<String> = grouped
            .get_column_names()
            .iter()
            .filter(|n| n.as_str() != KEY)
            .map(std::string::ToString::to_string)
            .collect();
        let group_column = grouped.column(KEY)?.u32()?;
        let keys: Vec<Option<u32>> = (0..group_column.len())
            .map(|i| group_column.get(i))
            .collect();
        let mut by_group: HashMap<u32, Vec<f64>> = HashMap::new();
        let mut city_values = vec![0.0; names.len()];
        for (index, name) in names.iter().enumerate() {
            let values = grouped.column(name)?.f64()?;
            for (row, key) in keys.iter().enumerate() {
                let value = values.get(row).unwrap_or(0.0);
                city_values[index] += value;
                if let Some(key) = key {
                    by_group.entry(*key).or_default().push(value);
                }
            }
        }
        Ok(Self {
            names,
            city: city_values,
            by_group,
        })
    }

    /// Aggregates counted outside a query: the values of each group present
    /// (`names` order), the city's being their sums.
    pub fn from_groups(names: &[&str], groups: impl IntoIterator<Item = (u32, Vec<f64>)>) -> Self {
        let by_group: HashMap<u32, Vec<f64>> = groups.into_iter().collect();
        let mut city = vec![0.0; names.len()];
        for values in by_group.values() {
            for (sum, value) in city.iter_mut().zip(values) {
                *sum += value;
            }
        }
        Self {
            names: names.iter().map(|&name| name.to_string()).collect(),
            city,
            by_group,
        }
    }

    /// City-only aggregates whose values are the sums of `groups`' values.
    pub fn sum_of_groups(&self, groups: impl IntoIterator<Item = u32>) -> Self {
        let mut city = vec![0.0; self.names.len()];
        for group in groups {
            if let Some(values) = self.by_group.get(&group) {
                for (sum, value) in city.iter_mut().zip(values) {
                    *sum += value;
                }
            }
        }
        Self {
            names: self.names.clone(),
            city,
            by_group: HashMap::new(),
        }
    }

    /// The city values of `self` and of `other` side by side (the names of
    /// both; the groups are dropped).
    pub fn beside(mut self, other: Self) -> Self {
        self.names.extend(other.names);
        self.city.extend(other.city);
        self.by_group.clear();
        self
    }

    /// The city's values.
    pub fn city(&self) -> UnitValues<'_> {
        UnitValues {
            names: &self.names,
            values: Some(&self.city),
        }
    }

    /// The values of one group (all 0 when it has no rows).
    pub fn group(&self, key: u32) -> UnitValues<'_> {
        UnitValues {
            names: &self.names,
            values: self.by_group.get(&key).map(Vec::as_slice),
        }
    }
}

/// Number of rows where `mask` is true (null counts as false).
pub fn count_where(mask: Expr, name: &str) -> Expr {
    mask.fill_null(lit(false)).sum().alias(name)
}

/// Sum of `value` over rows where `mask` is true.
pub fn sum_where(mask: Expr, value: Expr, name: &str) -> Expr {
    when(mask.fill_null(lit(false)))
        .then(value)
        .otherwise(lit(0.0))
        .sum()
        .alias(name)
}
