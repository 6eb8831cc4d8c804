//! Rendering snapshots of exact decimals in PostgreSQL, MySQL and SQLite: decimals are
//! bound (`NUMERIC`, `DECIMAL`); `+ - *`, comparisons, `sum`, `min`, `max`, `coalesce` and
//! `in` are the engines' own; `/` and `avg` are written so that both servers give the
//! dividend's scale plus 4 digits, rounded half away from zero (`div` on PostgreSQL, `MOD`
//! on MySQL); a float literal beside a decimal is printed as an exact decimal; and SQLite,
//! without exact decimals, computes with the integers `value × 10^scale`: operands
//! rescaled, `/` and `avg` by long division, computed operands of comparisons guarded
//! against a silent REAL, selected decimals as the text `<integer>e-<scale>`.

#![cfg(feature = "decimal")]

mod fixture;

use std::borrow::Cow;
use std::str::FromStr;

use fixture::*;
use recto_core::{AggFunc, Array, BinOp, Direction, Expr, Query, Schema, SchemaMeta, Ty, Value};
use rust_decimal::Decimal;

/// `lines`: a price of scale 2, an optional discount of scale 4, a quantity, a weight, and
/// a decimal of unknown scale.
struct Line;

impl Schema for Line {
    type Fields = ();
    const FIELDS: () = ();
    const META: SchemaMeta = SchemaMeta {
        table: Cow::Borrowed("lines"),
        fields: Cow::Borrowed(&[
            field("id", Ty::I64, false, None),
            field("price", Ty::Decimal, false, Some((15, 2))),
            field("discount", Ty::Decimal, true, Some((5, 4))),
            field("qty", Ty::I32, false, None),
            field("weight", Ty::F64, false, None),
            // A decimal whose scale the metadata does not declare (no derive makes one).
            field("raw", Ty::Decimal, false, None),
        ]),
        primary_key: Cow::Borrowed(&[Cow::Borrowed("id")]),
    };
}

const fn field(
    name: &'static str,
    ty: Ty,
    nullable: bool,
    decimal: Option<(u8, u8)>,
) -> recto_core::FieldMeta {
    recto_core::FieldMeta {
        name: Cow::Borrowed(name),
        column: Cow::Borrowed(name),
        ty,
        nullable,
        max_length: None,
        decimal,
    }
}

fn lines() -> Query<Line> {
    Query::<Line>::from_schema()
}

fn dec(text: &str) -> Expr {
    param(Value::Decimal(Decimal::from_str(text).expect("a decimal")))
}

fn float(f: f64) -> Expr {
    lit(Value::F64(f))
}

macro_rules! cases {
    ($($name:ident => $query:expr;)*) => {$(
        #[test]
        fn $name() {
            insta::assert_snapshot!(stringify!($name), render_all(&$query));
        }
    )*};
}

cases! {
    decimal_compared_with_a_parameter => lines()
        .filter(bin(BinOp::Ge, u("price"), dec("9999999999999.99")))
        .filter(eq(u("discount"), param(Value::Null(Ty::Decimal))))
        .select(one(u("id")));
    decimal_in_param_list => lines()
        .filter(in_param(u("price"), Array::Decimal(vec![Decimal::new(110, 2), Decimal::ONE])))
        .select(one(u("id")));
    decimal_add_sub_mul => lines()
        .select(tuple(vec![
            bin(BinOp::Add, u("price"), u("qty")),
            bin(BinOp::Sub, u("price"), int(1)),
            bin(BinOp::Mul, u("price"), u("discount")),
        ]));
    decimal_division_by_a_column_and_an_integer => lines()
        .select(tuple(vec![
            bin(BinOp::Div, u("price"), u("discount")),
            bin(BinOp::Div, u("qty"), u("price")),
        ]));
    // The quotient's scale follows the parameter's own (1.5 has 1: 1 + 4 digits).
    decimal_division_of_a_parameter => lines()
        .select(one(bin(BinOp::Div, dec("1.5"), u("qty"))));
    decimal_aggregates => lines()
        .select(tuple(vec![
            agg(AggFunc::Sum, Some(u("price")), false),
            agg(AggFunc::Avg, Some(u("price")), false),
            agg(AggFunc::Avg, Some(u("discount")), true),
            agg(AggFunc::Min, Some(u("price")), false),
            agg(AggFunc::Max, Some(u("discount")), false),
        ]));
    decimal_coalesce => lines()
        .select(one(Expr::Coalesce(vec![u("discount"), int(0)])));
    // A conditional of scales 2 and 4 and an integer: cast to scale 4 on PostgreSQL, each
    // branch at scale 4 on SQLite. A filtered average filters each aggregate it is made of.
    decimal_conditional => lines()
        .select(tuple(vec![
            Expr::Case {
                whens: vec![
                    (bin(BinOp::Gt, u("qty"), int(2)), u("price")),
                    (bin(BinOp::Gt, u("qty"), int(1)), u("discount")),
                ],
                otherwise: Some(Box::new(int(0))),
            },
            u("qty"),
        ]));
    decimal_filtered_average => lines()
        .select(tuple(vec![
            Expr::Aggregate {
                func: AggFunc::Avg,
                arg: Some(Box::new(u("price"))),
                distinct: false,
                filter: Some(Box::new(bin(BinOp::Gt, u("qty"), int(2)))),
            },
        ]));
    // SQLite's scaled integers: a negation, a remainder (operands guarded), a product of
    // two scales, a literal and a parameter beside columns of other scales; a computed
    // sort and group term (guarded: an overflow would sort as a REAL).
    decimal_negation_remainder_and_scales => lines()
        .filter(bin(BinOp::Lt, bin(BinOp::Mul, u("price"), u("qty")), dec("0.125")))
        .filter(bin(BinOp::Gt, u("discount"), float(0.5)))
        .select(tuple(vec![
            neg(u("price")),
            bin(BinOp::Rem, u("price"), u("discount")),
            bin(BinOp::Mul, bin(BinOp::Sub, float(1.0), u("discount")), u("price")),
        ]));
    decimal_sort_and_group_terms => lines()
        .group_by(vec![bin(BinOp::Add, u("price"), u("discount"))])
        .select(one(agg(AggFunc::Sum, Some(u("price")), false)))
        .order_by(order(Direction::Desc, bin(BinOp::Add, u("price"), u("discount"))));
    // A decimal beside a float, which typed queries do not compile, is refused by the
    // planner on every dialect: the engines would compute in doubles.
    decimal_beside_a_float_is_refused => lines()
        .filter(eq(u("price"), u("weight")))
        .select(one(u("id")));
    decimal_plus_a_float_parameter_is_refused => lines()
        .select(one(bin(BinOp::Add, u("discount"), param(Value::F64(0.5)))));
    decimal_in_a_float_list_is_refused => lines()
        .filter(in_param(u("price"), Array::F64(vec![0.5])))
        .select(one(u("id")));
    // A dividend whose scale the plan cannot tell is refused.
    decimal_division_of_an_unknown_scale_is_refused => lines()
        .select(one(bin(BinOp::Div, u("raw"), u("price"))));
    decimal_average_of_an_unknown_scale_is_refused => lines()
        .select(one(agg(AggFunc::Avg, Some(u("raw")), false)));
    // Float literals beside a decimal are exact decimals; beside a float, doubles.
    float_literals_take_the_decimal_type => lines()
        .filter(eq(bin(BinOp::Sub, float(0.06), float(0.01)), u("discount")))
        .filter(in_list(u("price"), vec![float(0.5), float(1e-7)]))
        .select(tuple(vec![
            bin(BinOp::Sub, float(1.0), u("discount")),
            bin(BinOp::Sub, float(1.0), u("weight")),
        ]));
}
