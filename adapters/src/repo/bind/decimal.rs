//! Exact decimals (`rust_decimal::Decimal`) bind through sqlx's own encoders: `NUMERIC` on
//! PostgreSQL and `DECIMAL` on MySQL, each keeping the value's scale. SQLite has no exact
//! decimal type, and sqlx no encoder for one there: a decimal is refused before anything is
//! sent (the writer refuses it first; this is the binder's own guard).

use recto_core::{Error, Ty, Value};
use sqlx::{Arguments, Database, Encode, Type};

/// Adds a decimal or a NULL decimal to `args`; `None` for any other value.
pub(super) fn bind<DB>(args: &mut DB::Arguments, value: &Value) -> Option<Result<(), Error>>
where
    DB: Database,
    rust_decimal::Decimal: for<'q> Encode<'q, DB> + Type<DB>,
    Option<rust_decimal::Decimal>: for<'q> Encode<'q, DB> + Type<DB>,
{
    let added = match value {
        Value::Decimal(d) => args.add(*d),
        Value::Null(Ty::Decimal) => args.add(None::<rust_decimal::Decimal>),
        _ => return None,
    };
    Some(added.map_err(Error::Database))
}

/// The error for a decimal bound on an engine without exact decimals.
pub(super) fn unsupported(dialect: &'static str) -> Error {
    Error::Unsupported {
        feature: "an exact decimal (`rust_decimal::Decimal`)",
        dialect,
    }
}
