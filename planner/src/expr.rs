//! Expressions: every field turned into a column of a known binding, checked against the
//! binding's schema; `coalesce` and aggregates checked for their arguments.
//!
//! Nesting is limited to [`MAX_DEPTH`] levels, so a runaway `dynamic!` loop or a hostile
//! deserialized query is a typed error instead of a stack overflow here, in the writer or in
//! the engine.

use recto_core::schema::FieldHint;
use recto_core::{AggFunc, Array, BinOp, BindingRef, Error, Expr, Name, UnOp};

use crate::bindings::Scope;
use crate::grouping;
use crate::names;
use crate::planned::{ColumnRef, PlannedExpr, SizeHint};
use crate::terms;

/// How deeply expressions may nest, counting the `AND`/`OR` chain that combines a clause's
/// conditions. Deep enough for any written or generated query (SQLite's own limit is 1000,
/// <https://www.sqlite.org/limits.html#max_expr_depth>; sqlparser's default is 50), and
/// shallow enough that planning and printing fit in a fraction of a 2 MiB thread stack even
/// in debug builds, where one level costs one to two kilobytes of stack.
pub(crate) const MAX_DEPTH: usize = recto_core::MAX_EXPR_DEPTH;

/// Resolves the expressions of one clause.
pub(crate) struct Resolver<'s, 'a, 'q> {
    scope: Scope<'a, 'q>,
    size: &'s mut SizeHint,
    /// Whether the expression being resolved is inside an aggregate's argument.
    in_aggregate: bool,
}

impl<'s, 'a, 'q> Resolver<'s, 'a, 'q> {
    /// A resolver for the clause `scope` describes, counting into `size`.
    pub(crate) fn new(scope: Scope<'a, 'q>, size: &'s mut SizeHint) -> Self {
        Resolver {
            scope,
            size,
            in_aggregate: false,
        }
    }

    /// Resolves a whole `group_by:` or `order_by:` term, which may not be a constant (see
    /// [`terms`](crate::terms)).
    pub(crate) fn resolve_term(&mut self, expr: &'q Expr) -> Result<PlannedExpr<'q>, Error> {
        let term = self.resolve(expr, 0)?;
        terms::check_term(&self.scope, &term)?;
        Ok(term)
    }

    /// Resolves `expr`, which sits `depth` levels deep in the clause's expression.
    ///
    /// Each kind of expression is resolved by its own small function, so a level of nesting
    /// costs little stack even in debug builds (one large `match` costs kilobytes per level).
    pub(crate) fn resolve(
        &mut self,
        expr: &'q Expr,
        depth: usize,
    ) -> Result<PlannedExpr<'q>, Error> {
        if depth > MAX_DEPTH {
            return Err(self
                .scope
                .invalid("the expression is nested more than 256 levels deep"));
        }
        self.size.nodes += 1;
        let next = depth + 1;
        match expr {
            Expr::Lit(value) => Ok(PlannedExpr::Lit(value)),
            Expr::Param(value) => {
                self.size.params += 1;
                Ok(PlannedExpr::Param(value))
            }
            Expr::Field {
                binding,
                name,
                hint,
            } => self.field(binding, name, *hint).map(PlannedExpr::Column),
            Expr::Unary { op, expr } => self.unary(*op, expr, next),
            Expr::Binary { op, left, right } => self.binary(*op, left, right, next),
            Expr::InList { expr, list } => self.in_list(expr, list, next),
            Expr::InParam { expr, list } => self.in_param(expr, list, next),
            Expr::IsNil(expr) => self.is_nil(expr, next),
            Expr::Like {
                expr,
                pattern,
                case_insensitive,
            } => self.like(expr, pattern, *case_insensitive, next),
            Expr::Aggregate {
                func,
                arg,
                distinct,
            } => self.aggregate(*func, arg.as_deref(), *distinct, next),
            Expr::Coalesce(args) => self.coalesce(args, next),
            _ => Err(self
                .scope
                .invalid("this kind of expression is not supported by the planner yet")),
        }
    }

    fn field(
        &self,
        binding: &BindingRef,
        name: &'q Name,
        hint: FieldHint,
    ) -> Result<ColumnRef<'q>, Error> {
        let binding = self.scope.lookup(binding)?;
        let Some(schema) = binding.schema else {
            names::check_column(name).map_err(|reason| self.scope.invalid(reason))?;
            return Ok(ColumnRef {
                alias: binding.alias,
                column: name,
                field: name,
                ty: None,
                nullable: true,
            });
        };
        match schema.field_hinted(name, hint) {
            Some(field) => Ok(ColumnRef {
                alias: binding.alias,
                column: &field.column,
                field: &field.name,
                ty: Some(field.ty),
                nullable: field.nullable || binding.nullable,
            }),
            None => Err(Error::UnknownField {
                clause: self.scope.clause,
                field: name.to_string(),
                table: binding.table.to_owned(),
                at: self.scope.at.clone(),
            }),
        }
    }

    #[inline(never)]
    fn unary(&mut self, op: UnOp, expr: &'q Expr, depth: usize) -> Result<PlannedExpr<'q>, Error> {
        let expr = Box::new(self.resolve(expr, depth)?);
        if op == UnOp::Not {
            terms::expect_boolean(&self.scope, "the operand of `!`", &expr)?;
        }
        Ok(PlannedExpr::Unary { op, expr })
    }

    #[inline(never)]
    fn binary(
        &mut self,
        op: BinOp,
        left: &'q Expr,
        right: &'q Expr,
        depth: usize,
    ) -> Result<PlannedExpr<'q>, Error> {
        let left = Box::new(self.resolve(left, depth)?);
        let right = Box::new(self.resolve(right, depth)?);
        let logical = match op {
            BinOp::And => Some("an operand of `&&`"),
            BinOp::Or => Some("an operand of `||`"),
            _ => None,
        };
        if let Some(what) = logical {
            terms::expect_boolean(&self.scope, what, &left)?;
            terms::expect_boolean(&self.scope, what, &right)?;
        }
        Ok(PlannedExpr::Binary { op, left, right })
    }

    #[inline(never)]
    fn in_list(
        &mut self,
        expr: &'q Expr,
        list: &'q [Expr],
        depth: usize,
    ) -> Result<PlannedExpr<'q>, Error> {
        let expr = Box::new(self.resolve(expr, depth)?);
        Ok(PlannedExpr::InList {
            expr,
            list: self.all(list, depth)?,
        })
    }

    #[inline(never)]
    fn in_param(
        &mut self,
        expr: &'q Expr,
        list: &'q Array,
        depth: usize,
    ) -> Result<PlannedExpr<'q>, Error> {
        self.size.params += list.len();
        Ok(PlannedExpr::InParam {
            expr: Box::new(self.resolve(expr, depth)?),
            list,
        })
    }

    #[inline(never)]
    fn is_nil(&mut self, expr: &'q Expr, depth: usize) -> Result<PlannedExpr<'q>, Error> {
        Ok(PlannedExpr::IsNil(Box::new(self.resolve(expr, depth)?)))
    }

    #[inline(never)]
    fn like(
        &mut self,
        expr: &'q Expr,
        pattern: &'q Expr,
        case_insensitive: bool,
        depth: usize,
    ) -> Result<PlannedExpr<'q>, Error> {
        let expr = Box::new(self.resolve(expr, depth)?);
        Ok(PlannedExpr::Like {
            expr,
            pattern: Box::new(self.resolve(pattern, depth)?),
            case_insensitive,
        })
    }

    #[inline(never)]
    fn aggregate(
        &mut self,
        func: AggFunc,
        arg: Option<&'q Expr>,
        distinct: bool,
        depth: usize,
    ) -> Result<PlannedExpr<'q>, Error> {
        let nested = std::mem::replace(&mut self.in_aggregate, true);
        let arg = arg.map(|arg| self.resolve(arg, depth)).transpose();
        self.in_aggregate = nested;
        let arg = match arg? {
            Some(arg) => Some(Box::new(arg)),
            None if func == AggFunc::Count && !distinct => None,
            None if func == AggFunc::Count => {
                return Err(self
                    .scope
                    .invalid("`count(distinct)` needs an argument to compare"));
            }
            None => {
                return Err(self
                    .scope
                    .invalid("only `count()` may be called without an argument"));
            }
        };
        let aggregate = PlannedExpr::Aggregate {
            func,
            arg,
            distinct,
        };
        grouping::check_aggregate(&self.scope, nested, &aggregate)?;
        Ok(aggregate)
    }

    /// `coalesce(x)` is `x` (and SQLite rejects `coalesce` with one argument), so it plans
    /// as its argument; the level it occupied in the input still counts toward the limit,
    /// or a chain of them would recurse without bound.
    #[inline(never)]
    fn coalesce(&mut self, args: &'q [Expr], depth: usize) -> Result<PlannedExpr<'q>, Error> {
        match args {
            [] => Err(self.scope.invalid("`coalesce` needs at least one argument")),
            [only] => {
                self.size.nodes -= 1;
                self.resolve(only, depth)
            }
            _ => Ok(PlannedExpr::Coalesce(self.all(args, depth)?)),
        }
    }

    fn all(&mut self, exprs: &'q [Expr], depth: usize) -> Result<Vec<PlannedExpr<'q>>, Error> {
        exprs.iter().map(|expr| self.resolve(expr, depth)).collect()
    }
}
