//! `select:`: what each row holds — one expression, a tuple, a whole binding, or a struct
//! literal whose field names become the column aliases.

use serde::{Deserialize, Serialize};

use crate::Name;
use crate::expr::{BindingRef, Expr};
use crate::location::Location;
use crate::query::Query;
use crate::row::{IntoSelection, Mergeable, Named, Selection};

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
    /// `select_merge: T { .. }` over a query that selects a whole binding (or nothing, its
    /// root): the binding's fields, each a column named after the field, with `fields`
    /// replacing those of their names and adding the others, decoded by name as a struct
    /// literal is. (A merge into a struct literal is that struct literal merged.)
    Merge {
        /// The binding whose fields come first.
        binding: BindingRef,
        /// The fields merged in.
        fields: Vec<(Name, Selected)>,
    },
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

/// `fields` merged into `into`: a field of the same name replaced in place, the others
/// appended in order.
fn merge_fields(into: &mut Vec<(Name, Selected)>, fields: Vec<(Name, Selected)>) {
    for (name, selected) in fields {
        match into.iter_mut().find(|(existing, _)| *existing == name) {
            Some(slot) => slot.1 = selected,
            None => into.push((name, selected)),
        }
    }
}

impl<S, R> Query<S, R> {
    /// `select_merge: T { field: x, .. }` (Ecto's `select_merge`): the fields merged into
    /// the query's select, a struct literal or a whole binding (or the root binding where
    /// it selects nothing), the rows decoded as `T` by the fields' names. Over a select of
    /// another shape (a tuple, one expression) the planner refuses the query, as for a
    /// second `select:`; a typed query has no such select ([`Mergeable`]).
    #[track_caller]
    pub fn select_merge<T>(mut self, merged: Selection<Named<T>>) -> Query<S, Named<T>>
    where
        R: Mergeable,
    {
        let at = Location::caller();
        let Select::Struct(fields) = merged.into_select() else {
            return apply(
                self,
                SelectClause {
                    select: Select::Struct(Vec::new()),
                    at: at.clone(),
                    replaced: Some(at),
                },
            );
        };
        let earlier = self.data_mut().select.take();
        let (select, replaced) = match earlier {
            Some(SelectClause {
                select: Select::Struct(mut into),
                replaced,
                at: _,
            }) => {
                merge_fields(&mut into, fields);
                (Select::Struct(into), replaced)
            }
            Some(SelectClause {
                select:
                    Select::Merge {
                        binding,
                        fields: mut into,
                    },
                replaced,
                at: _,
            }) => {
                merge_fields(&mut into, fields);
                (
                    Select::Merge {
                        binding,
                        fields: into,
                    },
                    replaced,
                )
            }
            Some(SelectClause {
                select: Select::One(Selected::Binding(binding)),
                replaced,
                at: _,
            }) => (Select::Merge { binding, fields }, replaced),
            None => (
                Select::Merge {
                    binding: BindingRef::Index(0),
                    fields,
                },
                None,
            ),
            // Another shape: the planner refuses it as a select written twice.
            Some(SelectClause { at: earlier, .. }) => (Select::Struct(fields), Some(earlier)),
        };
        self.data_mut().select = Some(SelectClause {
            select,
            at,
            replaced,
        });
        self.retype()
    }

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
