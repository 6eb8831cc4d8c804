//! The expressions a query's clauses hold, in the order the planner reads the clauses: for
//! walks that visit every expression of a query without caring which clause holds it.

use crate::Name;
use crate::builder::combination::Combination;
use crate::builder::cte::WithCtes;
use crate::builder::filter::BoolClause;
use crate::builder::from::Source;
use crate::builder::group_by::GroupBy;
use crate::builder::join::Join;
use crate::builder::limit_offset::LimitOffset;
use crate::builder::order_by::{OrderBy, OrderTerm};
use crate::builder::select::{Select, SelectClause, Selected};
use crate::expr::Expr;
use crate::query::QueryData;

impl QueryData {
    /// The root expression of every clause, in the order the planner reads them: each
    /// join's `on:`, the `where:`s, the selected expressions (a whole binding holds none),
    /// the `group_by:` terms, the `having:`s, the `order_by:` terms, `limit:` and `offset:`.
    /// A member of `combinations` is a query of its own, whose expressions its own
    /// `exprs` gives.
    ///
    /// ```
    /// use recto_core::{BinOp, BindingRef, Expr, Query, Value};
    ///
    /// let age = || Expr::field(BindingRef::Index(0), "age");
    /// let q: Query = Query::table("users")
    ///     .filter(Expr::binary(BinOp::Gt, age(), Expr::Param(Value::I32(18))))
    ///     .limit(Expr::Lit(Value::I32(10)));
    /// let roots: Vec<&Expr> = q.data().exprs().collect();
    /// assert_eq!(roots, [&Expr::binary(BinOp::Gt, age(), Expr::Param(Value::I32(18))), &Expr::Lit(Value::I32(10))]);
    /// ```
    pub fn exprs(&self) -> impl Iterator<Item = &Expr> {
        let QueryData {
            from: _,
            joins,
            wheres,
            select,
            distinct: _,
            group_bys,
            havings,
            order_bys,
            limit,
            offset,
            combinations: _,
            with_ctes: _,
        } = self;
        let (one, items, fields): (Option<&Selected>, &[Selected], &[(Name, Selected)]) =
            match select.as_ref().map(|SelectClause { select, .. }| select) {
                Some(Select::One(selected)) => (Some(selected), &[], &[]),
                Some(Select::Tuple(items)) => (None, items, &[]),
                Some(Select::Struct(fields) | Select::Merge { binding: _, fields }) => {
                    (None, &[], fields)
                }
                None => (None, &[], &[]),
            };
        let selected = one
            .into_iter()
            .chain(items)
            .chain(fields.iter().map(|(_, selected)| selected))
            .filter_map(|selected| match selected {
                Selected::Expr(expr) | Selected::As { expr, name: _ } => Some(expr),
                Selected::Binding(_) => None,
            });
        joins
            .iter()
            .map(|Join { on, .. }| on)
            .chain(wheres.iter().map(|BoolClause { expr, .. }| expr))
            .chain(selected)
            .chain(group_bys.iter().flat_map(|GroupBy { exprs, .. }| exprs))
            .chain(havings.iter().map(|BoolClause { expr, .. }| expr))
            .chain(
                order_bys.iter().flat_map(|OrderBy { terms, .. }| {
                    terms.iter().map(|OrderTerm { expr, .. }| expr)
                }),
            )
            .chain(
                [limit, offset]
                    .into_iter()
                    .flatten()
                    .map(|LimitOffset { expr, .. }| expr),
            )
    }

    /// [`QueryData::exprs`], to change them in place.
    pub fn exprs_mut(&mut self) -> impl Iterator<Item = &mut Expr> {
        let (_, joins, _, _, rest) = self.parts_mut();
        joins.iter_mut().map(|Join { on, .. }| on).chain(rest)
    }

    /// The query's source, its joins, its set-operation members, its CTEs and the root
    /// expressions of its other clauses (those of [`QueryData::exprs`] after the joins'
    /// `on:`), to change in place: what a walk over every query nested in a statement visits
    /// (with the subqueries inside the expressions and sources).
    ///
    /// ```
    /// use recto_core::{Query, Source};
    ///
    /// let mut data = Query::table("users").with_cte("c", Query::table("orgs")).into_data();
    /// let (source, joins, members, ctes, _) = data.parts_mut();
    /// assert!(matches!(source, Source::Table(name) if name.as_ref() == "users"));
    /// assert!(joins.is_empty() && members.count() == 0);
    /// assert_eq!(ctes.map(|with| with.queries.len()), Some(1));
    /// ```
    #[allow(clippy::type_complexity)] // Each part is named by what it yields.
    pub fn parts_mut(
        &mut self,
    ) -> (
        &mut Source,
        &mut [Join],
        impl Iterator<Item = &mut QueryData>,
        Option<&mut WithCtes>,
        impl Iterator<Item = &mut Expr>,
    ) {
        let QueryData {
            from,
            joins,
            wheres,
            select,
            distinct: _,
            group_bys,
            havings,
            order_bys,
            limit,
            offset,
            combinations,
            with_ctes,
        } = self;
        let members = combinations
            .iter_mut()
            .map(|Combination { query, .. }| query);
        let (one, items, fields): (
            Option<&mut Selected>,
            &mut [Selected],
            &mut [(Name, Selected)],
        ) = match select.as_mut().map(|SelectClause { select, .. }| select) {
            Some(Select::One(selected)) => (Some(selected), &mut [], &mut []),
            Some(Select::Tuple(items)) => (None, items, &mut []),
            Some(Select::Struct(fields) | Select::Merge { binding: _, fields }) => {
                (None, &mut [], fields)
            }
            None => (None, &mut [], &mut []),
        };
        let selected = one
            .into_iter()
            .chain(items)
            .chain(fields.iter_mut().map(|(_, selected)| selected))
            .filter_map(|selected| match selected {
                Selected::Expr(expr) | Selected::As { expr, name: _ } => Some(expr),
                Selected::Binding(_) => None,
            });
        let exprs = wheres
            .iter_mut()
            .map(|BoolClause { expr, .. }| expr)
            .chain(selected)
            .chain(group_bys.iter_mut().flat_map(|GroupBy { exprs, .. }| exprs))
            .chain(havings.iter_mut().map(|BoolClause { expr, .. }| expr))
            .chain(order_bys.iter_mut().flat_map(|OrderBy { terms, .. }| {
                terms.iter_mut().map(|OrderTerm { expr, .. }| expr)
            }))
            .chain(
                [limit, offset]
                    .into_iter()
                    .flatten()
                    .map(|LimitOffset { expr, .. }| expr),
            );
        (&mut from.source, joins, members, with_ctes.as_mut(), exprs)
    }
}
