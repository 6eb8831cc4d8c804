//! Conditionals (`Expr::Case`) and aggregate filters: their result types and nullability,
//! the description errors quote, and the typed errors of their misuse.

mod common;

use recto_core::{AggFunc, BinOp, Clause, Expr, Select, Selected, Ty, Value};
use recto_planner::ExprId;

use common::*;

fn case(whens: Vec<(Expr, Expr)>, otherwise: Option<Expr>) -> Expr {
    Expr::Case {
        whens,
        otherwise: otherwise.map(Box::new),
    }
}

fn filtered(func: AggFunc, arg: Option<Expr>, filter: Expr) -> Expr {
    Expr::Aggregate {
        func,
        arg: arg.map(Box::new),
        distinct: false,
        filter: Some(Box::new(filter)),
    }
}

fn gt(left: Expr, right: Expr) -> Expr {
    Expr::binary(BinOp::Gt, left, right)
}

fn null(ty: Ty) -> Expr {
    Expr::Lit(Value::Null(ty))
}

/// The type and nullability of each selected expression.
fn typed(exprs: Vec<Expr>) -> Vec<(Option<Ty>, bool)> {
    let q = users().select(Select::Tuple(
        exprs.into_iter().map(Selected::Expr).collect(),
    ));
    let p = planned(&q);
    let ids: Vec<ExprId> = p.select.iter().map(|item| item.expr).collect();
    ids.into_iter()
        .map(|id| (p.exprs.ty(id), p.exprs.nullable(id)))
        .collect()
}

#[test]
fn branches_unify_and_a_missing_else_or_a_null_branch_is_nullable() {
    let adult = || gt(f(0, "age"), int(18));
    let types = typed(vec![
        case(vec![(adult(), f(0, "age"))], Some(f(0, "id"))),
        case(
            vec![(adult(), f(0, "age")), (adult(), int(1))],
            Some(int(0)),
        ),
        case(vec![(adult(), f(0, "name"))], None),
        case(vec![(adult(), null(Ty::I32))], Some(f(0, "age"))),
        case(vec![(adult(), int(1))], Some(Expr::Lit(Value::F64(0.5)))),
        case(vec![(adult(), adult())], Some(Expr::Lit(Value::Bool(true)))),
    ]);
    assert_eq!(
        types,
        [
            (Some(Ty::I64), false),
            (Some(Ty::I32), false),
            (Some(Ty::Text), true),
            (Some(Ty::I32), true),
            (Some(Ty::F64), false),
            (Some(Ty::Bool), false),
        ]
    );
}

#[test]
fn a_filter_keeps_its_aggregate_s_type_and_count_is_never_null() {
    let adult = || gt(f(0, "age"), int(18));
    let types = typed(vec![
        filtered(AggFunc::Count, None, adult()),
        filtered(AggFunc::Sum, Some(f(0, "age")), adult()),
        filtered(AggFunc::Max, Some(f(0, "name")), adult()),
        Expr::Aggregate {
            func: AggFunc::Sum,
            arg: Some(Box::new(case(vec![(adult(), f(0, "age"))], Some(int(0))))),
            distinct: false,
            filter: None,
        },
    ]);
    assert_eq!(
        types,
        [
            (Some(Ty::I64), false),
            (Some(Ty::I64), true),
            (Some(Ty::Text), true),
            (Some(Ty::I64), true),
        ]
    );
}

#[test]
fn misuse_is_a_typed_error_that_quotes_the_expression() {
    let select = |expr: Expr| users().select(select_one(expr));
    let adult = || gt(f(0, "age"), int(18));
    let errors = [
        select(case(vec![], Some(int(1)))),
        select(case(vec![(f(0, "age"), int(1))], None)),
        select(case(vec![(adult(), f(0, "name"))], Some(f(0, "age")))),
        select(filtered(AggFunc::Count, None, f(0, "name"))),
        select(filtered(AggFunc::Count, None, gt(count(), int(1)))),
    ];
    let reasons: Vec<String> = errors
        .iter()
        .map(|q| invalid_in(q, Clause::Select))
        .collect();
    assert_eq!(
        reasons,
        [
            "a conditional needs at least one `if` branch",
            "the condition of `if` must be a boolean, but `u0.age` is a `i32`: compare it with something (the engines disagree on what a non-boolean means there)",
            "the branches of `if` have no one type: `u0.name` is a `String` and `u0.age` a `i32`",
            "the condition of `filter` must be a boolean, but `u0.name` is a `String`: compare it with something (the engines disagree on what a non-boolean means there)",
            "the aggregate `count()` is inside another aggregate's argument, which no engine computes: aggregate in a subquery first",
        ]
    );
}

#[test]
fn a_conditional_in_where_must_be_boolean_and_is_grouped_like_any_expression() {
    let q = users().filter(case(vec![(gt(f(0, "age"), int(18)), f(0, "name"))], None));
    assert!(invalid_in(&q, Clause::Where).contains("must be a boolean"));
    // Grouped by age, a conditional of the age is grouped too.
    let q = users().group_by(vec![f(0, "age")]).select(select_one(case(
        vec![(gt(f(0, "age"), int(18)), int(1))],
        Some(int(0)),
    )));
    planned(&q);
}
