//! The column of an exact decimal field: `NUMERIC(p, s)` in the dialect's spelling, from
//! the precision and scale its metadata declares.

use recto_core::{Error, FieldMeta};

use super::{DdlDialect, unsupported};

/// `NUMERIC(p, s)` (or the dialect's spelling) for a decimal field, whose precision and
/// scale must be declared and within `1 <= p <= 28`, `0 <= s <= p`; a precision past the
/// dialect's largest (18 on SQLite) is [`Error::Unsupported`].
pub(super) fn decimal_column<D: DdlDialect + ?Sized>(
    out: &mut String,
    dialect: &D,
    field: &FieldMeta,
    invalid: &impl Fn(String) -> Error,
) -> Result<(), Error> {
    let Some(spelling) = dialect.column_types().decimal else {
        return Err(unsupported(
            dialect,
            "an exact decimal (`rust_decimal::Decimal`)",
        ));
    };
    let (precision, scale) = match field.decimal {
        Some((p, s)) if (1..=28).contains(&p) && s <= p => (p, s),
        _ => {
            return Err(invalid(format!(
                "the decimal field `{}` needs a precision from 1 to 28 and a scale from 0 to \
                 its precision (`#[recto(decimal(p, s))]`)",
                field.name
            )));
        }
    };
    if precision > dialect.column_types().decimal_max_precision {
        return Err(unsupported(
            dialect,
            "a decimal of more than 18 digits (a scaled 64-bit integer)",
        ));
    }
    out.push_str(spelling);
    out.push('(');
    crate::writer::digits::push_u64(out, u64::from(precision));
    out.push_str(", ");
    crate::writer::digits::push_u64(out, u64::from(scale));
    out.push(')');
    Ok(())
}
