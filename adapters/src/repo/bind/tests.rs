//! The binders' unit tests: arrays refused where an engine takes none, owned and borrowed
//! values bound alike, and every kind of value bound on PostgreSQL.

use recto_core::Array;

use super::*;

#[cfg(feature = "mysql")]
#[test]
fn mysql_rejects_arrays() {
    let err = mysql(Cow::Borrowed(&[
        Value::I32(1),
        Value::Array(Array::I64(vec![1, 2])),
    ]))
    .unwrap_err();
    assert!(
        matches!(
            err,
            Error::Unsupported {
                dialect: "MySQL",
                ..
            }
        ),
        "{err}"
    );
}

#[cfg(feature = "sqlite")]
#[test]
fn sqlite_rejects_arrays() {
    for params in [
        Cow::Borrowed(&[Value::Array(Array::Text(vec![]))][..]),
        Cow::Owned(vec![
            Value::Text("a".into()),
            Value::Array(Array::Text(vec![])),
        ]),
    ] {
        let err = sqlite(params).unwrap_err();
        assert!(
            matches!(
                err,
                Error::Unsupported {
                    dialect: "SQLite",
                    ..
                }
            ),
            "{err}"
        );
    }
}

/// Moving owned values in must bind exactly what binding them by reference binds.
#[cfg(feature = "sqlite")]
#[test]
fn sqlite_binds_owned_values_as_borrowed_ones() {
    let params = vec![
        Value::Text("it's".into()),
        Value::Bytes(vec![0, 255]),
        Value::Null(Ty::Text),
        Value::I64(-1),
        Value::Text(String::new()),
        Value::Date(NaiveDate::MIN),
    ];
    let borrowed = sqlite(Cow::Borrowed(&params)).unwrap();
    let owned = sqlite(Cow::Owned(params.clone())).unwrap();
    assert_eq!(owned.len(), params.len());
    assert_eq!(format!("{owned:?}"), format!("{borrowed:?}"));
    assert!(
        format!("{owned:?}").contains(r#"Text("it's")"#),
        "{owned:?}"
    );
}

#[cfg(feature = "postgres")]
#[test]
fn postgres_binds_every_kind() {
    let params = [
        Value::Null(Ty::I16),
        Value::Null(Ty::Text),
        Value::Bool(true),
        Value::I64(i64::MAX),
        Value::Text("it's".into()),
        Value::Bytes(vec![0, 255]),
        Value::Array(Array::I64(vec![])),
        Value::Array(Array::Text(vec!["a".into()])),
        Value::Date(NaiveDate::MIN),
        Value::Timestamp(NaiveDateTime::MAX),
        Value::Null(Ty::Date),
        Value::Null(Ty::Timestamp),
        Value::Array(Array::Date(vec![NaiveDate::MAX])),
        Value::Array(Array::Timestamp(vec![])),
    ];
    let args = postgres(Cow::Borrowed(&params)).unwrap();
    assert_eq!(args.len(), params.len());
}
