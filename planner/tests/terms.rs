//! What a term may be where SQL gives it a fixed role: a `group_by:`/`order_by:` term must
//! depend on a row (engines read a constant integer there as a column position), a
//! condition and the operands of `&&`, `||` and `!` must be booleans where the type is known,
//! and with `distinct: true` every sort term must be selected.

mod common;

use recto_core::{
    AggFunc, BinOp, Clause, Dynamic, Erased, Expr, JoinKind, Query, Select, Selected, Source, UnOp,
    Value,
};
use recto_planner::plan;

use common::*;

fn neg(expr: Expr) -> Expr {
    Expr::Unary {
        op: UnOp::Neg,
        expr: Box::new(expr),
    }
}

fn not(expr: Expr) -> Expr {
    Expr::Unary {
        op: UnOp::Not,
        expr: Box::new(expr),
    }
}

fn boolean(b: bool) -> Expr {
    Expr::Lit(Value::Bool(b))
}

fn param(n: i32) -> Expr {
    Expr::Param(Value::I32(n))
}

/// The constant terms: each would be a column position (or fold to one) somewhere.
fn constants() -> Vec<(&'static str, Expr)> {
    vec![
        ("-1", neg(int(1))),
        ("--18", neg(neg(int(18)))),
        (
            "(true || true) && false",
            Expr::binary(
                BinOp::And,
                Expr::binary(BinOp::Or, boolean(true), boolean(true)),
                boolean(false),
            ),
        ),
        ("!false", not(boolean(false))),
        ("^1 + 2", Expr::binary(BinOp::Add, param(1), int(2))),
        ("coalesce(1, 2)", Expr::Coalesce(vec![int(1), int(2)])),
        (
            "1 in [1]",
            Expr::InList {
                expr: Box::new(int(1)),
                list: vec![int(1)],
            },
        ),
    ]
}

// Constant sort and group terms.

#[test]
fn a_constant_order_by_term_is_invalid() {
    for (written, term) in constants() {
        let q = users().order_by(asc(term));
        let reason = invalid_in(&q, Clause::OrderBy);
        assert!(reason.contains("constant"), "{written}: {reason}");
    }
}

#[test]
fn a_constant_group_by_term_is_invalid() {
    for (written, term) in constants() {
        let q = users()
            .group_by(vec![f(0, "age"), term])
            .select(select_one(f(0, "age")));
        let reason = invalid_in(&q, Clause::GroupBy);
        assert!(reason.contains("constant"), "{written}: {reason}");
    }
}

#[test]
fn terms_with_a_column_or_an_aggregate_are_not_constant() {
    let accepted = [
        neg(f(0, "age")),
        Expr::binary(BinOp::Add, f(0, "age"), param(1)),
        Expr::Coalesce(vec![int(1), f(0, "age")]),
    ];
    for term in accepted {
        let q = users().order_by(asc(term.clone()));
        assert!(plan(q.data()).is_ok(), "order_by {term:?}");
        let q = users()
            .group_by(vec![term.clone()])
            .select(select_one(term.clone()));
        assert!(plan(q.data()).is_ok(), "group_by {term:?}");
    }
    let q = users()
        .order_by(asc(neg(count())))
        .select(select_one(count()));
    assert!(plan(q.data()).is_ok());
}

// Conditions are booleans where their type is known.

#[test]
fn a_where_condition_of_a_known_non_boolean_type_is_invalid() {
    let reason = invalid_in(&users().filter(f(0, "age")), Clause::Where);
    assert!(
        reason.contains("u0.age") && reason.contains("i32"),
        "{reason}"
    );
    // A `dynamic!([u], u.age)` spliced with `where: ^d` is the same expression.
    let d = Dynamic::new(f(0, "age"));
    invalid_in(&users().filter(d.into_expr()), Clause::Where);
    invalid_in(
        &users()
            .filter(boolean(true))
            .or_filter(Expr::Param(Value::I64(1))),
        Clause::Where,
    );
    invalid_in(
        &users().filter(Expr::Param(Value::Null(recto_core::Ty::I32))),
        Clause::Where,
    );
}

#[test]
fn a_having_condition_of_a_known_non_boolean_type_is_invalid() {
    let q = users()
        .group_by(vec![f(0, "age")])
        .having(agg(AggFunc::Sum, f(0, "age")))
        .select(select_one(f(0, "age")));
    let reason = invalid_in(&q, Clause::Having);
    assert!(reason.contains("sum(u0.age)"), "{reason}");
}

#[test]
fn a_join_condition_of_a_known_non_boolean_type_is_invalid() {
    let q = users().join::<recto_core::Erased>(
        JoinKind::Inner,
        Source::schema::<Org>(),
        f(1, "id"),
        None,
    );
    invalid_in(&q, Clause::Join);
}

#[test]
fn operands_of_and_or_not_must_be_boolean_where_known() {
    let invalid = [
        Expr::binary(BinOp::And, f(0, "age"), boolean(true)),
        Expr::binary(BinOp::Or, boolean(false), f(0, "name")),
        not(f(0, "id")),
    ];
    for condition in invalid {
        invalid_in(&users().filter(condition.clone()), Clause::Where);
        // The same operators are checked in every clause, not only in conditions.
        invalid_in(&users().select(select_one(condition)), Clause::Select);
    }
}

#[test]
fn boolean_conditions_and_unknown_types_are_accepted() {
    let schemaless = || Expr::field(recto_core::BindingRef::Index(0), "flag");
    let conditions = [
        boolean(true),
        Expr::Param(Value::Bool(false)),
        Expr::Param(Value::Null(recto_core::Ty::Bool)),
        eq(f(0, "age"), int(3)),
        not(is_nil(f(0, "email"))),
    ];
    for condition in conditions {
        assert!(
            plan(users().filter(condition.clone()).data()).is_ok(),
            "{condition:?}"
        );
    }
    let q = Query::table("t")
        .filter(schemaless())
        .filter(not(schemaless()))
        .or_filter(Expr::binary(BinOp::And, schemaless(), schemaless()))
        .join::<Erased>(
            JoinKind::Inner,
            Source::Table("u".into()),
            schemaless(),
            None,
        )
        .select(select_one(schemaless()));
    assert!(plan(q.data()).is_ok());
}

// `distinct: true` sorts only by selected expressions.

#[test]
fn distinct_with_an_unselected_sort_term_is_invalid() {
    let q = users()
        .distinct(true)
        .select(select_one(f(0, "name")))
        .order_by(asc(f(0, "age")));
    let reason = invalid_in(&q, Clause::OrderBy);
    assert!(reason.contains("u0.age"), "{reason}");
    // A sort term built from a selected column is still another expression.
    let q = users()
        .distinct(true)
        .select(select_one(f(0, "age")))
        .order_by(asc(Expr::binary(BinOp::Add, f(0, "age"), int(1))));
    invalid_in(&q, Clause::OrderBy);
    let q = users()
        .distinct(true)
        .select(select_one(Expr::binary(BinOp::Add, f(0, "age"), param(1))))
        .order_by(asc(Expr::binary(BinOp::Add, f(0, "age"), param(2))));
    invalid_in(&q, Clause::OrderBy);
}

#[test]
fn distinct_sorting_by_selected_expressions_is_accepted() {
    // `select: u` (here implicit) selects every field, so any field may sort.
    let q = users().distinct(true).order_by(asc(f(0, "age")));
    assert!(plan(q.data()).is_ok());
    let coalesced = || Expr::Coalesce(vec![f(0, "name"), Expr::Lit(Value::Text("x".into()))]);
    let plus_one = || Expr::binary(BinOp::Add, f(0, "age"), param(1));
    let q = users()
        .distinct(true)
        .select(Select::Tuple(vec![
            Selected::Expr(coalesced()),
            Selected::Expr(plus_one()),
            Selected::Binding(recto_core::BindingRef::Index(0)),
        ]))
        .order_by(asc(coalesced()))
        .order_by(asc(plus_one()))
        .order_by(asc(f(0, "id")));
    assert!(plan(q.data()).is_ok());
    // Without `distinct`, any expression sorts.
    let q = users()
        .select(select_one(f(0, "name")))
        .order_by(asc(f(0, "age")));
    assert!(plan(q.data()).is_ok());
}
