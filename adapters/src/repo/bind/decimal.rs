//! Exact decimals (`rust_decimal::Decimal`) bind through sqlx's own encoders: `NUMERIC` on
//! PostgreSQL and `DECIMAL` on MySQL, each keeping the value's scale. SQLite has no exact
//! decimal type: a decimal binds as its mantissa, the integer `value × 10^scale` at its own
//! scale, which the SQL the writer made for it rescales (`writer/scaled.rs`).

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

/// Adds a decimal's mantissa at its own scale (`1.50` is `150`), or a NULL, to SQLite's
/// `args`; a mantissa past 64 bits is [`Error::Unsupported`]. `None` for any other value.
#[cfg(feature = "sqlite")]
pub(super) fn bind_scaled(
    args: &mut sqlx::sqlite::SqliteArguments,
    value: &recto_core::Value,
    dialect: &'static str,
) -> Option<Result<(), Error>> {
    use recto_core::{Ty, Value};
    use sqlx::Arguments as _;

    let added = match value {
        Value::Decimal(d) => match i64::try_from(d.mantissa()) {
            Ok(mantissa) => args.add(mantissa),
            Err(_) => {
                return Some(Err(Error::Unsupported {
                    feature: "a decimal parameter whose digits do not fit in 64 bits",
                    dialect,
                }));
            }
        },
        Value::Null(Ty::Decimal) => args.add(None::<i64>),
        _ => return None,
    };
    Some(added.map_err(Error::Database))
}
