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
use crate::exprs::Exprs;
use crate::planned::{Binding, ColumnRef, Planned, PlannedExpr, SelectItem};

/// The names of a derived table's unnamed columns, by position. A column past these (a
/// select of more than 64 unnamed expressions) stays unnamed, and the outer query cannot
/// read it.
const POSITIONAL: [&str; 64] = [
    "c0", "c1", "c2", "c3", "c4", "c5", "c6", "c7", "c8", "c9", "c10", "c11", "c12", "c13", "c14",
    "c15", "c16", "c17", "c18", "c19", "c20", "c21", "c22", "c23", "c24", "c25", "c26", "c27",
    "c28", "c29", "c30", "c31", "c32", "c33", "c34", "c35", "c36", "c37", "c38", "c39", "c40",
    "c41", "c42", "c43", "c44", "c45", "c46", "c47", "c48", "c49", "c50", "c51", "c52", "c53",
    "c54", "c55", "c56", "c57", "c58", "c59", "c60", "c61", "c62", "c63",
];

/// Plans the query of a subquery source of a query planned in `context`: it sees the
/// bindings of the queries around that query, not that query's own.
pub(crate) fn derived<'q>(
    query: &'q QueryData,
    context: Context<'_, 'q>,
    clause: Clause,
    at: &'q Location,
) -> Result<Planned<'q>, Error> {
    let mut planned = crate::plan_level(query, context.nested(context.outer))?;
    name_columns(&planned.exprs, &mut planned.select, clause, at)?;
    Ok(planned)
}

/// Names the columns `select` (of expressions in `exprs`) of a query read as a table (a
/// derived table or a CTE), as the module documentation says; two columns of one name are
/// an error of `clause`.
pub(crate) fn name_columns<'q>(
    exprs: &Exprs<'q>,
    select: &mut [SelectItem<'q>],
    clause: Clause,
    at: &Location,
) -> Result<(), Error> {
    for n in 0..select.len() {
        let item = select[n];
        let name = item.alias.or_else(|| match exprs.get(item.expr) {
            PlannedExpr::Column(column) => Some(column.field),
            // An expression without a name is named after its position: engines name it
            // after its text otherwise, which MariaDB refuses as a duplicate when two
            // columns print alike (`?`).
            _ => POSITIONAL.get(n).copied(),
        });
        if let Some(name) = name {
            if select[..n]
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
            select[n].alias = Some(name);
        }
    }
    Ok(())
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
