//! The part of the shape key that encodes values: literals in full, parameters only by
//! what the planner and the writer read of them (see `docs/architecture.md`), and the tags
//! of value variants, list element types and SQL types.

use recto_core::{Array, Ty, Value};

use super::key::{KeyWriter, Uncacheable};

impl KeyWriter<'_, '_> {
    /// A `limit:`/`offset:` parameter's sign: the planner rejects a negative count.
    pub(super) fn count_sign(&mut self, value: &Value) {
        let negative = match value {
            Value::I32(n) => *n < 0,
            Value::I64(n) => *n < 0,
            _ => false,
        };
        self.byte(u8::from(negative));
    }

    /// A parameter: what the planner and the writer read of its value, and nothing more —
    /// its variant (which gives its type), a NULL's type, a float's class (the writer
    /// rejects arithmetic with a non-finite float where the dialect cannot do it) and a
    /// decimal's scale (the scale of a quotient of it).
    pub(super) fn param(&mut self, value: &Value) -> Result<(), Uncacheable> {
        let tag = value_tag(value)?;
        match value {
            Value::Null(ty) => self.key.extend_from_slice(&[tag, ty_tag(*ty)?]),
            Value::F64(f) => self.key.extend_from_slice(&[tag, float_class(*f)]),
            // A decimal's scale sets the scale of a quotient or an average of it.
            #[cfg(feature = "decimal")]
            Value::Decimal(d) => self.key.extend_from_slice(&[tag, d.scale() as u8]),
            Value::Array(array) => {
                self.byte(tag);
                self.array_class(array)?;
            }
            _ => self.byte(tag),
        }
        Ok(())
    }

    /// A list's element type; for floats, whether any element is not finite; for decimals,
    /// each element's scale (SQLite rescales each bound mantissa to the list's largest).
    pub(super) fn array_class(&mut self, array: &Array) -> Result<(), Uncacheable> {
        self.byte(array_tag(array)?);
        match array {
            Array::F64(floats) => self.byte(u8::from(floats.iter().any(|f| !f.is_finite()))),
            #[cfg(feature = "decimal")]
            Array::Decimal(items) => {
                let len = u32::try_from(items.len()).map_err(|_| Uncacheable)?;
                self.key.extend_from_slice(&len.to_le_bytes());
                items.iter().for_each(|d| self.byte(d.scale() as u8));
            }
            _ => {}
        }
        Ok(())
    }

    /// A literal, in full: the writer may print it.
    pub(super) fn literal(&mut self, value: &Value) -> Result<(), Uncacheable> {
        self.byte(value_tag(value)?);
        match value {
            Value::Null(ty) => self.byte(ty_tag(*ty)?),
            Value::Bool(b) => self.byte(u8::from(*b)),
            Value::I32(n) => self.key.extend_from_slice(&n.to_le_bytes()),
            Value::I64(n) => self.key.extend_from_slice(&n.to_le_bytes()),
            Value::F64(f) => self.key.extend_from_slice(&f.to_bits().to_le_bytes()),
            Value::Text(text) => self.bytes(text.as_bytes()),
            Value::Bytes(bytes) => self.bytes(bytes),
            Value::Date(date) => self.date(*date),
            Value::Timestamp(at) => self.timestamp(*at),
            Value::Time(time) => self.time(*time),
            Value::TimestampUtc(at) => self.timestamp(at.naive_utc()),
            #[cfg(feature = "uuid")]
            Value::Uuid(id) => self.key.extend_from_slice(id.as_bytes()),
            // Its mantissa and scale: `1.10` and `1.1` print differently.
            #[cfg(feature = "decimal")]
            Value::Decimal(d) => self.key.extend_from_slice(&d.serialize()),
            Value::Array(array) => self.array(array)?,
            _ => return Err(Uncacheable),
        }
        Ok(())
    }

    /// A literal list, in full.
    fn array(&mut self, array: &Array) -> Result<(), Uncacheable> {
        self.byte(array_tag(array)?);
        self.len(array.len());
        match array {
            Array::Bool(items) => items.iter().for_each(|b| self.byte(u8::from(*b))),
            Array::I32(items) => items
                .iter()
                .for_each(|n| self.key.extend_from_slice(&n.to_le_bytes())),
            Array::I64(items) => items
                .iter()
                .for_each(|n| self.key.extend_from_slice(&n.to_le_bytes())),
            Array::F64(items) => items
                .iter()
                .for_each(|f| self.key.extend_from_slice(&f.to_bits().to_le_bytes())),
            Array::Text(items) => items.iter().for_each(|text| self.bytes(text.as_bytes())),
            Array::Date(items) => items.iter().for_each(|date| self.date(*date)),
            Array::Timestamp(items) => items.iter().for_each(|at| self.timestamp(*at)),
            Array::Time(items) => items.iter().for_each(|time| self.time(*time)),
            Array::TimestampUtc(items) => {
                items.iter().for_each(|at| self.timestamp(at.naive_utc()))
            }
            #[cfg(feature = "uuid")]
            Array::Uuid(items) => items
                .iter()
                .for_each(|id| self.key.extend_from_slice(id.as_bytes())),
            #[cfg(feature = "decimal")]
            Array::Decimal(items) => items
                .iter()
                .for_each(|d| self.key.extend_from_slice(&d.serialize())),
            _ => return Err(Uncacheable),
        }
        Ok(())
    }

    fn date(&mut self, date: chrono::NaiveDate) {
        use chrono::Datelike as _;
        self.key
            .extend_from_slice(&date.num_days_from_ce().to_le_bytes());
    }

    fn time(&mut self, time: chrono::NaiveTime) {
        use chrono::Timelike as _;
        self.key
            .extend_from_slice(&time.num_seconds_from_midnight().to_le_bytes());
        // Past 999_999_999 for a leap second, so the pair is exact.
        self.key.extend_from_slice(&time.nanosecond().to_le_bytes());
    }

    fn timestamp(&mut self, at: chrono::NaiveDateTime) {
        let at = at.and_utc();
        self.key.extend_from_slice(&at.timestamp().to_le_bytes());
        // Past 999_999_999 for a leap second, so the pair is exact.
        self.key
            .extend_from_slice(&at.timestamp_subsec_nanos().to_le_bytes());
    }
}

pub(super) fn value_tag(value: &Value) -> Result<u8, Uncacheable> {
    Ok(match value {
        Value::Null(_) => 0,
        Value::Bool(_) => 1,
        Value::I32(_) => 2,
        Value::I64(_) => 3,
        Value::F64(_) => 4,
        Value::Text(_) => 5,
        Value::Bytes(_) => 6,
        Value::Date(_) => 7,
        Value::Timestamp(_) => 8,
        Value::Array(_) => 9,
        Value::Time(_) => 10,
        Value::TimestampUtc(_) => 11,
        #[cfg(feature = "uuid")]
        Value::Uuid(_) => 12,
        #[cfg(feature = "json")]
        Value::Json(_) => 13,
        #[cfg(feature = "decimal")]
        Value::Decimal(_) => 14,
        _ => return Err(Uncacheable),
    })
}

fn array_tag(array: &Array) -> Result<u8, Uncacheable> {
    Ok(match array {
        Array::Bool(_) => 0,
        Array::I32(_) => 1,
        Array::I64(_) => 2,
        Array::F64(_) => 3,
        Array::Text(_) => 4,
        Array::Date(_) => 5,
        Array::Timestamp(_) => 6,
        Array::Time(_) => 7,
        Array::TimestampUtc(_) => 8,
        #[cfg(feature = "uuid")]
        Array::Uuid(_) => 9,
        #[cfg(feature = "json")]
        Array::Json(_) => 10,
        #[cfg(feature = "decimal")]
        Array::Decimal(_) => 11,
        _ => return Err(Uncacheable),
    })
}

pub(super) fn ty_tag(ty: Ty) -> Result<u8, Uncacheable> {
    Ty::ALL
        .iter()
        .position(|known| *known == ty)
        .and_then(|at| u8::try_from(at).ok())
        .ok_or(Uncacheable)
}

/// Whether the writer prints `value` as a literal rather than binding it.
pub(super) fn printed(value: &Value) -> bool {
    match value {
        Value::I32(_) | Value::I64(_) | Value::Bool(_) => true,
        Value::F64(f) => f.is_finite(),
        _ => false,
    }
}

/// A float's class: finite, NaN, +∞ or −∞.
fn float_class(f: f64) -> u8 {
    if f.is_finite() {
        0
    } else if f.is_nan() {
        1
    } else if f > 0.0 {
        2
    } else {
        3
    }
}
