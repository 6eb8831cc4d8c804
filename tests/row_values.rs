//! Row values: `(a, b) op (x, y)` and `(a, b) in [(1, 2), (3, 4)]`, as the SQL of every
//! form in every dialect (each snapshot a reviewed claim), and the typed errors of rows
//! where no row may be. Rows on the engines are `tests/row_values_live.rs`'s.

mod common;

use recto::prelude::*;
use recto::rust_decimal::Decimal;
use recto::{BinOp, BindingRef, Clause, Error, Expr, Query, Value};

use common::{Post, User, error_of, render};

#[derive(Schema, Debug)]
#[recto(table = "lines")]
pub struct Line {
    #[recto(primary_key)]
    pub id: i64,
    #[recto(decimal(10, 2))]
    pub price: Decimal,
    pub meta: recto::serde_json::Value,
}

#[test]
fn keyset_pagination_compares_rows_natively() {
    let (t, id) = (
        chrono::NaiveDate::from_ymd_opt(2024, 1, 2)
            .unwrap()
            .and_hms_opt(3, 4, 5)
            .unwrap(),
        7_i64,
    );
    let q = from!(p in Post,
        where: (p.published_at, p.id) > (^t, ^id),
        order_by: [asc: p.published_at, asc: p.id],
        limit: 2,
        select: p.id);
    insta::assert_snapshot!("keyset", render(&q));
}

#[test]
fn every_comparison_of_rows() {
    let q = from!(u in User,
        where: (u.age, u.id) == (30, 1) || (u.age, u.id) != (30, 1)
            || (u.age, u.id) < (30, 1) || (u.age, u.id) <= (30, 1)
            || (u.age, u.id, u.name) >= (30, 1, "b"),
        select: u.id);
    insta::assert_snapshot!("comparisons", render(&q));
}

#[test]
fn a_row_in_a_list_of_rows() {
    let name = "ann".to_owned();
    let q = from!(u in User,
        where: (u.age, u.name) in [(30, ^name), (41, "bob")],
        select: u.id);
    insta::assert_snapshot!("in_list", render(&q));
    let q = from!(u in User, where: (u.age, u.id) in [], select: u.id);
    insta::assert_snapshot!("in_empty_list", render(&q));
}

#[test]
fn rows_with_scaled_decimals_or_json_compare_pair_by_pair() {
    // SQLite stores decimals as scaled integers and MySQL compares JSON documents through a
    // cast: those pairs need the writer's own scalar comparison, so the rows expand.
    let price = Decimal::new(1250, 2);
    let q = from!(l in Line, where: (l.price, l.id) < (^price, 3), select: l.id);
    insta::assert_snapshot!("decimal_row", render(&q));
    let doc = recto::serde_json::json!({"a": 1});
    let q = from!(l in Line,
        where: (l.meta, l.id) == (^doc.clone(), 3) || (l.meta, l.id) in [(^doc, 4)],
        select: l.id);
    insta::assert_snapshot!("json_row", render(&q));
}

fn field(name: &'static str) -> Expr {
    Expr::field(BindingRef::Index(0), name)
}

fn row(items: Vec<Expr>) -> Expr {
    Expr::Row(items)
}

/// A query of `users` filtered by `condition`, built without the macro, as a deserialized
/// or dynamic query could be.
fn filtered(condition: Expr) -> Query {
    from!(u in User, select: u.id).erase().filter(condition)
}

fn reason_of(query: &Query) -> String {
    match error_of(query) {
        Error::InvalidClause {
            clause: Clause::Where,
            reason,
            ..
        } => reason,
        other => panic!("expected an invalid where:, got {other:?}"),
    }
}

#[test]
fn rows_of_different_lengths_are_a_typed_error() {
    let q = filtered(Expr::binary(
        BinOp::Gt,
        row(vec![field("age"), field("id")]),
        row(vec![
            Expr::Lit(Value::I32(1)),
            Expr::Lit(Value::I64(2)),
            Expr::Lit(Value::I64(3)),
        ]),
    ));
    assert_eq!(
        reason_of(&q),
        "row values of different lengths cannot be compared: a row of 2 items with one of 3"
    );
    let q = filtered(Expr::InList {
        expr: Box::new(row(vec![field("age"), field("id")])),
        list: vec![row(vec![Expr::Lit(Value::I32(1))])],
    });
    assert_eq!(reason_of(&q), "a row value has two or more items: `(a, b)`");
}

#[test]
fn a_row_anywhere_else_is_a_typed_error() {
    let pair = || row(vec![field("age"), field("id")]);
    let elsewhere = [
        // A row compared with a scalar.
        Expr::binary(BinOp::Eq, pair(), field("id")),
        // A row in arithmetic.
        Expr::binary(BinOp::Add, pair(), pair()),
        // A row as the condition itself.
        pair(),
        // A row inside a row.
        Expr::binary(
            BinOp::Eq,
            row(vec![pair(), field("id")]),
            row(vec![pair(), field("id")]),
        ),
        // A scalar tested in a list holding a row.
        Expr::InList {
            expr: Box::new(field("id")),
            list: vec![pair()],
        },
        // A row tested in a list holding a scalar.
        Expr::InList {
            expr: Box::new(pair()),
            list: vec![field("id")],
        },
        // A row tested in a subquery.
        Expr::Subquery {
            test: recto::SubqueryTest::In,
            operand: Some(Box::new(pair())),
            query: from!(p in Post, select: p.id).erase(),
        },
    ];
    for condition in elsewhere {
        let reason = reason_of(&filtered(condition));
        assert!(
            reason.starts_with("a row value `(a, b, ...)` is only allowed"),
            "{reason}"
        );
    }
}

#[test]
fn an_item_compared_with_order_must_be_ordered() {
    let doc = recto::serde_json::json!(1);
    let q = from!(l in Line, select: l.id).erase().filter(Expr::binary(
        BinOp::Lt,
        row(vec![field("meta"), field("id")]),
        row(vec![
            Expr::Param(recto::ToValue::to_value(doc)),
            Expr::Lit(Value::I64(1)),
        ]),
    ));
    match error_of(&q) {
        Error::InvalidClause { reason, .. } => assert!(
            reason.starts_with(
                "an item of a row compared with `<`, `<=`, `>` or `>=` must have an order"
            ),
            "{reason}"
        ),
        other => panic!("{other:?}"),
    }
}
