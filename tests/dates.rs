//! Date and time functions (`extract`, `date_add`, `datetime_add`, `ago`, `from_now`,
//! `date_diff`) as the SQL of every form in every dialect (each snapshot a reviewed claim),
//! their typing, and the typed errors of their misuse. Values on the engines are
//! `tests/dates_live.rs`'s.

mod common;

use recto::chrono::{DateTime, NaiveDate, NaiveDateTime, Utc};
use recto::prelude::*;
use recto::{BindingRef, Clause, DatePart, Error, Expr, Func, Query, Select, Selected, Unit};

use common::{Post, User, error_of, render};

#[test]
fn extract_of_every_date_part() {
    let q = from!(u in User,
        select: (extract(year, u.born), extract(quarter, u.born), extract(month, u.born),
                 extract(day, u.born), extract(dow, u.born), extract(doy, u.born)));
    insta::assert_snapshot!("extract_date_parts", render(&q));
}

#[test]
fn extract_of_every_time_part() {
    let q = from!(p in Post,
        where: extract(year, p.published_at) == 2024,
        select: (extract(hour, p.published_at), extract(minute, p.published_at),
                 extract(second, p.published_at)));
    insta::assert_snapshot!("extract_time_parts", render(&q));
}

#[test]
fn date_add_in_every_unit() {
    let q = from!(u in User,
        select: (date_add(u.born, 1, year), date_add(u.born, u.age, month),
                 date_add(u.born, -2, week), date_add(u.born, 3, day)));
    insta::assert_snapshot!("date_add_units", render(&q));
}

#[test]
fn datetime_add_in_every_unit() {
    let q = from!(p in Post,
        select: (datetime_add(p.published_at, 1, year), datetime_add(p.published_at, 1, month),
                 datetime_add(p.published_at, 1, week), datetime_add(p.published_at, 1, day),
                 datetime_add(p.published_at, -1, hour), datetime_add(p.published_at, 30, minute),
                 datetime_add(p.published_at, 5, second)));
    insta::assert_snapshot!("datetime_add_units", render(&q));
}

#[test]
fn ago_and_from_now() {
    let days = 3_i64;
    let q = from!(p in Post,
        where: p.published_at > ago(^days, day) && p.published_at < from_now(1, month),
        select: p.id);
    insta::assert_snapshot!("ago_and_from_now", render(&q));
}

#[test]
fn date_diff_and_parameters_of_date_type() {
    let day = NaiveDate::from_ymd_opt(2024, 1, 31).expect("a date");
    let at = day.and_hms_opt(23, 30, 0).expect("a time");
    let q = from!(u in User,
        where: date_diff(u.born, ^day) < 0,
        select: (date_add(^day, 1, month), datetime_add(^at, 1, hour), extract(dow, ^day),
                 date_diff(^day, u.born)));
    insta::assert_snapshot!("date_parameters", render(&q));
}

#[test]
fn instants_are_read_and_moved_in_utc() {
    let instant = NaiveDate::from_ymd_opt(2024, 1, 31)
        .and_then(|day| day.and_hms_milli_opt(23, 30, 0, 250))
        .expect("a timestamp")
        .and_utc();
    let q: Query<User, (i32, DateTime<Utc>, DateTime<Utc>)> = from!(u in User,
        select: (extract(hour, ^instant), datetime_add(^instant, 1, month),
                 datetime_add(^instant, 2, hour)));
    insta::assert_snapshot!("instants", render(&q));
}

/// The result types: `extract` and `date_diff` are `i32`s, `date_add` a date, the others
/// timestamps, each NULL where an argument may be.
#[test]
fn date_functions_are_typed() {
    let q: Query<User, (i32, NaiveDate, Option<NaiveDate>, i32)> = from!(u in User,
        select: (extract(year, u.born), date_add(u.born, 1, month),
                 date_add(u.born, u.org_id, day), date_diff(u.born, u.born)));
    assert!(q.to_sql(recto::Postgres).is_ok());
    let n: Option<i64> = None;
    let q: Query<Post, (NaiveDateTime, NaiveDateTime, Option<NaiveDateTime>, i32)> = from!(p in Post,
        select: (datetime_add(p.published_at, 1, hour), ago(1, day), from_now(^n, week),
                 extract(second, p.published_at)));
    assert!(q.to_sql(recto::Postgres).is_ok());
}

/// A query built at run time is checked by the planner: a date function's arguments, a
/// time part of a date, and a date moved by hours.
#[test]
fn misuse_at_run_time_is_a_typed_error() {
    let call = |func, args| {
        Query::<User>::from_schema().select(Select::One(Selected::Expr(Expr::Func { func, args })))
    };
    let field = |name| Expr::field(BindingRef::Index(0), name);
    let invalid = |q: &Query<User, _>, text: &str| {
        let error = error_of(q);
        assert!(
            matches!(error, Error::InvalidClause { clause: Clause::Select, ref reason, .. } if reason.contains(text)),
            "{error:?}"
        );
    };
    let q = call(Func::Extract(DatePart::Year), vec![field("name")]);
    invalid(
        &q,
        "argument 1 of `extract` must be a date or a timestamp, not Text",
    );
    let q = call(Func::Extract(DatePart::Hour), vec![field("born")]);
    invalid(
        &q,
        "argument 1 of `extract` must be a timestamp (naive or UTC), not Date",
    );
    let q = call(Func::DateAdd(Unit::Hour), vec![field("born"), field("age")]);
    invalid(&q, "`date_add` moves a date by whole days, not by the hour");
    let q = call(Func::DateAdd(Unit::Day), vec![field("born"), field("name")]);
    invalid(&q, "argument 2 of `date_add` must be an integer, not Text");
    let q = call(Func::DateDiff, vec![field("born")]);
    invalid(&q, "`date_diff` takes 2 arguments, found 1");
    let q = call(Func::Ago(Unit::Day), vec![field("born")]);
    invalid(&q, "argument 1 of `ago` must be an integer, not Date");
}

/// Two queries that differ only in a unit or part are different shapes.
#[test]
fn units_and_parts_are_part_of_the_shape() {
    let a = from!(u in User, select: date_add(u.born, 1, month));
    let b = from!(u in User, select: date_add(u.born, 1, year));
    assert_ne!(render(&a), render(&b));
    let a = from!(u in User, select: extract(month, u.born));
    let b = from!(u in User, select: extract(day, u.born));
    assert_ne!(render(&a), render(&b));
}
