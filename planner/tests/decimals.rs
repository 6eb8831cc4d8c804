//! Exact decimals in plans: float literals beside a decimal are exact decimals, and each
//! decimal expression's type and scale are the plan's (no engine is involved).

use std::borrow::Cow;

use recto_core::{
    AggFunc, BinOp, Expr, FieldMeta, Query, Schema, SchemaMeta, Select, Selected, Ty, Value,
};
use recto_planner::{PlannedExpr, plan};

struct Line;

impl Schema for Line {
    type Fields = ();
    const FIELDS: () = ();
    const META: SchemaMeta = SchemaMeta {
        table: Cow::Borrowed("lines"),
        fields: Cow::Borrowed(&[
            field("price", Ty::Decimal, Some((15, 2))),
            field("qty", Ty::I32, None),
            field("weight", Ty::F64, None),
        ]),
        primary_key: Cow::Borrowed(&[]),
    };
}

const fn field(name: &'static str, ty: Ty, decimal: Option<(u8, u8)>) -> FieldMeta {
    FieldMeta {
        name: Cow::Borrowed(name),
        column: Cow::Borrowed(name),
        ty,
        nullable: false,
        max_length: None,
        decimal,
    }
}

fn col(name: &'static str) -> Expr {
    Expr::field(recto_core::BindingRef::Index(0), name)
}

fn float(f: f64) -> Expr {
    Expr::Lit(Value::F64(f))
}

/// The type and scale of each selected expression, and whether the left operand of each
/// (where it has one) is a float literal made exact.
fn typed(exprs: Vec<Expr>) -> Vec<(Option<Ty>, Option<u32>, bool)> {
    let items = exprs.into_iter().map(Selected::Expr).collect();
    let q = Query::<Line>::from_schema().select(Select::Tuple(items));
    let planned = plan(q.data()).expect("plans");
    planned
        .select
        .iter()
        .map(|item| {
            let id = item.expr;
            let exact = match planned.exprs.get(id) {
                PlannedExpr::Binary { left, .. } => planned.exprs.is_exact_literal(*left),
                _ => false,
            };
            (planned.exprs.ty(id), planned.exprs.scale(id), exact)
        })
        .collect()
}

fn bin(op: BinOp, left: Expr, right: Expr) -> Expr {
    Expr::binary(op, left, right)
}

#[test]
fn float_literals_beside_a_decimal_are_decimals() {
    assert_eq!(
        typed(vec![
            // 1.0 - price: a decimal of scale 2, the literal exact.
            bin(BinOp::Sub, float(1.0), col("price")),
            // 0.06 - 0.01 == price: the literals' subtraction is exact too.
            bin(
                BinOp::Eq,
                bin(BinOp::Sub, float(0.06), float(0.01)),
                col("price")
            ),
            // Beside a float or an integer, a float literal stays a double.
            bin(BinOp::Sub, float(1.0), col("weight")),
            bin(BinOp::Mul, float(1.5), col("qty")),
        ]),
        vec![
            (Some(Ty::Decimal), Some(2), true),
            (Some(Ty::Bool), None, false),
            (Some(Ty::F64), None, false),
            (Some(Ty::F64), None, false),
        ]
    );
    // The comparison's left operand is the subtraction, whose literals are both exact.
    let q = Query::<Line>::from_schema().select(Select::One(Selected::Expr(bin(
        BinOp::Eq,
        bin(BinOp::Sub, float(0.06), float(0.001)),
        col("price"),
    ))));
    let planned = plan(q.data()).expect("plans");
    let PlannedExpr::Binary { left, .. } = planned.exprs.get(planned.select[0].expr) else {
        panic!("a comparison")
    };
    assert_eq!(planned.exprs.ty(*left), Some(Ty::Decimal));
    assert_eq!(planned.exprs.scale(*left), Some(3));
}

#[test]
fn decimal_scales_follow_the_sql_rules() {
    let avg = Expr::Aggregate {
        func: AggFunc::Avg,
        arg: Some(Box::new(col("price"))),
        distinct: false,
        filter: None,
    };
    let sum = Expr::Aggregate {
        func: AggFunc::Sum,
        arg: Some(Box::new(col("price"))),
        distinct: false,
        filter: None,
    };
    let tenths = Expr::Param(Value::Decimal(rust_decimal::Decimal::new(15, 1)));
    assert_eq!(
        typed(vec![
            bin(BinOp::Add, col("price"), col("qty")),
            bin(BinOp::Mul, col("price"), col("price")),
            bin(BinOp::Div, col("price"), col("qty")),
            bin(BinOp::Div, col("qty"), col("price")),
            bin(BinOp::Div, tenths, col("qty")),
        ]),
        vec![
            (Some(Ty::Decimal), Some(2), false),
            (Some(Ty::Decimal), Some(4), false),
            (Some(Ty::Decimal), Some(6), false),
            (Some(Ty::Decimal), Some(4), false),
            (Some(Ty::Decimal), Some(5), false),
        ]
    );
    // Aggregates: a sum keeps its argument's scale, an average adds 4.
    assert_eq!(
        typed(vec![sum, avg]),
        vec![
            (Some(Ty::Decimal), Some(2), false),
            (Some(Ty::Decimal), Some(6), false)
        ]
    );
}
