//! Exact decimals read from SQLite, which has none: recto selects a decimal as the text
//! `<integer>e-<scale>` (`12345e-2` for 123.45; `writer/scaled.rs`), so that the row says
//! its own scale and the decoder needs no plan. The integer must be a 64-bit integer's
//! digits: an overflow that SQLite turned into a REAL prints as `1.2e+19`, which is refused.
//! A plain integer (a decimal column read by raw SQL, or any integer) is a decimal of
//! scale 0.

use recto_core::Error;
use rust_decimal::Decimal;
use sqlx::{Row as _, TypeInfo as _, ValueRef as _};

use super::record::decode_error;

/// The decimal in column `index` of `row`, `None` for NULL.
pub(super) fn decimal(
    row: &sqlx::sqlite::SqliteRow,
    index: usize,
) -> Result<Option<Decimal>, Error> {
    let raw = row
        .try_get_raw(index)
        .map_err(|e| decode_error(index, &e))?;
    if raw.is_null() {
        return Ok(None);
    }
    let ty = raw.type_info().name().to_owned();
    let invalid = |reason: String| Error::Decode {
        column: index,
        reason,
    };
    match ty.as_str() {
        "INTEGER" => {
            let n: i64 = row.try_get(index).map_err(|e| decode_error(index, &e))?;
            Ok(Some(Decimal::from(n)))
        }
        "TEXT" => {
            let text: String = row.try_get(index).map_err(|e| decode_error(index, &e))?;
            parse(&text).map(Some).ok_or_else(|| {
                invalid(format!(
                    "`{text}` is not a scaled decimal (`<integer>e-<scale>`): the decimal's \
                     value × 10^scale overflowed 64 bits"
                ))
            })
        }
        other => Err(invalid(format!(
            "a value of SQL type `{other}` does not decode into a decimal"
        ))),
    }
}

/// `12345e-2` as 123.45: an `i64` mantissa and a scale of at most 28.
fn parse(text: &str) -> Option<Decimal> {
    let (mantissa, scale) = text.split_once("e-")?;
    let digits = mantissa.strip_prefix('-').unwrap_or(mantissa);
    if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let mantissa: i64 = mantissa.parse().ok()?;
    let scale: u32 = scale.parse().ok()?;
    Decimal::try_from_i128_with_scale(i128::from(mantissa), scale).ok()
}

#[cfg(test)]
mod tests {
    use super::parse;

    #[test]
    fn scaled_texts() {
        let ok = |text: &str, expected: &str| {
            assert_eq!(
                parse(text).map(|d| d.to_string()).as_deref(),
                Some(expected)
            );
        };
        ok("12345e-2", "123.45");
        ok("-5e-2", "-0.05");
        ok("0e-2", "0.00");
        ok("-9223372036854775808e-2", "-92233720368547758.08");
        ok("7e-0", "7");
        for bad in [
            "1.2e+19e-2",
            "9.2e18",
            "e-2",
            "-e-2",
            "12",
            "1e-29",
            "+1e-2",
        ] {
            assert_eq!(parse(bad), None, "{bad}");
        }
    }
}
