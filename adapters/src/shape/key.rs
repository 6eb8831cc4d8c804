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
//! keeps about parameter values are listed in `docs/architecture.md`.

use std::borrow::Cow;

use recto_core::{
    AggFunc, Array, BinOp, BindingRef, BoolClause, BoolOp, Direction, Distinct, Expr, FieldMeta,
    From, GroupBy, Join, JoinKind, LimitOffset, MAX_EXPR_DEPTH, Name, OrderBy, OrderTerm,
    QueryData, SchemaMeta, Select, SelectClause, Selected, Source, Ty, UnOp, Value,
};

use crate::writer::padded_len;

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
        } = query;
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
                for (name, expr) in fields {
                    self.name(name);
                    self.expr(expr, 0)?;
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
            let negative = match value {
                Value::I32(n) => *n < 0,
                Value::I64(n) => *n < 0,
                _ => false,
            };
            self.byte(u8::from(negative));
        }
        self.expr(expr, 0)
    }

    fn exprs(&mut self, exprs: &'q [Expr]) -> Result<(), Uncacheable> {
        self.len(exprs.len());
        exprs.iter().try_for_each(|expr| self.expr(expr, 0))
    }

    fn expr(&mut self, expr: &'q Expr, depth: usize) -> Result<(), Uncacheable> {
        // The planner rejects deeper expressions; stopping here keeps the walk's stack as
        // bounded as the planner's, and the render that follows reports the error.
        if depth > MAX_EXPR_DEPTH {
            return Err(Uncacheable);
        }
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
            Expr::Param(value) => {
                self.byte(1);
                self.param(value)?;
                self.slots.push(Slot::Value(value));
            }
            Expr::Field { binding, name } => {
                self.byte(2);
                self.binding(binding)?;
                self.name(name);
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
                self.byte(4);
                self.byte(binary_tag(*op)?);
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
                match arg {
                    None => self.byte(0),
                    Some(arg) => {
                        self.byte(1);
                        self.expr(arg, next)?;
                    }
                }
            }
            Expr::Coalesce(args) => {
                self.byte(10);
                self.len(args.len());
                for arg in args {
                    self.expr(arg, next)?;
                }
            }
            _ => return Err(Uncacheable),
        }
        Ok(())
    }

    /// A parameter: what the planner and the writer read of its value, and nothing more —
    /// its variant (which gives its type), a NULL's type, and a float's class (the writer
    /// rejects arithmetic with a non-finite float where the dialect cannot do it).
    fn param(&mut self, value: &Value) -> Result<(), Uncacheable> {
        self.byte(value_tag(value)?);
        match value {
            Value::Null(ty) => self.byte(ty_tag(*ty)?),
            Value::F64(f) => self.byte(float_class(*f)),
            Value::Array(array) => self.array_class(array)?,
            _ => {}
        }
        Ok(())
    }

    /// A list's element type and, for floats, whether any element is not finite.
    fn array_class(&mut self, array: &Array) -> Result<(), Uncacheable> {
        self.byte(array_tag(array)?);
        if let Array::F64(floats) = array {
            self.byte(u8::from(floats.iter().any(|f| !f.is_finite())));
        }
        Ok(())
    }

    /// A literal, in full: the writer may print it.
    fn literal(&mut self, value: &Value) -> Result<(), Uncacheable> {
        self.byte(value_tag(value)?);
        match value {
            Value::Null(ty) => self.byte(ty_tag(*ty)?),
            Value::Bool(b) => self.byte(u8::from(*b)),
            Value::I32(n) => self.key.extend_from_slice(&n.to_le_bytes()),
            Value::I64(n) => self.key.extend_from_slice(&n.to_le_bytes()),
            Value::F64(f) => self.key.extend_from_slice(&f.to_bits().to_le_bytes()),
            Value::Text(text) => self.bytes(text.as_bytes()),
            Value::Bytes(bytes) => self.bytes(bytes),
            Value::Date(date) => self.date(*date),
            Value::Timestamp(at) => self.timestamp(*at),
            Value::Array(array) => self.array(array)?,
            _ => return Err(Uncacheable),
        }
        Ok(())
    }

    /// A literal list, in full.
    fn array(&mut self, array: &Array) -> Result<(), Uncacheable> {
        self.byte(array_tag(array)?);
        self.len(array.len());
        match array {
            Array::Bool(items) => items.iter().for_each(|b| self.byte(u8::from(*b))),
            Array::I32(items) => items
                .iter()
                .for_each(|n| self.key.extend_from_slice(&n.to_le_bytes())),
            Array::I64(items) => items
                .iter()
                .for_each(|n| self.key.extend_from_slice(&n.to_le_bytes())),
            Array::F64(items) => items
                .iter()
                .for_each(|f| self.key.extend_from_slice(&f.to_bits().to_le_bytes())),
            Array::Text(items) => items.iter().for_each(|text| self.bytes(text.as_bytes())),
            Array::Date(items) => items.iter().for_each(|date| self.date(*date)),
            Array::Timestamp(items) => items.iter().for_each(|at| self.timestamp(*at)),
            _ => return Err(Uncacheable),
        }
        Ok(())
    }

    fn date(&mut self, date: chrono::NaiveDate) {
        use chrono::Datelike as _;
        self.key
            .extend_from_slice(&date.num_days_from_ce().to_le_bytes());
    }

    fn timestamp(&mut self, at: chrono::NaiveDateTime) {
        let at = at.and_utc();
        self.key.extend_from_slice(&at.timestamp().to_le_bytes());
        // Past 999_999_999 for a leap second, so the pair is exact.
        self.key
            .extend_from_slice(&at.timestamp_subsec_nanos().to_le_bytes());
    }

    fn source(&mut self, source: &Source) -> Result<(), Uncacheable> {
        match source {
            Source::Schema(schema) => {
                self.byte(0);
                self.schema(schema)?;
            }
            Source::Table(name) => {
                self.byte(1);
                self.name(name);
            }
            _ => return Err(Uncacheable),
        }
        Ok(())
    }

    /// A schema: a static one (what `#[derive(Schema)]` gives) by the address of its fields,
    /// whose contents cannot change; an owned one (deserialized) in full.
    fn schema(&mut self, schema: &SchemaMeta) -> Result<(), Uncacheable> {
        let SchemaMeta {
            table,
            fields,
            primary_key,
        } = schema;
        self.name(table);
        match fields {
            Cow::Borrowed(fields) => {
                self.byte(0);
                self.address(fields.as_ptr().addr(), fields.len());
            }
            Cow::Owned(fields) => {
                self.byte(1);
                self.len(fields.len());
                for FieldMeta {
                    name,
                    column,
                    ty,
                    nullable,
                } in fields
                {
                    self.name(name);
                    self.name(column);
                    self.byte(ty_tag(*ty)?);
                    self.byte(u8::from(*nullable));
                }
            }
        }
        match primary_key {
            Cow::Borrowed(names) => {
                self.byte(0);
                self.address(names.as_ptr().addr(), names.len());
            }
            Cow::Owned(names) => {
                self.byte(1);
                self.len(names.len());
                names.iter().for_each(|name| self.name(name));
            }
        }
        Ok(())
    }

    fn binding(&mut self, binding: &BindingRef) -> Result<(), Uncacheable> {
        match binding {
            BindingRef::Index(index) => {
                self.byte(0);
                self.len(*index);
            }
            BindingRef::Named(name) => {
                self.byte(1);
                self.name(name);
            }
            BindingRef::Last => self.byte(2),
            _ => return Err(Uncacheable),
        }
        Ok(())
    }

    /// A name: a static string by its address and length (the same address and length
    /// are the same text; equal text at two addresses only costs a miss), an owned one in
    /// full.
    fn name(&mut self, name: &Name) {
        match name {
            Cow::Borrowed(text) => {
                self.byte(0);
                self.address(text.as_ptr().addr(), text.len());
            }
            Cow::Owned(text) => {
                self.byte(1);
                self.bytes(text.as_bytes());
            }
        }
    }

    fn option_name(&mut self, name: Option<&Name>) {
        match name {
            None => self.byte(0),
            Some(name) => {
                self.byte(1);
                self.name(name);
            }
        }
    }

    fn address(&mut self, address: usize, len: usize) {
        self.key.extend_from_slice(&(address as u64).to_le_bytes());
        self.len(len);
    }

    fn bytes(&mut self, bytes: &[u8]) {
        self.len(bytes.len());
        self.key.extend_from_slice(bytes);
    }

    /// A length or an index: one byte below 255, else 255 and eight bytes. Most are small,
    /// and a short key is quicker to write, hash and compare.
    fn len(&mut self, len: usize) {
        match u8::try_from(len) {
            Ok(small) if small < u8::MAX => self.key.push(small),
            _ => {
                self.key.push(u8::MAX);
                self.key.extend_from_slice(&(len as u64).to_le_bytes());
            }
        }
    }

    fn byte(&mut self, byte: u8) {
        self.key.push(byte);
    }
}

fn binary_tag(op: BinOp) -> Result<u8, Uncacheable> {
    Ok(match op {
        BinOp::Eq => 0,
        BinOp::Ne => 1,
        BinOp::Lt => 2,
        BinOp::Le => 3,
        BinOp::Gt => 4,
        BinOp::Ge => 5,
        BinOp::And => 6,
        BinOp::Or => 7,
        BinOp::Add => 8,
        BinOp::Sub => 9,
        BinOp::Mul => 10,
        BinOp::Div => 11,
        BinOp::Rem => 12,
        _ => return Err(Uncacheable),
    })
}

fn value_tag(value: &Value) -> Result<u8, Uncacheable> {
    Ok(match value {
        Value::Null(_) => 0,
        Value::Bool(_) => 1,
        Value::I32(_) => 2,
        Value::I64(_) => 3,
        Value::F64(_) => 4,
        Value::Text(_) => 5,
        Value::Bytes(_) => 6,
        Value::Date(_) => 7,
        Value::Timestamp(_) => 8,
        Value::Array(_) => 9,
        _ => return Err(Uncacheable),
    })
}

fn array_tag(array: &Array) -> Result<u8, Uncacheable> {
    Ok(match array {
        Array::Bool(_) => 0,
        Array::I32(_) => 1,
        Array::I64(_) => 2,
        Array::F64(_) => 3,
        Array::Text(_) => 4,
        Array::Date(_) => 5,
        Array::Timestamp(_) => 6,
        _ => return Err(Uncacheable),
    })
}

fn ty_tag(ty: Ty) -> Result<u8, Uncacheable> {
    Ty::ALL
        .iter()
        .position(|known| *known == ty)
        .and_then(|at| u8::try_from(at).ok())
        .ok_or(Uncacheable)
}

/// Whether the writer prints `value` as a literal rather than binding it.
fn printed(value: &Value) -> bool {
    match value {
        Value::I32(_) | Value::I64(_) | Value::Bool(_) => true,
        Value::F64(f) => f.is_finite(),
        _ => false,
    }
}

/// A float's class: finite, NaN, +∞ or −∞.
fn float_class(f: f64) -> u8 {
    if f.is_finite() {
        0
    } else if f.is_nan() {
        1
    } else if f > 0.0 {
        2
    } else {
        3
    }
}
