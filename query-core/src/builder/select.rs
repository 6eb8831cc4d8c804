//! `select:`: what each row holds — one expression, a tuple, a whole binding, or a struct
//! literal whose field names become the column aliases.

use serde::{Deserialize, Serialize};

use crate::Name;
use crate::expr::{BindingRef, Expr};
use crate::location::Location;
use crate::query::Query;

/// One selected thing.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub enum Selected {
    /// An expression: one column.
    Expr(Expr),
    /// A whole binding (`select: u`): every field of its schema, in declaration order.
    Binding(BindingRef),
}

/// The shape of a row.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub enum Select {
    /// `select: x`.
    One(Selected),
    /// `select: (a, b, ...)`: decoded by position.
    Tuple(Vec<Selected>),
    /// `select: Summary { id: u.id, n: count() }`: columns aliased by field name, decoded by
    /// name.
    Struct(Vec<(Name, Expr)>),
}

/// The `select` clause.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SelectClause {
    /// The row shape.
    pub select: Select,
    /// Where it was written.
    pub at: Location,
}

/// Sets the select clause, replacing any earlier one (`select:` may appear once in Ecto; a
/// later composition step that selects decides the row shape).
pub fn apply<S>(mut query: Query<S>, clause: SelectClause) -> Query<S> {
    query.data_mut().select = Some(clause);
    query
}

impl<S> Query<S> {
    /// `select:`.
    #[track_caller]
    pub fn select(self, select: Select) -> Self {
        apply(
            self,
            SelectClause {
                select,
                at: Location::caller(),
            },
        )
    }
}
