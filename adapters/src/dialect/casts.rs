//! The type names `CAST(x AS ...)` takes in each engine: for `cast(x, T)`, and for the
//! emulations that make an engine's result decode as the type recto promises (`sum`,
//! `avg`, `coalesce`). `docs/dialects.md` records what each cast does where the engines
//! disagree.

/// The type names `CAST(x AS ...)` takes in this engine. Where the engine has no type of a
/// width (MySQL casts to `SIGNED`, a 64-bit integer, only), the name is of a wider type:
/// `cast(x, T)` casts only values that fit `T`, and decoding reads the wider integer as `T`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct CastTypes {
    /// A 16-bit signed integer, or a wider one.
    pub smallint: &'static str,
    /// A 32-bit signed integer, or a wider one.
    pub integer: &'static str,
    /// A 64-bit signed integer.
    pub bigint: &'static str,
    /// A 32-bit float, or a 64-bit one where that is the engine's only float.
    pub real: &'static str,
    /// A 64-bit float.
    pub double: &'static str,
    /// Text.
    pub text: &'static str,
    /// How a value is made a calendar date.
    pub date: DateCast,
}

/// How `cast(x, NaiveDate)` is written.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum DateCast {
    /// `CAST(x AS <name>)`.
    Cast(&'static str),
    /// `date(x)`: the engine has no date type, and recto stores dates as ISO 8601 text
    /// (`2024-01-15`) and timestamps as text that starts with one; `date` keeps that date
    /// (and is NULL for text that is not one).
    DateFunction,
}
