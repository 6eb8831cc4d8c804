//! Exact decimals (`rust_decimal::Decimal`) bind through sqlx's own encoders: `NUMERIC` on
//! PostgreSQL and `DECIMAL` on MySQL, each keeping the value's scale. SQLite has no exact
//! decimal type, and sqlx no encoder for one there: a decimal is refused before anything is
//! sent (the writer refuses it first; this is the binder's own guard).

use recto_core::Error;

/// Adds a decimal or a NULL decimal to `args`; `None` for any other value.
#[cfg(any(feature = "postgres", feature = "mysql"))]
pub(super) fn bind<DB>(
    args: &mut DB::Arguments,
    value: &recto_core::Value,
) -> Option<Result<(), Error>>
where
    DB: sqlx::Database,
    rust_decimal::Decimal: for<'q> sqlx::Encode<'q, DB> + sqlx::Type<DB>,
    Option<rust_decimal::Decimal>: for<'q> sqlx::Encode<'q, DB> + sqlx::Type<DB>,
{
    use recto_core::{Ty, Value};
    use sqlx::Arguments as _;

    let added = match value {
        Value::Decimal(d) => args.add(*d),
        Value::Null(Ty::Decimal) => args.add(None::<rust_decimal::Decimal>),
        _ => return None,
    };
    Some(added.map_err(Error::Database))
}

/// The error for a decimal bound on an engine without exact decimals.
#[cfg(feature = "sqlite")]
pub(super) fn unsupported(dialect: &'static str) -> Error {
    Error::Unsupported {
        feature: "an exact decimal (`rust_decimal::Decimal`)",
        dialect,
    }
}
