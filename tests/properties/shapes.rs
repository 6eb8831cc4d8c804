//! The shape cache never returns another shape's text: queries that differ from each other
//! in one detail, rendered through the cache one after the other, render exactly as
//! without it — the same text and parameters, or the same error — on every dialect.
//!
//! Each case takes a query (a valid one of the agreement property, or arbitrary query
//! data) and derives from it queries that differ in one detail: an operator, a column, a
//! sort direction, a list's length (within its padded length and past it), a literal, a
//! parameter made NULL, NaN, negative or equal to another parameter, or every parameter given
//! another value of its variant (the same shape, which must hit). The sequence is rendered
//! twice over, so every query is rendered both after its neighbours and after itself.

use std::sync::Arc;

use proptest::prelude::*;
use proptest::test_runner::{TestCaseError, TestRunner};
use recto::{
    Array, BinOp, Direction, Erased, Expr, IntoSql, MySql, Postgres, Query, QueryData, Sqlite,
    ToSql, Ty, Value, render_uncached,
};

use crate::arbitrary::query_data;
use crate::config;
use crate::generate::spec;
use crate::term_gen::Pools;

/// One detail to change at the `at`-th site of its kind.
#[derive(Clone, Debug)]
enum Change {
    Operator,
    Column,
    Direction,
    ListLonger(usize),
    ListShorter,
    Literal(Value),
    Null,
    Nan,
    Negative,
    EqualToFirst,
    Value(Value),
    OtherValues,
}

fn change() -> impl Strategy<Value = Change> {
    let value = prop_oneof![
        any::<i64>().prop_map(Value::I64),
        any::<i32>().prop_map(Value::I32),
        any::<f64>().prop_map(Value::F64),
        "[a-z']{0,4}".prop_map(Value::Text),
        any::<bool>().prop_map(Value::Bool),
    ];
    prop_oneof![
        Just(Change::Operator),
        Just(Change::Column),
        Just(Change::Direction),
        (1usize..20).prop_map(Change::ListLonger),
        Just(Change::ListShorter),
        value.clone().prop_map(Change::Literal),
        Just(Change::Null),
        Just(Change::Nan),
        Just(Change::Negative),
        Just(Change::EqualToFirst),
        value.prop_map(Change::Value),
        Just(Change::OtherValues),
    ]
}

/// Applies `change` at the `at`-th place it applies to (counting round), if any.
fn apply(query: &QueryData, change: &Change, at: usize) -> QueryData {
    let mut query = query.clone();
    let first = first_param(&query);
    let mut sites = 0;
    if let Change::Direction = change {
        let terms: Vec<_> = query
            .order_bys
            .iter_mut()
            .flat_map(|o| o.terms.iter_mut())
            .collect();
        let count = terms.len();
        if let Some(term) = terms.into_iter().nth(at % count.max(1)) {
            term.direction = match term.direction {
                Direction::Asc => Direction::DescNullsLast,
                Direction::Desc => Direction::AscNullsFirst,
                _ => Direction::Asc,
            };
        }
        return query;
    }
    for_each_expr(&mut query.clone(), &mut |expr| {
        sites += usize::from(edit(expr, change, None, false));
    });
    if sites == 0 {
        return query;
    }
    let target = at % sites;
    let mut index = 0;
    for_each_expr(&mut query, &mut |expr| {
        index += usize::from(edit(expr, change, first.as_ref(), index == target));
    });
    query
}

/// Counts (`apply` false) or changes (`apply` true) `expr` if `change` applies to it.
fn edit(expr: &mut Expr, change: &Change, first: Option<&Value>, apply: bool) -> bool {
    let applies = matches!(
        (change, &*expr),
        (Change::Operator, Expr::Binary { .. })
            | (Change::Column, Expr::Field { .. })
            | (
                Change::ListLonger(_) | Change::ListShorter,
                Expr::InParam { .. }
            )
            | (Change::Literal(_), Expr::Lit(_))
            | (
                Change::Null
                    | Change::Nan
                    | Change::Negative
                    | Change::EqualToFirst
                    | Change::Value(_)
                    | Change::OtherValues,
                Expr::Param(_),
            )
    );
    if !(applies && (apply || matches!(change, Change::OtherValues))) {
        return applies;
    }
    match (change, expr) {
        (Change::Operator, Expr::Binary { op, .. }) => {
            *op = match op {
                BinOp::Eq => BinOp::Ne,
                BinOp::Lt => BinOp::Le,
                BinOp::And => BinOp::Or,
                BinOp::Add => BinOp::Sub,
                BinOp::Mul => BinOp::Div,
                _ => BinOp::Eq,
            }
        }
        (Change::Column, Expr::Field { name, .. }) => {
            *name = if name == "id" { "name" } else { "id" }.into();
        }
        (Change::ListLonger(n), Expr::InParam { list, .. }) => grow(list, *n),
        (Change::ListShorter, Expr::InParam { list, .. }) => shrink(list),
        (Change::Literal(value), Expr::Lit(old)) => *old = value.clone(),
        (Change::Null, Expr::Param(value)) => *value = Value::Null(value.ty()),
        (Change::Nan, Expr::Param(value)) => *value = Value::F64(f64::NAN),
        (Change::Negative, Expr::Param(value)) => *value = Value::I64(-1),
        (Change::EqualToFirst, Expr::Param(value)) => {
            if let Some(first) = first {
                *value = first.clone();
            }
        }
        (Change::Value(new), Expr::Param(value)) => *value = new.clone(),
        (Change::OtherValues, Expr::Param(value)) => *value = other_value(value),
        _ => {}
    }
    applies
}

/// A value of the same variant (so of the same shape), different where it can be.
fn other_value(value: &Value) -> Value {
    match value {
        Value::I32(n) => Value::I32(n.wrapping_add(7).max(0)),
        Value::I64(n) => Value::I64(n.wrapping_add(7).max(0)),
        Value::F64(f) if f.is_finite() => Value::F64(f * 0.5 + 1.0),
        Value::Text(text) => Value::Text(format!("{text}~")),
        Value::Bool(b) => Value::Bool(!b),
        other => other.clone(),
    }
}

fn grow(list: &mut Array, n: usize) {
    match list {
        Array::I64(items) => items.extend((0..n).map(|i| i as i64)),
        Array::I32(items) => items.extend((0..n).map(|i| i as i32)),
        Array::Text(items) => items.extend((0..n).map(|i| i.to_string())),
        Array::F64(items) => items.extend((0..n).map(|i| i as f64)),
        Array::Bool(items) => items.extend((0..n).map(|i| i % 2 == 0)),
        _ => {}
    }
}

fn shrink(list: &mut Array) {
    match list {
        Array::I64(items) => drop(items.pop()),
        Array::I32(items) => drop(items.pop()),
        Array::Text(items) => drop(items.pop()),
        Array::F64(items) => drop(items.pop()),
        Array::Bool(items) => drop(items.pop()),
        _ => {}
    }
}

fn first_param(query: &QueryData) -> Option<Value> {
    let mut query = query.clone();
    let mut first = None;
    for_each_expr(&mut query, &mut |expr| {
        if let (None, Expr::Param(value)) = (&first, &*expr) {
            first = Some(value.clone());
        }
    });
    first
}

/// Calls `f` on every expression node of every clause, parents first.
fn for_each_expr(query: &mut QueryData, f: &mut dyn FnMut(&mut Expr)) {
    let roots: Vec<&mut Expr> = query.exprs_mut().collect();
    for root in roots {
        walk(root, f, 0);
    }
}

fn walk(expr: &mut Expr, f: &mut dyn FnMut(&mut Expr), depth: usize) {
    if depth > 64 {
        return;
    }
    f(expr);
    match expr {
        Expr::Unary { expr, .. } | Expr::IsNil(expr) | Expr::InParam { expr, .. } => {
            walk(expr, f, depth + 1)
        }
        Expr::Binary { left, right, .. } => {
            walk(left, f, depth + 1);
            walk(right, f, depth + 1);
        }
        Expr::InList { expr, list } => {
            walk(expr, f, depth + 1);
            list.iter_mut().for_each(|item| walk(item, f, depth + 1));
        }
        Expr::Like { expr, pattern, .. } => {
            walk(expr, f, depth + 1);
            walk(pattern, f, depth + 1);
        }
        Expr::Aggregate { arg: Some(arg), .. } => walk(arg, f, depth + 1),
        Expr::Coalesce(args) => args.iter_mut().for_each(|arg| walk(arg, f, depth + 1)),
        _ => {}
    }
}

/// Renders every query of `queries` in order, twice over, through the cache and without it.
fn check(queries: &[QueryData]) -> Result<usize, String> {
    let mut rendered = 0;
    for query in queries.iter().chain(queries) {
        rendered += usize::from(same(query, Postgres, &Postgres)?);
        rendered += usize::from(same(query, MySql, &MySql)?);
        rendered += usize::from(same(query, Sqlite, &Sqlite)?);
    }
    Ok(rendered)
}

/// Whether `query` rendered; an error if the cached and uncached renders differ, or if
/// consuming a copy of the query (which moves its values out on a hit) renders otherwise.
fn same<D: recto::Dialect + Copy>(query: &QueryData, dialect: D, d: &D) -> Result<bool, String> {
    let cached = query.to_sql(dialect);
    let consumed = query.clone().into_sql(dialect);
    let uncached = render_uncached(query, d);
    let shown = |r: &Result<recto::Sql, recto::Error>| format!("{r:?}");
    for (how, rendered) in [("through the cache", &cached), ("consumed", &consumed)] {
        if shown(rendered) != shown(&uncached) {
            return Err(format!(
                "{}: {how}\n  {}\nwithout the cache\n  {}\nquery: {query:?}",
                d.name(),
                shown(rendered),
                shown(&uncached)
            ));
        }
    }
    Ok(cached.is_ok())
}

fn case(base: Query<Erased>, changes: &[(Change, usize)]) -> Vec<QueryData> {
    let base = base.data().clone();
    let mut queries = vec![base.clone()];
    queries.extend(changes.iter().map(|(change, at)| apply(&base, change, *at)));
    queries
}

fn run(
    name: &str,
    cases: u32,
    strategy: impl Strategy<Value = (Query<Erased>, Vec<(Change, usize)>)>,
) {
    let (config, seed) = config(cases);
    let rendered = std::cell::Cell::new(0);
    let outcome = TestRunner::new(config).run(&strategy, |(base, changes)| {
        let n = check(&case(base, &changes)).map_err(TestCaseError::fail)?;
        rendered.set(rendered.get() + n);
        Ok(())
    });
    if let Err(e) = outcome {
        panic!("{name}: {e}\nreproduce with PROPTEST_RNG_SEED={seed}");
    }
    eprintln!(
        "{name}: {} statements rendered through the cache",
        rendered.get()
    );
}

fn changes() -> impl Strategy<Value = Vec<(Change, usize)>> {
    proptest::collection::vec((change(), 0usize..8), 1..6)
}

/// Valid queries of the agreement property and their one-detail variants.
#[test]
fn valid_queries_differing_in_one_detail_render_as_without_the_cache() {
    let pools = Arc::new(Pools::from_fixture());
    run(
        "shapes of valid queries",
        256,
        (spec(pools).prop_map(|spec| spec.query().erase()), changes()),
    );
}

/// Arbitrary query data (mostly rejected with typed errors) and its variants.
#[test]
fn arbitrary_queries_differing_in_one_detail_render_as_without_the_cache() {
    run(
        "shapes of arbitrary queries",
        256,
        (query_data(), changes()),
    );
}

/// Lists that pad to the same length share a shape; longer ones do not; and equal
/// parameters share a PostgreSQL placeholder only when they are equal.
#[test]
fn list_lengths_and_equal_parameters_render_as_without_the_cache() {
    let query = |len: i64, a: Value, b: Value| {
        let field = |name: &'static str| Expr::field(recto::BindingRef::Index(0), name);
        Query::table("users")
            .filter(Expr::InParam {
                expr: Box::new(field("id")),
                list: Array::I64((0..len).collect()),
            })
            .filter(Expr::binary(BinOp::Eq, field("age"), Expr::Param(a)))
            .filter(Expr::binary(BinOp::Eq, field("name"), Expr::Param(b)))
            .select(recto::Select::One(recto::Selected::Expr(field("id"))))
            .data()
            .clone()
    };
    let mut queries = Vec::new();
    for len in [0, 1, 2, 3, 4, 5, 8, 9, 3, 1024, 1025, 0] {
        queries.push(query(len, Value::I64(1), Value::I64(1)));
        queries.push(query(len, Value::I64(1), Value::I64(2)));
        queries.push(query(len, Value::Null(Ty::I64), Value::I64(2)));
        queries.push(query(len, Value::F64(f64::NAN), Value::F64(f64::NAN)));
    }
    let rendered = check(&queries).unwrap();
    assert!(rendered >= 2 * 3 * 12, "{rendered} statements rendered");
}
