//! The [`Quirks`](super::Quirks) of row values `(a, b)`.

/// How a comparison of rows (`(a, b) < (x, y)`) and a row `in` a list of rows are written.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum RowValues {
    /// `((a, b) < (x, y))` and `((a, b) IN ((1, 2), (3, 4)))`: the first unequal pair
    /// decides, and a NULL in that pair makes the result NULL.
    Native,
    /// The scalar comparisons a row comparison is defined by, with the same NULL
    /// semantics: `((a < x) OR ((a = x) AND (b < y)))`, `((a = x) AND (b = y))`, and `IN`
    /// as the `OR` of the row equalities. The engine's native form can answer wrongly.
    Expanded,
}
