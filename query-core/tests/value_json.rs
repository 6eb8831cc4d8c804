//! Every kind of value a query can bind comes back from JSON unchanged, at the edges of
//! its range (floats have their own, bit-level suite in `float_values.rs`).

use chrono::{NaiveDate, NaiveDateTime, NaiveTime};
use recto_core::{Array, Ty, Value};

fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).expect("a valid date")
}

fn timestamp(date: NaiveDate, h: u32, min: u32, s: u32, nanos: u32) -> NaiveDateTime {
    date.and_time(NaiveTime::from_hms_nano_opt(h, min, s, nanos).expect("a valid time"))
}

#[test]
fn every_value_kind_round_trips_at_its_edges() {
    let leap_second = timestamp(date(2016, 12, 31), 23, 59, 59, 1_999_999_999);
    let mut values = vec![
        Value::Bool(true),
        Value::Bool(false),
        Value::I32(i32::MIN),
        Value::I32(i32::MAX),
        Value::I64(i64::MIN),
        Value::I64(i64::MAX),
        Value::Text(String::new()),
        Value::Text("quote \" backslash \\ nul \u{0} emoji 🦀 rtl \u{202e} bom \u{feff}".into()),
        Value::Bytes(Vec::new()),
        Value::Bytes((0..=255).collect()),
        Value::Date(NaiveDate::MIN),
        Value::Date(NaiveDate::MAX),
        Value::Date(date(-44, 3, 15)),
        Value::Timestamp(NaiveDateTime::MIN),
        Value::Timestamp(NaiveDateTime::MAX),
        Value::Timestamp(timestamp(date(2024, 2, 29), 0, 0, 0, 1)),
        Value::Timestamp(leap_second),
        Value::Array(Array::Bool(vec![true, false])),
        Value::Array(Array::I32(vec![i32::MIN, 0, i32::MAX])),
        Value::Array(Array::I64(vec![i64::MIN, i64::MAX])),
        Value::Array(Array::Text(vec![String::new(), "\"".into(), "🦀".into()])),
        Value::Array(Array::Date(vec![NaiveDate::MIN, NaiveDate::MAX])),
        Value::Array(Array::Timestamp(vec![NaiveDateTime::MIN, leap_second])),
        Value::Array(Array::Text(Vec::new())),
    ];
    values.extend(Ty::ALL.map(Value::Null));
    for value in values {
        let json = serde_json::to_string(&value).expect("a value serializes");
        let back: Value = serde_json::from_str(&json)
            .unwrap_or_else(|e| panic!("{value:?} as {json} deserializes: {e}"));
        assert_eq!(back, value, "through {json}");
        assert_eq!(back.ty(), value.ty());
    }
}

/// A decimal is its exact text in JSON (a string, never a float), so it comes back with its
/// mantissa and scale: `1.10` stays `1.10`, and 28 digits stay 28 digits.
#[cfg(feature = "decimal")]
#[test]
fn decimals_round_trip_as_their_text() {
    use rust_decimal::Decimal;

    let values = [
        Decimal::new(110, 2),
        Decimal::new(-1, 28),
        Decimal::MAX,
        Decimal::MIN,
        Decimal::from_i128_with_scale(999_999_999_999_999, 2),
        Decimal::ZERO,
    ];
    for decimal in values {
        let value = Value::Decimal(decimal);
        let json = serde_json::to_string(&value).expect("serializes");
        assert_eq!(json, format!("{{\"Decimal\":\"{decimal}\"}}"));
        let back: Value = serde_json::from_str(&json).expect("deserializes");
        let Value::Decimal(back) = back else {
            panic!("{json} came back as {back:?}")
        };
        assert_eq!(back.serialize(), decimal.serialize(), "{json}");
    }
    let list = Value::Array(Array::Decimal(values.to_vec()));
    let json = serde_json::to_string(&list).expect("serializes");
    let back: Value = serde_json::from_str(&json).expect("deserializes");
    assert_eq!(back, list);
    let null = Value::Null(Ty::Decimal);
    let back: Value = serde_json::from_str(&serde_json::to_string(&null).expect("serializes"))
        .expect("deserializes");
    assert_eq!(back, null);
}
