//! `select:`: what each row holds — one expression, a tuple, a whole binding, or a struct
//! literal whose field names become the column aliases.

use serde::{Deserialize, Serialize};

use crate::Name;
use crate::expr::{BindingRef, Expr};
use crate::location::Location;
use crate::query::Query;
use crate::row::IntoSelection;

/// One selected thing.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub enum Selected {
    /// An expression: one column.
    Expr(Expr),
    /// A whole binding (`select: u`): every field of its schema, in declaration order.
    Binding(BindingRef),
    /// `selected_as(expr, name)`: an expression whose column is named `name`, which
    /// `order_by:` and `group_by:` refer to as `selected_as(name)`
    /// ([`BindingRef::Selected`]) and a query reading this one as a subquery as `s.name`.
    As {
        /// The expression.
        expr: Expr,
        /// The column's name.
        name: Name,
    },
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
    /// name. A field may hold a whole binding (`Membership { user: u, org: o.name }`): its
    /// first column is aliased by the field's name, the others `field.name`.
    Struct(Vec<(Name, Selected)>),
}

/// The `select` clause.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SelectClause {
    /// The row shape.
    pub select: Select,
    /// Where it was written.
    pub at: Location,
    /// Where the select it was written over was written, if the query already had one.
    /// A query selects once, as in Ecto: the planner reports both locations
    /// ([`Error::DuplicateClause`](crate::Error::DuplicateClause)) instead of letting the
    /// later select silently win. [`Query::exclude`] removes a select on purpose.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub replaced: Option<Location>,
}

/// Sets the select clause. Over an earlier one it records where that one was written, so
/// the planner can refuse the query (a composing function that selects over a query that
/// already selects is a mistake Ecto raises on, and silently replacing the row shape would
/// hide it).
pub fn apply<S, R, T>(mut query: Query<S, R>, mut clause: SelectClause) -> Query<S, T> {
    let data = query.data_mut();
    if let Some(earlier) = &data.select {
        clause.replaced = Some(earlier.at.clone());
    }
    data.select = Some(clause);
    query.retype()
}

impl<S, R> Query<S, R> {
    /// `select:`: a [`Select`] built at run time (rows then decode into the type the caller
    /// names), or the typed [`Selection`](crate::row::Selection) `from!` builds (rows decode
    /// into its type).
    #[track_caller]
    pub fn select<T: IntoSelection>(self, select: T) -> Query<S, T::Row> {
        apply(
            self,
            SelectClause {
                select: select.into_select(),
                at: Location::caller(),
                replaced: None,
            },
        )
    }
}
