//! The shape key: an exact byte encoding of everything in a query that the planner and the
//! writer read, except parameter values, and the query's parameter slots in walk order.
//!
//! Every struct is destructured without `..`, so a new clause or field breaks this file until
//! it is encoded; every enum from `recto-core` is `#[non_exhaustive]`, and a variant this
//! walk does not know makes the query [`Uncacheable`] rather than silently shapeless.
//! Locations are left out: they only feed error messages, and errors are never cached.
//!
//! The encoding is prefix-free (every variable-length part is preceded by its length, every
//! choice by a tag), so two queries have equal keys only if they have equal shapes. It knows
//! nothing of SQL: what a dialect does with a shape is the writer's business. The facts it
//! keeps about parameter values are listed in `docs/architecture.md`. This file walks the
//! clauses and expressions; `value_key.rs` encodes values, `name_key.rs` names and sources.

use std::borrow::Cow;

use recto_core::{
    Array, BindingRef, BoolClause, BoolOp, Direction, Distinct, Expr, From, GroupBy, Join,
    JoinKind, LimitOffset, MAX_EXPR_DEPTH, OrderBy, OrderTerm, QueryData, Select, SelectClause,
    Selected, Value,
};

use super::name_key::hint_bytes;

/// A query the cache does not serve: a variant this walk does not know, an expression
/// deeper than the planner accepts, or more parameters than the equality patterns encode.
/// It is rendered as if there were no cache.
#[derive(Debug, PartialEq, Eq)]
pub(crate) struct Uncacheable;

/// A place in the query whose value is bound or compared, in walk order.
#[derive(Clone, Copy, Debug)]
pub(crate) enum Slot<'q> {
    /// An `Expr::Param` value (a `limit:`/`offset:` one too), or an `Expr::Lit` value the
    /// writer binds.
    Value(&'q Value),
    /// An `in ^list` list.
    List(&'q Array),
}

/// Writes one query's key and collects its slots.
pub(super) struct KeyWriter<'s, 'q> {
    pub(super) key: &'s mut Vec<u8>,
    pub(super) slots: &'s mut Vec<Slot<'q>>,
    /// Whether the dialect expands `in ^list` into padded placeholders, so the padded
    /// length is part of the shape.
    pub(super) expand: bool,
}

impl<'q> KeyWriter<'_, 'q> {
    /// Encodes the structure of `query` (the equality patterns are [`super::pattern`]'s).
    pub(super) fn query(&mut self, query: &'q QueryData) -> Result<(), Uncacheable> {
        let QueryData {
            from,
            joins,
            wheres,
            select,
            distinct,
            group_bys,
            havings,
            order_bys,
            limit,
            offset,
            combinations,
            with_ctes,
        } = query;
        // A member's or a CTE's structure and values would have to be in the key; until
        // they are, a query with set operations or CTEs is planned afresh every time.
        if !combinations.is_empty() || with_ctes.is_some() {
            return Err(Uncacheable);
        }
        let From {
            source,
            name,
            at: _,
        } = from;
        self.source(source)?;
        self.option_name(name.as_ref());
        self.len(joins.len());
        for Join {
            kind,
            source,
            on,
            name,
            at: _,
        } in joins
        {
            self.byte(match kind {
                JoinKind::Inner => 0,
                JoinKind::Left => 1,
                JoinKind::Right => 2,
                JoinKind::Full => 3,
                JoinKind::Cross => 4,
                JoinKind::InnerLateral => 5,
                JoinKind::LeftLateral => 6,
                _ => return Err(Uncacheable),
            });
            self.source(source)?;
            self.expr(on, 0)?;
            self.option_name(name.as_ref());
        }
        self.bool_clauses(wheres)?;
        match select {
            None => self.byte(0),
            Some(SelectClause {
                select,
                at: _,
                replaced,
            }) => {
                // Whether a clause was given twice decides an error, not its location.
                self.byte(1 + u8::from(replaced.is_some()));
                self.select(select)?;
            }
        }
        match distinct {
            None => self.byte(0),
            Some(Distinct {
                distinct,
                at: _,
                replaced,
            }) => {
                self.byte(1 + u8::from(replaced.is_some()));
                self.byte(u8::from(*distinct));
            }
        }
        self.len(group_bys.len());
        for GroupBy { exprs, at: _ } in group_bys {
            self.exprs(exprs)?;
        }
        self.bool_clauses(havings)?;
        self.len(order_bys.len());
        for OrderBy { terms, at: _ } in order_bys {
            self.len(terms.len());
            for OrderTerm { direction, expr } in terms {
                self.byte(match direction {
                    Direction::Asc => 0,
                    Direction::Desc => 1,
                    Direction::AscNullsFirst => 2,
                    Direction::AscNullsLast => 3,
                    Direction::DescNullsFirst => 4,
                    Direction::DescNullsLast => 5,
                    _ => return Err(Uncacheable),
                });
                self.expr(expr, 0)?;
            }
        }
        self.count(limit.as_ref())?;
        self.count(offset.as_ref())
    }

    fn bool_clauses(&mut self, clauses: &'q [BoolClause]) -> Result<(), Uncacheable> {
        self.len(clauses.len());
        for BoolClause { op, expr, at: _ } in clauses {
            self.byte(match op {
                BoolOp::And => 0,
                BoolOp::Or => 1,
                _ => return Err(Uncacheable),
            });
            self.expr(expr, 0)?;
        }
        Ok(())
    }

    fn select(&mut self, select: &'q Select) -> Result<(), Uncacheable> {
        match select {
            Select::One(selected) => {
                self.byte(0);
                self.selected(selected)
            }
            Select::Tuple(items) => {
                self.byte(1);
                self.len(items.len());
                items.iter().try_for_each(|item| self.selected(item))
            }
            Select::Struct(fields) => {
                self.byte(2);
                self.len(fields.len());
                for (name, item) in fields {
                    self.name(name);
                    self.selected(item)?;
                }
                Ok(())
            }
            _ => Err(Uncacheable),
        }
    }

    fn selected(&mut self, selected: &'q Selected) -> Result<(), Uncacheable> {
        match selected {
            Selected::Expr(expr) => {
                self.byte(0);
                self.expr(expr, 0)
            }
            Selected::Binding(binding) => {
                self.byte(1);
                self.binding(binding)
            }
            _ => Err(Uncacheable),
        }
    }

    /// A `limit:`/`offset:` clause. The planner rejects a negative parameter, so its sign is
    /// part of the shape.
    fn count(&mut self, clause: Option<&'q LimitOffset>) -> Result<(), Uncacheable> {
        let Some(LimitOffset { expr, at: _ }) = clause else {
            self.byte(0);
            return Ok(());
        };
        self.byte(1);
        if let Expr::Param(value) = expr {
            self.count_sign(value);
        }
        self.expr(expr, 0)
    }

    fn exprs(&mut self, exprs: &'q [Expr]) -> Result<(), Uncacheable> {
        self.len(exprs.len());
        exprs.iter().try_for_each(|expr| self.expr(expr, 0))
    }

    /// A sub-expression that may be absent (an aggregate's argument or filter, a
    /// conditional's `else`): a byte for whether it is there, then it.
    fn optional(&mut self, expr: Option<&'q Expr>, depth: usize) -> Result<(), Uncacheable> {
        match expr {
            None => {
                self.byte(0);
                Ok(())
            }
            Some(expr) => {
                self.byte(1);
                self.expr(expr, depth)
            }
        }
    }

    /// An expression. The two commonest leaves, a parameter and a field, are written here,
    /// inlined into the caller, so that they cost no call of the recursive [`Self::node`].
    #[inline(always)]
    fn expr(&mut self, expr: &'q Expr, depth: usize) -> Result<(), Uncacheable> {
        // The planner rejects deeper expressions; stopping here keeps the walk's stack as
        // bounded as the planner's, and the render that follows reports the error.
        if depth > MAX_EXPR_DEPTH {
            return Err(Uncacheable);
        }
        match expr {
            Expr::Param(value) => self.param_slot(value),
            // The most common node, written in one piece: the same bytes as the general arm
            // of `node` writes for it.
            Expr::Field {
                binding: BindingRef::Index(index),
                name: Cow::Borrowed(text),
                hint,
            } if *index < usize::from(u8::MAX) && text.len() < usize::from(u8::MAX) => {
                let mut record = [
                    2,
                    0,
                    *index as u8,
                    0,
                    0,
                    0,
                    0,
                    0,
                    0,
                    0,
                    0,
                    0,
                    text.len() as u8,
                    0,
                    0,
                ];
                let address = (text.as_ptr().addr() as u64).to_le_bytes();
                record[4..12].copy_from_slice(&address);
                record[13..15].copy_from_slice(&hint_bytes(*hint));
                self.key.extend_from_slice(&record);
                Ok(())
            }
            _ => self.node(expr, depth),
        }
    }

    /// A parameter: its class, and its slot.
    fn param_slot(&mut self, value: &'q Value) -> Result<(), Uncacheable> {
        self.byte(1);
        self.param(value)?;
        self.slots.push(Slot::Value(value));
        Ok(())
    }
}

mod node;
#[cfg(test)]
mod tests;
