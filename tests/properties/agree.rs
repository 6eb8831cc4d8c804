//! Random well-formed queries ([`crate::generate`]) give the same rows on every engine, and
//! the ids the reference model ([`crate::model`]) selects where it applies.
//!
//! A query the planner or a dialect rejects with a typed error passes (the tally at the end
//! says how many, and why); an engine error, a value that does not decode as its planned
//! type, or rows that differ fail with the query shrunk to its minimal form, its SQL on each
//! engine and what each engine answered. Nothing is stepped around: the holes this property
//! found (issue 6's list and seven more) are closed, each pinned by its own live test.

use std::collections::BTreeMap;
use std::sync::{Arc, Mutex};

use recto::{Error, Value};

use crate::fixture::TestDb;
use crate::generate::spec;
use crate::model::Users;
use crate::queries::Spec;
use crate::rows::{self, Row, agree, show};
use crate::term_gen::Pools;
use crate::terms::Term;
use crate::{property, shown};

/// How many cases ended which way, printed after the run.
#[derive(Default)]
pub(crate) struct Tally(Mutex<BTreeMap<String, usize>>);

impl Tally {
    pub(crate) const fn new() -> Tally {
        Tally(Mutex::new(BTreeMap::new()))
    }

    pub(crate) fn add(&self, outcome: String) {
        let mut counts = self.0.lock().unwrap_or_else(|e| e.into_inner());
        *counts.entry(outcome).or_default() += 1;
    }

    /// Straight to stderr, past the test harness's capture, so a long run shows it.
    pub(crate) fn report(&self, name: &str) {
        use std::io::Write;
        let counts = self.0.lock().unwrap_or_else(|e| e.into_inner());
        let mut text = format!("{name}:\n");
        for (outcome, n) in counts.iter() {
            text.push_str(&format!("  {n:>6}  {outcome}\n"));
        }
        let _ = std::io::stderr().write_all(text.as_bytes());
    }
}

/// An error's variant.
pub(crate) fn variant(error: &Error) -> String {
    let debug = format!("{error:?}");
    debug
        .split(|c: char| !c.is_alphanumeric())
        .next()
        .unwrap_or_default()
        .to_owned()
}

/// An error's variant and the start of its message, without the source location.
pub(crate) fn reason(error: &Error) -> String {
    let variant = variant(error);
    let message = error.to_string();
    let message = message.split(" (at ").next().unwrap_or_default();
    let short: String = message.chars().take(110).collect();
    format!("{variant}: {short}")
}

/// The count a `limit:`/`offset:` term holds.
fn count(term: &Option<Term>) -> Option<usize> {
    match term {
        Some(Term::Val {
            value: Value::I32(n),
            ..
        }) => usize::try_from(*n).ok(),
        Some(Term::Val {
            value: Value::I64(n),
            ..
        }) => usize::try_from(*n).ok(),
        _ => None,
    }
}

/// Runs `spec` on every engine and compares.
async fn check(dbs: &[TestDb], spec: &Spec, users: &Users, tally: &Tally) -> Result<(), String> {
    let query = spec.query();
    let Some(results) = rows::run_everywhere(dbs, &query, tally).await else {
        return Ok(());
    };
    if results.is_empty() {
        // Every engine rejected it with a typed error (tallied above): nothing to compare.
        return Ok(());
    }
    let ordered = spec.totally_ordered();
    let first = results.iter().find_map(|(_, r)| r.as_ref().ok());
    let disagree = results.iter().any(|(_, got)| match (got, first) {
        (Ok(rows), Some(first)) => !agree(rows, first, ordered),
        _ => true,
    });
    let mut model_says = None;
    if let (Some(filter), false) = (spec.model(), disagree) {
        // The model reads no clause as no row; no `where:` selects every user.
        let expected = if filter.0.is_empty() {
            let mut all: Vec<i64> = (0..users.rows.len()).map(|row| users.id(row)).collect();
            all.sort_unstable();
            all
        } else {
            filter.model(users)
        };
        let ids = |rows: &[Row]| -> Vec<i64> {
            let mut ids: Vec<i64> = rows
                .iter()
                .filter_map(|r| match r.0.first() {
                    Some(rows::Cell::Int(id)) => Some(*id),
                    _ => None,
                })
                .collect();
            ids.sort_unstable();
            ids
        };
        let got = first.map(|rows| ids(rows)).unwrap_or_default();
        let fits = match &spec.paging {
            None => got == expected,
            Some(paging) => {
                let offset = count(&paging.offset).unwrap_or(0);
                let rest = expected.len().saturating_sub(offset);
                let n = count(&paging.limit).map_or(rest, |l| l.min(rest));
                got.len() == n && got.iter().all(|id| expected.contains(id))
            }
        };
        if !fits {
            model_says = Some(expected);
        }
    }
    if !disagree && model_says.is_none() {
        tally.add(if spec.model().is_some() {
            "ran, agreeing across engines and with the model".to_owned()
        } else {
            "ran, agreeing across engines".to_owned()
        });
        return Ok(());
    }
    let mut message = format!("the engines disagree on\n  {spec}\n");
    if let Some(ids) = model_says {
        message = format!("the engines disagree with the model (ids {ids:?}) on\n  {spec}\n");
    }
    for (db, got) in &results {
        message.push_str(&format!(
            "  {}:\n    SQL: {}\n    rows: {}\n",
            db.name,
            shown(&db.repo, &query),
            show(got)
        ));
    }
    Err(message)
}

/// Random queries over `users`, `orgs` and `posts` — joins, `where:` trees, grouping with
/// `having:` and every aggregate, `distinct`, every sort direction, `limit`/`offset` after
/// a total order, lists (empty ones too), arithmetic, `coalesce`, `like`/`ilike` and
/// `is_nil` — give the same rows on every engine, each value decoding as its planned type,
/// and the ids the reference model computes where it applies.
#[test]
fn random_queries_agree_across_engines() {
    let pools = Arc::new(Pools::from_fixture());
    let users = Users::from_fixture();
    let tally = Tally::default();
    let name = "agree::random_queries_agree_across_engines";
    property(
        name,
        300,
        spec(pools),
        async |_| Ok(()),
        async |dbs: &[TestDb], spec: Spec| check(dbs, &spec, &users, &tally).await,
    );
    tally.report(name);
}
