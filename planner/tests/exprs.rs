//! The plan's arena of expressions: structural equality of planned expressions agrees with
//! the equality of the expressions the query was written with, lists keep their order, and
//! the walks that scan the arena report the first offending column as written.

mod common;

use recto_core::{AggFunc, BinOp, Clause, Expr, Select, Selected, Ty, UnOp, Value};
use recto_planner::{ExprId, PlannedExpr};

use common::*;

fn add(left: Expr, right: Expr) -> Expr {
    Expr::binary(BinOp::Add, left, right)
}

fn param(n: i32) -> Expr {
    Expr::Param(Value::I32(n))
}

/// Expressions that differ from one another in one detail each, with some written twice.
/// None is a one-argument `coalesce`, which plans as its argument and so would be equal to
/// it after planning only.
fn variants() -> Vec<Expr> {
    let age = || f(0, "age");
    let id = || f(0, "id");
    vec![
        age(),
        id(),
        int(1),
        param(1),
        param(2),
        Expr::Lit(Value::I64(1)),
        add(age(), int(1)),
        add(age(), int(1)),
        add(age(), param(1)),
        add(age(), param(1)),
        add(age(), param(2)),
        Expr::binary(BinOp::Sub, age(), int(1)),
        add(int(1), age()),
        // The same leaves in another shape.
        add(add(age(), id()), int(1)),
        add(age(), add(id(), int(1))),
        Expr::Unary {
            op: UnOp::Neg,
            expr: Box::new(age()),
        },
        Expr::Unary {
            op: UnOp::Neg,
            expr: Box::new(id()),
        },
        Expr::InList {
            expr: Box::new(age()),
            list: vec![int(1), int(2)],
        },
        Expr::InList {
            expr: Box::new(age()),
            list: vec![int(1), int(2)],
        },
        Expr::InList {
            expr: Box::new(age()),
            list: vec![int(1)],
        },
        Expr::InList {
            expr: Box::new(age()),
            list: vec![int(2), int(1)],
        },
        Expr::InList {
            expr: Box::new(age()),
            list: vec![],
        },
        Expr::Coalesce(vec![age(), id(), int(1)]),
        Expr::Coalesce(vec![age(), Expr::Coalesce(vec![id(), int(1)])]),
        Expr::Coalesce(vec![Expr::Coalesce(vec![age(), id()]), int(1)]),
        agg(AggFunc::Max, age()),
        agg(AggFunc::Min, age()),
        agg(AggFunc::Max, add(age(), int(1))),
        count(),
        Expr::Aggregate {
            func: AggFunc::Count,
            arg: Some(Box::new(age())),
            distinct: true,
            filter: None,
        },
        Expr::Aggregate {
            func: AggFunc::Count,
            arg: Some(Box::new(age())),
            distinct: false,
            filter: None,
        },
        is_nil(age()),
        is_nil(id()),
        row_cmp(BinOp::Lt, vec![age(), id()], vec![int(1), int(2)]),
        row_cmp(BinOp::Lt, vec![age(), id()], vec![int(1), int(2)]),
        row_cmp(BinOp::Le, vec![age(), id()], vec![int(1), int(2)]),
        row_cmp(BinOp::Lt, vec![id(), age()], vec![int(1), int(2)]),
        row_cmp(
            BinOp::Lt,
            vec![age(), id(), age()],
            vec![int(1), int(2), int(3)],
        ),
        cast(age(), Ty::I64),
        cast(age(), Ty::I64),
        cast(age(), Ty::F64),
        cast(id(), Ty::I64),
    ]
}

fn row_cmp(op: BinOp, left: Vec<Expr>, right: Vec<Expr>) -> Expr {
    Expr::binary(op, Expr::Row(left), Expr::Row(right))
}

fn cast(expr: Expr, ty: Ty) -> Expr {
    Expr::Cast {
        expr: Box::new(expr),
        ty,
    }
}

#[test]
fn casts_and_row_comparisons_are_typed_and_nullable_as_their_operands() {
    let null = || Expr::Param(Value::Null(Ty::I32));
    let cases = [
        (cast(f(0, "age"), Ty::I64), Some(Ty::I64), false),
        (cast(f(0, "age"), Ty::Text), Some(Ty::Text), false),
        (cast(f(0, "name"), Ty::Date), Some(Ty::Date), false),
        (cast(null(), Ty::F64), Some(Ty::F64), true),
        (
            row_cmp(
                BinOp::Gt,
                vec![f(0, "age"), f(0, "id")],
                vec![int(1), int(2)],
            ),
            Some(Ty::Bool),
            false,
        ),
        (
            row_cmp(
                BinOp::Gt,
                vec![f(0, "age"), f(0, "id")],
                vec![int(1), null()],
            ),
            Some(Ty::Bool),
            true,
        ),
        (
            Expr::InList {
                expr: Box::new(Expr::Row(vec![f(0, "age"), f(0, "id")])),
                list: vec![Expr::Row(vec![int(1), null()])],
            },
            Some(Ty::Bool),
            true,
        ),
    ];
    for (expr, ty, nullable) in cases {
        let q = users().select(select_one(expr.clone()));
        let p = planned(&q);
        let id = p.select[0].expr;
        assert_eq!(
            (p.exprs.ty(id), p.exprs.nullable(id)),
            (ty, nullable),
            "{expr:?}"
        );
    }
}

#[test]
fn a_row_comparison_plans_as_a_comparison_of_two_rows_in_written_order() {
    let q = users().select(select_one(row_cmp(
        BinOp::Ge,
        vec![f(0, "age"), f(0, "id")],
        vec![int(1), param(2)],
    )));
    let p = planned(&q);
    let PlannedExpr::Binary {
        op: BinOp::Ge,
        left,
        right,
    } = p.expr(p.select[0].expr)
    else {
        panic!("{:?}", p.expr(p.select[0].expr))
    };
    let (PlannedExpr::Row(left), PlannedExpr::Row(right)) = (p.expr(*left), p.expr(*right)) else {
        panic!("two rows")
    };
    let left: Vec<&str> = p
        .exprs
        .list(*left)
        .iter()
        .map(|id| column(&p, *id).field)
        .collect();
    assert_eq!(left, ["age", "id"]);
    let right: Vec<&PlannedExpr<'_>> = p.exprs.list(*right).iter().map(|id| p.expr(*id)).collect();
    assert!(
        matches!(
            right.as_slice(),
            [
                PlannedExpr::Lit(Value::I32(1)),
                PlannedExpr::Param(Value::I32(2))
            ]
        ),
        "{right:?}"
    );
}

#[test]
fn a_cast_the_engines_disagree_on_is_an_error() {
    let q = users().select(select_one(cast(f(0, "id"), Ty::I16)));
    assert_eq!(
        invalid_in(&q, Clause::Select),
        "`cast(u0.id, i16)` casts a `i64`, which the engines turn into a `i16` differently (or not at all)"
    );
}

#[test]
fn structural_equality_of_planned_expressions_is_equality_of_the_written_ones() {
    let written = variants();
    // Grouped by the primary key, so columns and aggregates may be selected together.
    let q = users().group_by(vec![f(0, "id")]).select(Select::Tuple(
        written.iter().cloned().map(Selected::Expr).collect(),
    ));
    let p = planned(&q);
    let ids: Vec<ExprId> = p.select.iter().map(|item| item.expr).collect();
    assert_eq!(ids.len(), written.len());
    for (i, a) in written.iter().enumerate() {
        for (j, b) in written.iter().enumerate() {
            assert_eq!(
                p.exprs.same(ids[i], ids[j]),
                a == b,
                "select item {i} ({a:?}) against item {j} ({b:?})"
            );
        }
    }
}

#[test]
fn a_list_keeps_its_operands_in_written_order() {
    let q = users().select(select_one(Expr::InList {
        expr: Box::new(f(0, "age")),
        list: vec![int(3), Expr::Coalesce(vec![f(0, "id"), int(1)]), param(4)],
    }));
    let p = planned(&q);
    let PlannedExpr::InList { expr, list } = p.expr(p.select[0].expr) else {
        panic!("{:?}", p.expr(p.select[0].expr))
    };
    assert_eq!(column(&p, *expr).field, "age");
    let operands: Vec<&PlannedExpr<'_>> =
        p.exprs.list(*list).iter().map(|id| p.expr(*id)).collect();
    assert!(
        matches!(
            operands.as_slice(),
            [
                PlannedExpr::Lit(Value::I32(3)),
                PlannedExpr::Coalesce(_),
                PlannedExpr::Param(Value::I32(4))
            ]
        ),
        "{operands:?}"
    );
    let PlannedExpr::Coalesce(args) = operands[1] else {
        unreachable!()
    };
    let args: Vec<&PlannedExpr<'_>> = p.exprs.list(*args).iter().map(|id| p.expr(*id)).collect();
    assert!(
        matches!(
            args.as_slice(),
            [PlannedExpr::Column(_), PlannedExpr::Lit(Value::I32(1))]
        ),
        "{args:?}"
    );
}

#[test]
fn the_grouping_error_names_the_first_ungrouped_column_as_written() {
    // `age` is grouped; `name` and `email` are not, and the one written first is named,
    // wherever it sits in the expression.
    for (select, first) in [
        (
            Expr::Coalesce(vec![f(0, "age"), f(0, "name"), f(0, "email")]),
            "name",
        ),
        (
            Expr::Coalesce(vec![f(0, "email"), agg(AggFunc::Max, f(0, "name"))]),
            "email",
        ),
        (
            Expr::binary(
                BinOp::Eq,
                add(f(0, "age"), int(1)),
                Expr::Coalesce(vec![f(0, "name"), f(0, "email")]),
            ),
            "name",
        ),
    ] {
        let q = users()
            .group_by(vec![f(0, "age")])
            .select(select_one(select));
        let reason = invalid_in(&q, Clause::Select);
        assert!(
            reason.contains(&format!("the field `{first}`")),
            "the reason should name `{first}`: {reason}"
        );
    }
}

#[test]
fn every_planned_node_is_in_the_arena_once() {
    // `u.age + 1 > ^2` is five nodes, `is_nil(u.email)` two, the `AND` that combines them
    // one, and `select: u` five columns.
    let q = users()
        .filter(Expr::binary(BinOp::Gt, add(f(0, "age"), int(1)), param(2)))
        .filter(is_nil(f(0, "email")));
    let p = planned(&q);
    assert_eq!(p.exprs.len(), 5 + 2 + 1 + 5);
    assert_eq!(
        p.size.nodes,
        p.exprs.len() + 1,
        "the nodes and the one binding"
    );
}
