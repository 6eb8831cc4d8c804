//! Raw SQL inside an expression: `fragment("lower(?) = ?", u.name, ^v)`.
//!
//! The text comes from a string literal of the program (the macro refuses anything else),
//! split at its `?` placeholders into [`FragmentPart`]s. What fills a placeholder is never
//! text: an expression printed as any other, a list bound element by element, or an
//! identifier the dialect quotes. A fragment is the user's SQL, so recto neither checks
//! nor rewrites it; a deserialized one is refused unless the caller trusts the payload
//! ([`Catalog::trusting_fragments`](crate::Catalog::trusting_fragments)).

use serde::{Deserialize, Serialize};

use crate::Name;
use crate::value::Array;

/// One piece of a fragment, in the order it is printed.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub enum FragmentPart {
    /// SQL text, printed as it is: a piece of the literal between two placeholders.
    Sql(Name),
    /// A placeholder filled by the fragment's next argument expression (the arguments are
    /// [`Expr::Fragment`](crate::Expr::Fragment)'s `args`, in order), printed in
    /// parentheses.
    Arg,
    /// `splice(^list)`: one bound parameter per element, separated by commas. An empty
    /// list is a planning error, since `f()` and `x IN ()` mean something else or nothing.
    Splice(Array),
    /// `identifier(^name)`: a table, column or other name chosen at run time, quoted and
    /// escaped by the dialect. It is never bound (SQL takes no parameter there) and never
    /// printed unquoted; an empty name or one with a NUL character is a planning error.
    Identifier(Name),
}

impl FragmentPart {
    /// The SQL text `text`, borrowed from the program's literal.
    pub const fn sql(text: &'static str) -> FragmentPart {
        FragmentPart::Sql(Name::Borrowed(text))
    }
}
