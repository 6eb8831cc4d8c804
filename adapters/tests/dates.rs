//! Rendering snapshots of dates and timestamps in PostgreSQL, MySQL and SQLite: they are
//! always bound parameters, never literals in the text, so each engine receives them with
//! its own type (`DATE`/`TIMESTAMP`, `DATE`/`DATETIME`, ISO-8601 text on SQLite) from the
//! Repo's binder. A comparison reads the same in every dialect.

mod fixture;

use std::borrow::Cow;

use chrono::{NaiveDate, NaiveDateTime};
use fixture::*;
use recto_core::{Array, BinOp, Query, Schema, SchemaMeta, Ty, Value};

/// `events`: a day, a moment and an optional day.
struct Event;

impl Schema for Event {
    type Fields = ();
    const FIELDS: () = ();
    const META: SchemaMeta = SchemaMeta {
        table: Cow::Borrowed("events"),
        fields: Cow::Borrowed(&[
            field("id", Ty::I64, false),
            field("day", Ty::Date, false),
            field("at", Ty::Timestamp, false),
            field("until", Ty::Date, true),
        ]),
        primary_key: Cow::Borrowed(&[Cow::Borrowed("id")]),
    };
}

const fn field(name: &'static str, ty: Ty, nullable: bool) -> recto_core::FieldMeta {
    recto_core::FieldMeta {
        name: Cow::Borrowed(name),
        column: Cow::Borrowed(name),
        ty,
        nullable,
        max_length: None,
        decimal: None,
    }
}

fn events() -> Query<Event> {
    Query::<Event>::from_schema()
}

fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).expect("a valid date")
}

fn timestamp(y: i32, m: u32, d: u32, h: u32, min: u32, s: u32, milli: u32) -> NaiveDateTime {
    date(y, m, d)
        .and_hms_milli_opt(h, min, s, milli)
        .expect("a valid time")
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
    date_and_timestamp_comparisons => events()
        .filter(bin(BinOp::Ge, u("day"), param(Value::Date(date(2024, 2, 29)))))
        .filter(bin(BinOp::Lt, u("at"), param(Value::Timestamp(timestamp(2024, 3, 1, 13, 5, 0, 250)))))
        .select(tuple(vec![u("id"), u("day"), u("at")]));
    date_literals_are_bound => events()
        .filter(eq(u("until"), lit(Value::Date(date(1999, 12, 31)))))
        .select(tuple(vec![u("id"), lit(Value::Timestamp(timestamp(2000, 1, 1, 0, 0, 0, 0)))]));
    date_null_is_typed => events()
        .filter(eq(u("until"), param(Value::Null(Ty::Date))).or(eq(u("at"), param(Value::Null(Ty::Timestamp)))))
        .select(one(u("id")));
    date_in_param_list => events()
        .filter(in_param(u("day"), Array::Date(vec![date(2024, 1, 1), date(2024, 12, 31), date(2025, 6, 15)])))
        .select(one(u("id")));
}
