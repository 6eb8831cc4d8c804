//! How a float parameter travels through serde, exactly: every `f64` bit pattern comes back
//! as itself.
//!
//! JSON has no NaN or infinity, and serde_json writes both as `null`, which no float reads
//! back. In human-readable formats a finite float stays a number (its shortest exact
//! decimal form, `-0.0` included), and the others become strings: `"NaN"`, `"inf"`,
//! `"-inf"`, and `"NaN:0x…"` with the bits of any NaN other than [`f64::NAN`]. Binary
//! formats carry every float as it is. Reading accepts those forms and integers.
//!
//! Exact reading of decimal floats also needs serde_json's `float_roundtrip` feature, which
//! recto-core turns on for the whole build (its default parser can be one unit in the last
//! place off).

use serde::de::{self, SeqAccess, Visitor};
use serde::ser::SerializeSeq;
use serde::{Deserializer, Serializer};

/// The string form of a float JSON cannot hold as a number, or `None` if it can.
fn non_finite_name(value: f64) -> Option<String> {
    if value.is_finite() {
        None
    } else if value.is_nan() {
        Some(if value.to_bits() == f64::NAN.to_bits() {
            "NaN".to_owned()
        } else {
            format!("NaN:{:#018x}", value.to_bits())
        })
    } else if value > 0.0 {
        Some("inf".to_owned())
    } else {
        Some("-inf".to_owned())
    }
}

/// The float a string form names.
fn from_name(name: &str) -> Option<f64> {
    match name {
        "NaN" => Some(f64::NAN),
        "inf" => Some(f64::INFINITY),
        "-inf" => Some(f64::NEG_INFINITY),
        _ => {
            let bits = u64::from_str_radix(name.strip_prefix("NaN:0x")?, 16).ok()?;
            Some(f64::from_bits(bits)).filter(|value| value.is_nan())
        }
    }
}

/// A float in the form above.
struct Float(f64);

impl serde::Serialize for Float {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match non_finite_name(self.0) {
            Some(name) if serializer.is_human_readable() => serializer.serialize_str(&name),
            _ => serializer.serialize_f64(self.0),
        }
    }
}

impl<'de> serde::Deserialize<'de> for Float {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Float, D::Error> {
        if deserializer.is_human_readable() {
            deserializer.deserialize_any(FloatVisitor)
        } else {
            deserializer.deserialize_f64(FloatVisitor)
        }
    }
}

struct FloatVisitor;

impl Visitor<'_> for FloatVisitor {
    type Value = Float;

    fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(r#"a number, "NaN", "inf", "-inf" or "NaN:0x" and 16 hex digits"#)
    }

    fn visit_f64<E: de::Error>(self, value: f64) -> Result<Float, E> {
        Ok(Float(value))
    }

    fn visit_i64<E: de::Error>(self, value: i64) -> Result<Float, E> {
        // An integer is only written by hand; the nearest float is what a literal means.
        Ok(Float(value as f64))
    }

    fn visit_u64<E: de::Error>(self, value: u64) -> Result<Float, E> {
        Ok(Float(value as f64))
    }

    fn visit_str<E: de::Error>(self, name: &str) -> Result<Float, E> {
        from_name(name)
            .map(Float)
            .ok_or_else(|| E::invalid_value(de::Unexpected::Str(name), &self))
    }
}

/// serde's `with` functions for one float.
pub(crate) mod one {
    use super::*;

    pub(crate) fn serialize<S: Serializer>(value: &f64, serializer: S) -> Result<S::Ok, S::Error> {
        serde::Serialize::serialize(&Float(*value), serializer)
    }

    pub(crate) fn deserialize<'de, D: Deserializer<'de>>(deserializer: D) -> Result<f64, D::Error> {
        <Float as serde::Deserialize>::deserialize(deserializer).map(|Float(value)| value)
    }
}

/// serde's `with` functions for a list of floats.
pub(crate) mod list {
    use super::*;

    pub(crate) fn serialize<S: Serializer>(
        values: &[f64],
        serializer: S,
    ) -> Result<S::Ok, S::Error> {
        let mut seq = serializer.serialize_seq(Some(values.len()))?;
        for value in values {
            seq.serialize_element(&Float(*value))?;
        }
        seq.end()
    }

    pub(crate) fn deserialize<'de, D: Deserializer<'de>>(
        deserializer: D,
    ) -> Result<Vec<f64>, D::Error> {
        deserializer.deserialize_seq(ListVisitor)
    }

    struct ListVisitor;

    impl<'de> Visitor<'de> for ListVisitor {
        type Value = Vec<f64>;

        fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
            f.write_str("a list of floats")
        }

        fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Vec<f64>, A::Error> {
            // The size hint comes from the payload: cap the preallocation, as serde does.
            let mut values = Vec::with_capacity(seq.size_hint().unwrap_or(0).min(4096));
            while let Some(Float(value)) = seq.next_element()? {
                values.push(value);
            }
            Ok(values)
        }
    }
}
