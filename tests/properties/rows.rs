//! Rows of any shape, decoded as recto promises and compared across engines.
//!
//! A selected expression decodes into the Rust type of its planned type
//! (`Exprs::ty`, docs/dialects.md "Result type of arithmetic, literals and
//! parameters") on every engine, so [`Row`] decodes each column strictly as that type: an
//! engine that answers with another type fails the decode, as it would for a user. recto's
//! `FromRecord` takes no argument, so the types of the query being run wait in a thread-local
//! ([`expect`]); every property runs its engines on one current-thread runtime, where rows
//! are decoded on the thread that set it.

use std::cell::RefCell;
use std::cmp::Ordering;
use std::fmt;

use recto::chrono::{NaiveDate, NaiveDateTime};
use recto::row::{FromRecord, Record};
use recto::{Error, Ty};

thread_local! {
    static EXPECTED: RefCell<Vec<Option<Ty>>> = const { RefCell::new(Vec::new()) };
}

/// Sets the column types of the rows decoded next on this thread.
pub(crate) fn expect(types: Vec<Option<Ty>>) {
    EXPECTED.with(|e| *e.borrow_mut() = types);
}

/// One decoded value. Integers of every width compare as `i64`.
#[derive(Clone, Debug)]
pub(crate) enum Cell {
    Null,
    Bool(bool),
    Int(i64),
    Float(f64),
    Text(String),
    Date(NaiveDate),
    Stamp(NaiveDateTime),
}

impl Cell {
    fn rank(&self) -> u8 {
        match self {
            Cell::Null => 0,
            Cell::Bool(_) => 1,
            Cell::Int(_) => 2,
            Cell::Float(_) => 3,
            Cell::Text(_) => 4,
            Cell::Date(_) => 5,
            Cell::Stamp(_) => 6,
        }
    }

    /// An order for sorting rows into multisets; floats by `total_cmp`.
    fn order(&self, other: &Cell) -> Ordering {
        match (self, other) {
            (Cell::Bool(a), Cell::Bool(b)) => a.cmp(b),
            (Cell::Int(a), Cell::Int(b)) => a.cmp(b),
            (Cell::Float(a), Cell::Float(b)) => a.total_cmp(b),
            (Cell::Text(a), Cell::Text(b)) => a.cmp(b),
            (Cell::Date(a), Cell::Date(b)) => a.cmp(b),
            (Cell::Stamp(a), Cell::Stamp(b)) => a.cmp(b),
            (a, b) => a.rank().cmp(&b.rank()),
        }
    }

    /// Equal, floats within a relative 1e-9 (engines sum and divide in their own order).
    fn agrees(&self, other: &Cell) -> bool {
        match (self, other) {
            (Cell::Float(a), Cell::Float(b)) => {
                a == b || (a - b).abs() <= 1e-9 * a.abs().max(b.abs()).max(1.0)
            }
            (a, b) => a.rank() == b.rank() && a.order(b) == Ordering::Equal,
        }
    }
}

/// One row.
#[derive(Clone, Debug)]
pub(crate) struct Row(pub(crate) Vec<Cell>);

impl fmt::Display for Row {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let cells: Vec<String> = self
            .0
            .iter()
            .map(|c| match c {
                Cell::Null => "NULL".to_owned(),
                Cell::Bool(b) => b.to_string(),
                Cell::Int(n) => n.to_string(),
                Cell::Float(x) => format!("{x:?}"),
                Cell::Text(s) => format!("{s:?}"),
                Cell::Date(d) => d.to_string(),
                Cell::Stamp(t) => t.to_string(),
            })
            .collect();
        write!(f, "({})", cells.join(", "))
    }
}

/// Whether two engines' rows agree: in order when the query orders them totally, as
/// multisets otherwise.
pub(crate) fn agree(a: &[Row], b: &[Row], ordered: bool) -> bool {
    let sorted = |rows: &[Row]| {
        let mut rows = rows.to_vec();
        if !ordered {
            rows.sort_by(|x, y| {
                x.0.iter()
                    .zip(&y.0)
                    .map(|(p, q)| p.order(q))
                    .find(|o| o.is_ne())
                    .unwrap_or(Ordering::Equal)
            });
        }
        rows
    };
    let (a, b) = (sorted(a), sorted(b));
    a.len() == b.len()
        && a.iter()
            .zip(&b)
            .all(|(x, y)| x.0.len() == y.0.len() && x.0.iter().zip(&y.0).all(|(p, q)| p.agrees(q)))
}

/// Rows for failure messages, one a line.
pub(crate) fn show(rows: &Result<Vec<Row>, Error>) -> String {
    match rows {
        Ok(rows) if rows.is_empty() => "no rows".to_owned(),
        Ok(rows) => rows
            .iter()
            .map(|r| format!("\n      {r}"))
            .collect::<String>(),
        Err(e) => format!("error: {e}"),
    }
}

/// The next column of `record` as `T`, NULL as `Cell::Null`.
fn get<T>(record: &mut Record<'_>, cell: fn(T) -> Cell) -> Result<Cell, Error>
where
    Option<T>: FromRecord,
{
    Ok(record.read::<Option<T>>()?.map_or(Cell::Null, cell))
}

/// Decodes every column of a row as the type [`expect`] gave it.
impl FromRecord for Row {
    fn from_record(record: &mut Record<'_>) -> Result<Row, Error> {
        let types = EXPECTED.with(|e| e.borrow().clone());
        if types.len() != record.len() {
            return Err(Error::Decode {
                column: 0,
                reason: format!("{} columns, the plan selects {}", record.len(), types.len()),
            });
        }
        let cells = types.iter().map(|ty| match ty {
            Some(Ty::Bool) => get(record, Cell::Bool),
            Some(Ty::I16) => get(record, |n: i16| Cell::Int(i64::from(n))),
            Some(Ty::I32) => get(record, |n: i32| Cell::Int(i64::from(n))),
            Some(Ty::I64) => get(record, Cell::Int),
            Some(Ty::F32) => get(record, |x: f32| Cell::Float(f64::from(x))),
            Some(Ty::F64) => get(record, Cell::Float),
            Some(Ty::Text) => get(record, Cell::Text),
            Some(Ty::Date) => get(record, Cell::Date),
            Some(Ty::Timestamp) => get(record, Cell::Stamp),
            other => Err(Error::Decode {
                column: record.position(),
                reason: format!("the generator selects no {other:?}"),
            }),
        });
        cells.collect::<Result<Vec<Cell>, _>>().map(Row)
    }
}

/// The rows of `query` on every engine that renders it, each decoded as its planned
/// types; `None` where the planner rejects it. Typed rejections are counted in `tally`.
pub(crate) async fn run_everywhere<'d>(
    dbs: &'d [crate::fixture::TestDb],
    query: &recto::Query<recto::Erased, recto::row::AnyRow>,
    tally: &crate::agree::Tally,
) -> Option<Vec<(&'d crate::fixture::TestDb, Result<Vec<Row>, Error>)>> {
    use crate::agree::reason;
    let types: Vec<_> = match recto::plan(query.data()) {
        Ok(planned) => planned
            .select
            .iter()
            .map(|item| planned.exprs.ty(item.expr))
            .collect(),
        Err(e) => {
            tally.add(format!("rejected by the planner: {}", reason(&e)));
            return None;
        }
    };
    let mut results = Vec::new();
    for db in dbs {
        if let Err(e) = db.repo.to_sql(query) {
            tally.add(format!("rejected for {}: {}", db.name, reason(&e)));
            continue;
        }
        expect(types.clone());
        results.push((db, db.repo.all::<Row>(query).await));
    }
    Some(results)
}

/// Runs `query` on every engine and compares the rows as multisets: `Ok` when they agree (or
/// the planner or a dialect rejects the query with a typed error, which `tally` counts),
/// else the message a failing property prints, naming the case with `what`. `label` names
/// what ran in the tally.
pub(crate) async fn on_every_engine(
    dbs: &[crate::fixture::TestDb],
    query: &recto::Query<recto::Erased, recto::row::AnyRow>,
    tally: &crate::agree::Tally,
    label: &str,
    what: impl Fn() -> String,
) -> Result<(), String> {
    let Some(results) = run_everywhere(dbs, query, tally).await else {
        return Ok(());
    };
    let first = results.iter().find_map(|(_, r)| r.as_ref().ok());
    let disagree = results.iter().any(|(_, got)| match (got, first) {
        (Ok(rows), Some(first)) => !agree(rows, first, false),
        _ => true,
    });
    if !disagree {
        tally.add(format!("ran {label}, agreeing across engines"));
        return Ok(());
    }
    let mut message = format!("the engines disagree on\n  {}\n", what());
    for (db, got) in &results {
        message.push_str(&format!(
            "  {}:\n    SQL: {}\n    rows: {}\n",
            db.name,
            crate::shown(&db.repo, query),
            show(got)
        ));
    }
    Err(message)
}
