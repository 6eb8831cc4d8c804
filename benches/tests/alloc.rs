//! The memory goal of issue 7, checked: rendering a query whose shape is cached allocates
//! the output text, the parameter vector and each owned parameter value's heap data, and
//! nothing else — in particular nothing for the key, the slots or the lookup. The expected
//! allocations are derived here from the query's own values, by a walk of its clauses
//! independent of the cache's.

use std::borrow::Cow;

use recto::{Array, Expr, IntoSql, Postgres, Query, QueryData, Sql, ToSql, Value};
use recto_benches::alloc::{Allocated, Counting, measure};
use recto_benches::{NAMES, build, ten_conditions_and_text};

#[global_allocator]
static ALLOC: Counting = Counting;

/// The values of `query` that PostgreSQL binds: every parameter, and every literal the
/// writer cannot print (anything but an integer, a boolean or a finite float).
fn bound_values(query: &QueryData) -> Vec<Cow<'_, Value>> {
    let mut exprs: Vec<&Expr> = query.exprs().collect();
    let mut values = Vec::new();
    while let Some(expr) = exprs.pop() {
        match expr {
            Expr::Param(value) => values.push(Cow::Borrowed(value)),
            Expr::Lit(value)
                if !matches!(value, Value::I32(_) | Value::I64(_) | Value::Bool(_))
                    && !matches!(value, Value::F64(f) if f.is_finite()) =>
            {
                values.push(Cow::Borrowed(value));
            }
            // Bound as one array.
            Expr::InParam { list, .. } => values.push(Cow::Owned(Value::Array(list.clone()))),
            _ => {}
        }
        exprs.extend(expr.children());
    }
    values
}

/// The allocations cloning `value` costs: one per non-empty heap buffer it owns.
fn owned(value: &Value) -> Allocated {
    let buffer = |bytes: usize| Allocated {
        count: u64::from(bytes > 0),
        bytes: bytes as u64,
    };
    match value {
        Value::Text(text) => buffer(text.len()),
        Value::Bytes(bytes) => buffer(bytes.len()),
        Value::Array(Array::Text(texts)) => texts
            .iter()
            .fold(buffer(std::mem::size_of_val(&texts[..])), |sum, text| {
                add(sum, buffer(text.len()))
            }),
        Value::Array(Array::Bool(v)) => buffer(std::mem::size_of_val(&v[..])),
        Value::Array(Array::I32(v)) => buffer(std::mem::size_of_val(&v[..])),
        Value::Array(Array::I64(v)) => buffer(std::mem::size_of_val(&v[..])),
        Value::Array(Array::F64(v)) => buffer(std::mem::size_of_val(&v[..])),
        Value::Array(Array::Date(v)) => buffer(std::mem::size_of_val(&v[..])),
        Value::Array(Array::Timestamp(v)) => buffer(std::mem::size_of_val(&v[..])),
        _ => Allocated::default(),
    }
}

fn add(a: Allocated, b: Allocated) -> Allocated {
    Allocated {
        count: a.count + b.count,
        bytes: a.bytes + b.bytes,
    }
}

/// The least memory a value owns for `into_sql` to move it rather than clone it, as
/// `IntoSql` documents it: a text's or byte string's length, a list's buffer.
const MOVE_AT_LEAST: usize = 8 << 10;

/// Whether `into_sql` moves `value` out of the query.
fn moved(value: &Value) -> bool {
    let bytes = match value {
        Value::Text(text) => text.len(),
        Value::Bytes(bytes) => bytes.len(),
        Value::Array(Array::Text(texts)) => std::mem::size_of_val(&texts[..]),
        Value::Array(_) => owned(value).bytes as usize,
        _ => 0,
    };
    bytes >= MOVE_AT_LEAST
}

/// What a hit must allocate for `query`, whose PostgreSQL text is `text_len` bytes long:
/// the text, the parameter vector (one entry per distinct bound value: equal values share
/// a placeholder), and each distinct value's heap data unless `is_moved` says it is moved.
fn expected(query: &QueryData, text_len: usize, is_moved: fn(&Value) -> bool) -> Allocated {
    let mut distinct: Vec<Cow<'_, Value>> = Vec::new();
    for value in bound_values(query) {
        if !distinct.contains(&value) {
            distinct.push(value);
        }
    }
    let text = Allocated {
        count: 1,
        bytes: text_len as u64,
    };
    let params = Allocated {
        count: u64::from(!distinct.is_empty()),
        bytes: (distinct.len() * std::mem::size_of::<Value>()) as u64,
    };
    let values = distinct
        .iter()
        .filter(|v| !is_moved(v))
        .map(|v| owned(v))
        .fold(Allocated::default(), add);
    add(add(text, params), values)
}

/// The output keeps no spare capacity.
fn assert_tight(sql: &Sql, name: &str) {
    assert_eq!(sql.text.capacity(), sql.text.len(), "{name}: text capacity");
    assert_eq!(
        sql.params.capacity(),
        sql.params.len(),
        "{name}: params capacity"
    );
}

#[test]
fn a_hit_allocates_only_its_output() {
    for (index, name) in NAMES.iter().enumerate() {
        // Renders the shape once, and warms the thread's buffers with a first hit.
        build(index, 0).to_sql(Postgres).unwrap();
        build(index, 1).to_sql(Postgres).unwrap();
        let query = build(index, 2);
        let (sql, allocated) = measure(|| query.to_sql(Postgres));
        let sql = sql.unwrap();
        assert_tight(&sql, name);
        assert_eq!(
            allocated,
            expected(query.data(), sql.text.len(), |_| false),
            "{name}"
        );
    }
}

/// The corpus, and query 1 (the 10-condition where) with one text parameter made long
/// enough to be moved, each built from `seed`.
fn consumable(seed: u64) -> Vec<(String, Query)> {
    let mut queries: Vec<(String, Query)> = (0..NAMES.len())
        .map(|index| (NAMES[index].to_string(), build(index, seed)))
        .collect();
    let with_long = ten_conditions_and_text(seed, MOVE_AT_LEAST);
    queries.push(("10-condition where and a long text".to_string(), with_long));
    queries
}

#[test]
fn a_consumed_query_gives_its_values_up_on_a_hit() {
    let warm = |seed| consumable(seed).into_iter().map(|(_, query)| query);
    warm(0).for_each(|query| drop(query.to_sql(Postgres).unwrap()));
    warm(1).for_each(|query| drop(query.into_sql(Postgres).unwrap()));
    let mut long_moved = false;
    for (name, query) in consumable(2) {
        let data = query.data().clone();
        long_moved |= bound_values(&data).iter().any(|value| moved(value));
        // `into_sql` drops the query it consumed, and dropping an expression tree may
        // allocate its work list; what dropping a copy allocates is expected on top.
        let copy = data.clone();
        let ((), dropping) = measure(|| drop(copy));
        let (sql, allocated) = measure(|| query.into_sql(Postgres));
        let sql = sql.unwrap();
        assert_tight(&sql, &name);
        assert_eq!(
            allocated,
            add(expected(&data, sql.text.len(), moved), dropping),
            "{name}"
        );
    }
    assert!(long_moved, "no query has a value long enough to be moved");
}
