//! Queries nested in a query: subquery sources (derived tables) and subqueries in
//! expressions, each planned by the same [`plan_level`](crate::plan_level) as the
//! statement's own query, one level deeper, with the enclosing queries' bindings in scope
//! for `parent_as`.
//!
//! A derived table's columns are what the outer query reads by name (`s.total`): each
//! selected column is named after its struct-literal field, its `u.field`, or a field of a
//! selected binding, and two columns of one name are an error (MariaDB refuses a derived
//! table with two, and a reference to one would be ambiguous everywhere).

use recto_core::{Clause, Error, Location, QueryData, SubqueryTest};

use crate::bindings::Context;
use crate::planned::{Binding, ColumnRef, Planned, PlannedExpr};

/// Plans the query of a subquery source of a query planned in `context`: it sees the
/// bindings of the queries around that query, not that query's own.
pub(crate) fn derived<'q>(
    query: &'q QueryData,
    context: Context<'_, 'q>,
    clause: Clause,
    at: &'q Location,
) -> Result<Planned<'q>, Error> {
    let mut planned = crate::plan_level(query, context.nested(context.outer))?;
    for n in 0..planned.select.len() {
        let item = planned.select[n];
        let name = item.alias.or_else(|| match planned.exprs.get(item.expr) {
            PlannedExpr::Column(column) => Some(column.field),
            _ => None,
        });
        if let Some(name) = name {
            if planned.select[..n]
                .iter()
                .any(|earlier| earlier.alias == Some(name))
            {
                return Err(Error::InvalidClause {
                    clause,
                    reason: format!(
                        "the subquery selects two columns named `{name}`, which the query cannot tell apart: name them with a struct literal (`select: Row {{ a: x.{name}, b: y.{name} }}`)"
                    ),
                    at: at.clone(),
                });
            }
            planned.select[n].alias = Some(name);
        }
    }
    Ok(planned)
}

/// The column `name` of `binding`, which reads the derived table `planned`.
pub(crate) fn derived_column<'q>(
    binding: &Binding<'q>,
    planned: &Planned<'q>,
    name: &str,
) -> Option<ColumnRef<'q>> {
    let item = planned
        .select
        .iter()
        .find(|item| item.alias.is_some_and(|alias| alias == name))?;
    let column = item.alias?;
    let exprs = &planned.exprs;
    Some(ColumnRef {
        alias: binding.alias,
        column,
        field: column,
        ty: exprs.ty(item.expr),
        decimal: exprs
            .scale(item.expr)
            .filter(|_| exprs.ty(item.expr) == Some(recto_core::Ty::Decimal))
            .and_then(|scale| u8::try_from(scale).ok())
            .map(|scale| (0, scale)),
        nullable: binding.nullable || exprs.nullable(item.expr),
    })
}

/// The names of a derived table's columns, for an error.
pub(crate) fn column_names(planned: &Planned<'_>) -> String {
    let names: Vec<String> = planned
        .select
        .iter()
        .filter_map(|item| item.alias.map(|alias| format!("`{alias}`")))
        .collect();
    if names.is_empty() {
        "none: name them with a struct literal select".to_owned()
    } else {
        names.join(", ")
    }
}

/// Whether a test needs its query to select one column.
pub(crate) fn one_column(test: SubqueryTest) -> bool {
    !matches!(test, SubqueryTest::Exists)
}
