//! The key tells shapes apart and nothing else; the store stays within its bounds.

use std::sync::Arc;

use recto_core::{
    Array, BinOp, BindingRef, Direction, Expr, OrderTerm, Query, QueryData, Select, Selected, Ty,
    Value,
};

use super::cache::{CAPACITY, ShapeCache, hash};
use super::{Source, encode, shared_sql, to_sql, uncached};
use crate::{MySql, Postgres, Sqlite};

/// The key of `query` for a dialect like PostgreSQL (`numbered`) or like MySQL and SQLite
/// (`!numbered`, lists expanded).
fn key(query: &QueryData, numbered: bool) -> Vec<u8> {
    let mut key = Vec::new();
    let mut slots = Vec::new();
    let encoded = encode(query, numbered, !numbered, &mut key, &mut slots);
    assert_eq!(encoded, Ok(()));
    key
}

fn field(name: &'static str) -> Expr {
    Expr::field(BindingRef::Index(0), name)
}

/// `SELECT name FROM users WHERE <lhs> <op> <rhs> ORDER BY age <direction>`, parts varied.
fn query(op: BinOp, column: &'static str, rhs: Expr, direction: Direction) -> QueryData {
    Query::table("users")
        .filter(Expr::binary(op, field(column), rhs))
        .order_by(vec![OrderTerm {
            direction,
            expr: field("age"),
        }])
        .select(Select::One(Selected::Expr(field("name"))))
        .data()
        .clone()
}

fn param(value: Value) -> Expr {
    Expr::Param(value)
}

fn base(rhs: Expr) -> QueryData {
    query(BinOp::Eq, "id", rhs, Direction::Asc)
}

fn in_list(list: Array) -> QueryData {
    base(Expr::Lit(Value::I32(0))).clone_with_filter(Expr::InParam {
        expr: Box::new(field("id")),
        list,
    })
}

trait WithFilter {
    fn clone_with_filter(&self, expr: Expr) -> QueryData;
}

impl WithFilter for QueryData {
    fn clone_with_filter(&self, expr: Expr) -> QueryData {
        Query::<recto_core::Erased>::from_data(self.clone())
            .filter(expr)
            .data()
            .clone()
    }
}

#[test]
fn other_parameter_values_give_the_same_key() {
    for numbered in [true, false] {
        assert_eq!(
            key(&base(param(Value::I64(1))), numbered),
            key(&base(param(Value::I64(99))), numbered)
        );
        assert_eq!(
            key(&base(param(Value::Text("a".into()))), numbered),
            key(
                &base(param(Value::Text("something longer".into()))),
                numbered
            )
        );
        assert_eq!(
            key(&base(param(Value::F64(1.5))), numbered),
            key(&base(param(Value::F64(-2e300))), numbered)
        );
    }
    // Five to eight elements pad to eight placeholders.
    assert_eq!(
        key(&in_list(Array::I64(vec![1; 5])), false),
        key(&in_list(Array::I64(vec![2; 8])), false)
    );
    // PostgreSQL binds a list as one array, whatever its length.
    assert_eq!(
        key(&in_list(Array::I64(vec![1; 3])), true),
        key(&in_list(Array::I64(vec![2; 30])), true)
    );
}

#[test]
fn every_detail_of_the_shape_changes_the_key() {
    let one = param(Value::I64(1));
    let reference = base(one.clone());
    let others = [
        query(BinOp::Ne, "id", one.clone(), Direction::Asc),
        query(BinOp::Eq, "age", one.clone(), Direction::Asc),
        query(BinOp::Eq, "id", one.clone(), Direction::DescNullsLast),
        base(param(Value::I32(1))),
        base(param(Value::Null(Ty::I64))),
        base(Expr::Lit(Value::I64(1))),
    ];
    for numbered in [true, false] {
        for other in &others {
            assert_ne!(key(&reference, numbered), key(other, numbered), "{other:?}");
        }
    }
    // Literals are printed, so their values are part of the shape.
    assert_ne!(
        key(&base(Expr::Lit(Value::I64(1))), false),
        key(&base(Expr::Lit(Value::I64(2))), false)
    );
    // A NULL's type, a float's class, a list's padded length and a limit's sign.
    assert_ne!(
        key(&base(param(Value::Null(Ty::I64))), false),
        key(&base(param(Value::Null(Ty::Text))), false)
    );
    assert_ne!(
        key(&base(param(Value::F64(1.0))), false),
        key(&base(param(Value::F64(f64::NAN))), false)
    );
    assert_ne!(
        key(&base(param(Value::F64(f64::INFINITY))), false),
        key(&base(param(Value::F64(f64::NEG_INFINITY))), false)
    );
    assert_ne!(
        key(&in_list(Array::I64(vec![1; 8])), false),
        key(&in_list(Array::I64(vec![1; 9])), false)
    );
    assert_ne!(
        key(&in_list(Array::I64(vec![])), false),
        key(&in_list(Array::I64(vec![1])), false)
    );
    assert_ne!(
        key(&in_list(Array::F64(vec![1.0])), false),
        key(&in_list(Array::F64(vec![f64::NAN])), false)
    );
    // A decimal list's scales, element by element: SQLite rescales each element.
    #[cfg(feature = "decimal")]
    {
        let list = |scales: [u32; 2]| {
            let items = scales.map(|s| rust_decimal::Decimal::new(1, s));
            in_list(Array::Decimal(items.to_vec()))
        };
        assert_eq!(key(&list([2, 1]), false), key(&list([2, 1]), false));
        assert_ne!(key(&list([2, 1]), false), key(&list([1, 2]), false));
        assert_ne!(key(&list([2, 1]), true), key(&list([2, 2]), true));
    }
    let limited = |n: i64| {
        Query::<recto_core::Erased>::from_data(reference.clone())
            .limit(param(Value::I64(n)))
            .data()
            .clone()
    };
    assert_eq!(key(&limited(0), false), key(&limited(5), false));
    assert_ne!(key(&limited(0), false), key(&limited(-1), false));
}

#[test]
fn equal_values_change_the_key_where_placeholders_are_numbered() {
    let two = |a: i64, b: i64| {
        base(param(Value::I64(a))).clone_with_filter(Expr::binary(
            BinOp::Eq,
            field("age"),
            param(Value::I64(b)),
        ))
    };
    assert_ne!(key(&two(1, 1), true), key(&two(1, 2), true));
    assert_eq!(key(&two(1, 1), true), key(&two(3, 3), true));
    // Positional placeholders never share a value.
    assert_eq!(key(&two(1, 1), false), key(&two(1, 2), false));
}

#[test]
fn a_repeated_shape_renders_as_without_the_cache() {
    for n in [1i64, 2, 1, 3] {
        let q = base(param(Value::I64(n))).clone_with_filter(Expr::InParam {
            expr: Box::new(field("age")),
            list: Array::I64((0..n).collect()),
        });
        for dialect in [&Postgres as &dyn crate::Dialect, &MySql, &Sqlite] {
            let sql = to_sql(&q, dialect).unwrap();
            assert_eq!(sql, uncached(&q, dialect).unwrap());
            let (text, params) =
                shared_sql(&Query::<recto_core::Erased>::from_data(q.clone()), dialect).unwrap();
            assert_eq!((&*text, &params), (sql.text.as_str(), &sql.params));
            assert_eq!(sql.text.capacity(), sql.text.len());
        }
    }
}

/// A thread's copy of its last shape per dialect serves only that shape in that dialect:
/// shapes and dialects taken in turn, each twice in a row, render as without the cache.
#[test]
fn the_last_shape_a_thread_saw_serves_only_itself() {
    let shapes = [
        base(param(Value::I64(1))),
        base(param(Value::Text("t".into()))),
        query(BinOp::Lt, "id", param(Value::I64(1)), Direction::Desc),
    ];
    for round in 0..3 {
        for (at, shape) in shapes.iter().enumerate() {
            for dialect in [&Postgres as &dyn crate::Dialect, &MySql, &Sqlite] {
                for _ in 0..2 {
                    let sql = to_sql(shape, dialect).unwrap();
                    assert_eq!(sql, uncached(shape, dialect).unwrap(), "{round} {at}");
                }
            }
        }
    }
}

#[test]
fn the_store_keeps_within_its_capacity_and_finds_only_equal_keys() {
    let cache = ShapeCache::new();
    let text: Arc<str> = Arc::from("SELECT 1");
    for n in 0..3 * CAPACITY {
        let key = n.to_le_bytes();
        cache.insert(
            hash(&key),
            &key,
            Arc::clone(&text),
            Box::new([Source::Value(0)]),
            Box::new([]),
        );
        let (entries, _) = cache.usage();
        assert!(entries <= CAPACITY, "{entries} entries");
    }
    let last = (3 * CAPACITY - 1).to_le_bytes();
    assert_eq!(
        cache.get(hash(&last), &last, |text, _, _| text.to_string()),
        Some("SELECT 1".into())
    );
    // The same hash with other bytes is a miss.
    assert_eq!(cache.get(hash(&last), b"other", |_, _, _| ()), None);
    assert_eq!(cache.get(hash(&[1]), &[1], |_, _, _| ()), None);
}

#[test]
fn the_store_keeps_within_its_byte_budget() {
    let cache = ShapeCache::new();
    let text: Arc<str> = Arc::from("x".repeat(100_000));
    for n in 0..200usize {
        let key = n.to_le_bytes();
        cache.insert(
            hash(&key),
            &key,
            Arc::clone(&text),
            Box::new([]),
            Box::new([]),
        );
        let (_, bytes) = cache.usage();
        assert!(bytes <= super::cache::BYTE_BUDGET, "{bytes} bytes");
    }
    // A text bigger than a shard's share is not stored at all.
    let huge: Arc<str> = Arc::from("x".repeat(super::cache::BYTE_BUDGET));
    cache.insert(hash(b"huge"), b"huge", huge, Box::new([]), Box::new([]));
    assert_eq!(cache.get(hash(b"huge"), b"huge", |_, _, _| ()), None);
}

/// A hit marks its entry, so a shape in use outlives a sweep that evicts the others.
#[test]
fn a_used_entry_survives_eviction() {
    let cache = ShapeCache::new();
    let text: Arc<str> = Arc::from("t");
    let hot = 0usize.to_le_bytes();
    cache.insert(
        hash(&hot),
        &hot,
        Arc::clone(&text),
        Box::new([]),
        Box::new([]),
    );
    for n in 1..4 * CAPACITY {
        assert_eq!(
            cache.get(hash(&hot), &hot, |_, _, _| ()),
            Some(()),
            "evicted at {n}"
        );
        let key = n.to_le_bytes();
        cache.insert(
            hash(&key),
            &key,
            Arc::clone(&text),
            Box::new([]),
            Box::new([]),
        );
    }
}
