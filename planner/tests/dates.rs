//! The types the plan gives the date and time functions, which every engine's row decodes
//! as: `extract` and `date_diff` are `i32`s, `date_add` a date, `datetime_add`, `ago` and
//! `from_now` timestamps, each nullable where an argument is; and the arguments they
//! refuse.

mod common;

use chrono::NaiveDate;
use recto_core::{Clause, DatePart, Expr, Func, Ty, Unit, Value};
use recto_planner::plan;

use common::*;

fn day() -> Expr {
    Expr::Param(Value::Date(
        NaiveDate::from_ymd_opt(2024, 2, 29).expect("a date"),
    ))
}

fn stamp() -> Expr {
    let at = NaiveDate::from_ymd_opt(2024, 2, 29)
        .and_then(|day| day.and_hms_opt(23, 59, 59))
        .expect("a timestamp");
    Expr::Param(Value::Timestamp(at))
}

fn instant() -> Expr {
    let at = NaiveDate::from_ymd_opt(2024, 1, 31)
        .and_then(|day| day.and_hms_opt(23, 30, 0))
        .expect("a timestamp");
    Expr::Param(Value::TimestampUtc(at.and_utc()))
}

fn call(func: Func, args: Vec<Expr>) -> Expr {
    Expr::Func { func, args }
}

/// The type and nullability of `expr` selected from users.
fn typed(expr: Expr) -> (Option<Ty>, bool) {
    let q = users().select(select_one(expr));
    let planned = plan(q.data()).unwrap_or_else(|e| panic!("{e}"));
    let root = planned.select[0].expr;
    (planned.exprs.ty(root), planned.exprs.nullable(root))
}

#[test]
fn date_functions_are_typed() {
    let cases = [
        (call(Func::Extract(DatePart::Year), vec![day()]), Ty::I32),
        (
            call(Func::Extract(DatePart::Second), vec![stamp()]),
            Ty::I32,
        ),
        (
            call(Func::DateAdd(Unit::Month), vec![day(), int(1)]),
            Ty::Date,
        ),
        (
            call(Func::DatetimeAdd(Unit::Hour), vec![stamp(), f(0, "age")]),
            Ty::Timestamp,
        ),
        (call(Func::Ago(Unit::Day), vec![int(3)]), Ty::Timestamp),
        (call(Func::FromNow(Unit::Week), vec![int(3)]), Ty::Timestamp),
        (call(Func::DateDiff, vec![day(), day()]), Ty::I32),
        // An instant moved stays an instant; its parts are integers.
        (
            call(Func::DatetimeAdd(Unit::Month), vec![instant(), int(1)]),
            Ty::TimestampUtc,
        ),
        (
            call(Func::Extract(DatePart::Hour), vec![instant()]),
            Ty::I32,
        ),
    ];
    for (expr, ty) in cases {
        assert_eq!(typed(expr.clone()), (Some(ty), false), "{expr:?}");
    }
}

#[test]
fn date_functions_are_nullable_where_an_argument_is() {
    let null_day = || Expr::Param(Value::Null(Ty::Date));
    let cases = [
        call(Func::Extract(DatePart::Dow), vec![null_day()]),
        call(
            Func::DateAdd(Unit::Year),
            vec![day(), Expr::Param(Value::Null(Ty::I32))],
        ),
        call(
            Func::Ago(Unit::Day),
            vec![Expr::Param(Value::Null(Ty::I64))],
        ),
        call(Func::DateDiff, vec![day(), null_day()]),
    ];
    for expr in cases {
        assert!(typed(expr.clone()).1, "{expr:?}");
    }
}

#[test]
fn date_functions_refuse_other_arguments() {
    let refused = |expr: Expr, reason: &str| {
        let q = users().select(select_one(expr));
        let message = invalid_in(&q, Clause::Select);
        assert!(message.contains(reason), "{message}");
    };
    refused(
        call(Func::Extract(DatePart::Month), vec![f(0, "name")]),
        "argument 1 of `extract` must be a date or a timestamp, not Text",
    );
    refused(
        call(Func::Extract(DatePart::Minute), vec![day()]),
        "argument 1 of `extract` must be a timestamp (naive or UTC), not Date",
    );
    refused(
        call(Func::DateAdd(Unit::Day), vec![stamp(), int(1)]),
        "argument 1 of `date_add` must be a date, not Timestamp",
    );
    refused(
        call(Func::DateAdd(Unit::Second), vec![day(), int(1)]),
        "`date_add` moves a date by whole days, not by the second",
    );
    refused(
        call(Func::DatetimeAdd(Unit::Day), vec![day(), int(1)]),
        "argument 1 of `datetime_add` must be a timestamp (naive or UTC), not Date",
    );
    refused(
        call(Func::FromNow(Unit::Day), vec![day()]),
        "argument 1 of `from_now` must be an integer, not Date",
    );
    refused(
        call(Func::DateDiff, vec![day(), stamp()]),
        "argument 2 of `date_diff` must be a date, not Timestamp",
    );
    refused(
        call(Func::Ago(Unit::Day), vec![int(1), int(2)]),
        "`ago` takes 1 arguments, found 2",
    );
}
