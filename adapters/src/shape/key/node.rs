//! The key of an expression node that is not a leaf: a tag per variant, then its data and
//! its operands, in the order `moved.rs` walks them.

use recto_core::{AggFunc, Expr, UnOp};

use super::{KeyWriter, Slot, Uncacheable};
use crate::shape::name_key::hint_bytes;
use crate::shape::tags::{binary_tag, func_tag};
use crate::shape::value_key::{printed, ty_tag};
use crate::writer::padded_len;

impl<'q> KeyWriter<'_, 'q> {
    /// An expression that is not one of [`Self::expr`]'s leaves, at `depth`.
    pub(super) fn node(&mut self, expr: &'q Expr, depth: usize) -> Result<(), Uncacheable> {
        let next = depth + 1;
        match expr {
            Expr::Lit(value) => {
                self.byte(0);
                self.literal(value)?;
                // A literal the writer binds rather than prints is a parameter of the
                // statement, whose placeholder another value may share. (Were this test
                // wrong, the bound literal would map to no slot and nothing be cached.)
                if !printed(value) {
                    self.slots.push(Slot::Value(value));
                }
            }
            Expr::Param(value) => self.param_slot(value)?,
            Expr::Field {
                binding,
                name,
                hint,
            } => {
                self.byte(2);
                self.binding(binding)?;
                self.name(name);
                // The planner trusts a hint only at a field of the same name, so it changes
                // the column only in a hand-built schema that names two fields alike; kept,
                // so that even there equal keys mean equal plans.
                self.key.extend_from_slice(&hint_bytes(*hint));
            }
            Expr::Unary { op, expr } => {
                self.byte(3);
                self.byte(match op {
                    UnOp::Not => 0,
                    UnOp::Neg => 1,
                    _ => return Err(Uncacheable),
                });
                self.expr(expr, next)?;
            }
            Expr::Binary { op, left, right } => {
                // Both bytes in one write: this is the most common inner node.
                self.key.extend_from_slice(&[4, binary_tag(*op)?]);
                self.expr(left, next)?;
                self.expr(right, next)?;
            }
            Expr::InList { expr, list } => {
                self.byte(5);
                self.expr(expr, next)?;
                self.len(list.len());
                for item in list {
                    self.expr(item, next)?;
                }
            }
            Expr::InParam { expr, list } => {
                self.byte(6);
                self.expr(expr, next)?;
                self.array_class(list)?;
                // Where lists expand, the writer prints as many placeholders as the padded
                // length (or `(1 = 0)` for an empty list); where a list is one array, its
                // length is not in the text.
                let len = list.len();
                self.len(match (self.expand, len) {
                    (false, _) | (true, 0) => 0,
                    (true, len) => padded_len(len),
                });
                self.slots.push(Slot::List(list));
            }
            Expr::IsNil(expr) => {
                self.byte(7);
                self.expr(expr, next)?;
            }
            Expr::Like {
                expr,
                pattern,
                case_insensitive,
            } => {
                self.byte(8);
                self.byte(u8::from(*case_insensitive));
                self.expr(expr, next)?;
                self.expr(pattern, next)?;
            }
            Expr::Aggregate {
                func,
                arg,
                distinct,
                filter,
            } => {
                self.byte(9);
                self.byte(match func {
                    AggFunc::Count => 0,
                    AggFunc::Sum => 1,
                    AggFunc::Avg => 2,
                    AggFunc::Min => 3,
                    AggFunc::Max => 4,
                    _ => return Err(Uncacheable),
                });
                self.byte(u8::from(*distinct));
                self.optional(arg.as_deref(), next)?;
                self.optional(filter.as_deref(), next)?;
            }
            Expr::Coalesce(args) => {
                self.byte(10);
                self.len(args.len());
                for arg in args {
                    self.expr(arg, next)?;
                }
            }
            Expr::Func { func, args } => {
                let (tag, data) = func_tag(*func)?;
                self.key.extend_from_slice(&[12, tag, data]);
                self.len(args.len());
                for arg in args {
                    self.expr(arg, next)?;
                }
            }
            Expr::Case { whens, otherwise } => {
                self.byte(11);
                self.len(whens.len());
                for (when, then) in whens {
                    self.expr(when, next)?;
                    self.expr(then, next)?;
                }
                self.optional(otherwise.as_deref(), next)?;
            }
            Expr::Cast { expr, ty } => {
                self.key.extend_from_slice(&[14, ty_tag(*ty)?]);
                self.expr(expr, next)?;
            }
            Expr::Row(items) => {
                self.byte(13);
                self.len(items.len());
                for item in items {
                    self.expr(item, next)?;
                }
            }
            // Raw SQL is not keyed: its text would have to be keyed whole, and a spliced
            // list's length changes the statement. Queries with a fragment are rendered
            // each time.
            Expr::Fragment { .. } => return Err(Uncacheable),
            // The writer binds a path text it makes, which no slot of the query holds, so
            // a cached statement could not bind it for another query of the shape.
            Expr::JsonPath { .. } => return Err(Uncacheable),
            _ => return Err(Uncacheable),
        }
        Ok(())
    }
}
