//! Expressions: every field turned into a column of a known binding, checked against the
//! binding's schema; `coalesce` and aggregates checked for their arguments. Each planned
//! node is pushed into the plan's arena right after its operands (the layout
//! [`Exprs`] documents).
//!
//! Nesting is limited to [`MAX_DEPTH`] levels, so a runaway `dynamic!` loop or a hostile
//! deserialized query is a typed error instead of a stack overflow here, in the writer or in
//! the engine.

mod aggregate;
mod case;
mod cast;
mod fragment;
pub(crate) mod func;
mod json_path;
mod membership;
mod row;
mod subquery;

use recto_core::schema::FieldHint;
use recto_core::{BinOp, BindingRef, Clause, Error, Expr, Name, Select, Selected, UnOp};

use crate::bindings::{Level, Scope};
use crate::cte;
use crate::decimal;
use crate::exprs::{ExprId, ExprList, Exprs};
use crate::names;
use crate::nesting;
use crate::planned::{Binding, ColumnRef, OuterRef, PlannedExpr, SizeHint};
use crate::terms;

/// How deeply expressions may nest, counting the `AND`/`OR` chain that combines a clause's
/// conditions. Deep enough for any written or generated query (SQLite's own limit is 1000,
/// <https://www.sqlite.org/limits.html#max_expr_depth>; sqlparser's default is 50), and
/// shallow enough that planning and printing fit in a fraction of a 2 MiB thread stack even
/// in debug builds, where one level costs one to two kilobytes of stack.
pub(crate) const MAX_DEPTH: usize = recto_core::MAX_EXPR_DEPTH;

/// What planning builds as it resolves clauses: the arena and the parameter count.
pub(crate) struct Draft<'q> {
    /// Every planned node so far.
    pub(crate) exprs: Exprs<'q>,
    /// The parameters counted so far (`nodes` is filled in at the end, from the arena).
    pub(crate) size: SizeHint,
    /// Whether an aggregate has been planned. Planning rejects one outside `select:`,
    /// `having:` and `order_by:`, so this tells whether those clauses call one.
    pub(crate) aggregates: bool,
    /// The columns of enclosing queries referred to so far ([`Planned::outer`]).
    pub(crate) outer: Vec<OuterRef<'q>>,
}

impl<'q> Draft<'q> {
    /// A draft that plans into `exprs`.
    pub(crate) fn new(exprs: Exprs<'q>) -> Self {
        Draft {
            exprs,
            size: SizeHint::default(),
            aggregates: false,
            outer: Vec::new(),
        }
    }
}

/// Resolves the expressions of one clause.
pub(crate) struct Resolver<'s, 'a, 'q> {
    scope: Scope<'a, 'q>,
    draft: &'s mut Draft<'q>,
    /// Whether the expression being resolved is inside an aggregate's argument.
    in_aggregate: bool,
}

impl<'s, 'a, 'q> Resolver<'s, 'a, 'q> {
    /// A resolver for the clause `scope` describes, planning into `draft`.
    pub(crate) fn new(scope: Scope<'a, 'q>, draft: &'s mut Draft<'q>) -> Self {
        Resolver {
            scope,
            draft,
            in_aggregate: false,
        }
    }

    /// Resolves a whole `group_by:` or `order_by:` term, which may not be a constant (see
    /// [`terms`](crate::terms)).
    pub(crate) fn resolve_term(&mut self, expr: &'q Expr) -> Result<ExprId, Error> {
        let term = self.resolve(expr, 0)?;
        terms::check_term(&self.scope, &self.draft.exprs, term)?;
        if self.scope.clause == Clause::OrderBy {
            terms::expect_ordered(&self.scope, "a sort term", &self.draft.exprs, term)?;
        }
        Ok(term)
    }

    /// Resolves `expr`, which sits `depth` levels deep in the clause's expression.
    ///
    /// Each kind of expression is resolved by its own small function, so a level of nesting
    /// costs little stack even in debug builds (one large `match` costs kilobytes per level).
    pub(crate) fn resolve(&mut self, expr: &'q Expr, depth: usize) -> Result<ExprId, Error> {
        if depth > MAX_DEPTH {
            return Err(self
                .scope
                .invalid("the expression is nested more than 256 levels deep"));
        }
        let next = depth + 1;
        match expr {
            Expr::Lit(value) => Ok(self.push(PlannedExpr::Lit(value))),
            Expr::Param(value) => {
                self.draft.size.params += 1;
                Ok(self.push(PlannedExpr::Param(value)))
            }
            Expr::Field {
                binding: BindingRef::Selected,
                name,
                hint: _,
            } => self.selected_as(name, next),
            Expr::Field {
                binding,
                name,
                hint,
            } => {
                let column = self.field(binding, name, *hint)?;
                Ok(self.push(PlannedExpr::Column(column)))
            }
            Expr::Unary { op, expr } => self.unary(*op, expr, next),
            Expr::Binary { op, left, right } => match (&**left, &**right) {
                (Expr::Row(_), _) | (_, Expr::Row(_)) => {
                    self.row_comparison(*op, left, right, next)
                }
                _ => self.binary(*op, left, right, next),
            },
            Expr::InList { expr, list } => match &**expr {
                Expr::Row(items) => self.row_in_list(items, list, next),
                _ => self.in_list(expr, list, next),
            },
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
                filter,
            } => self.aggregate(*func, arg.as_deref(), *distinct, filter.as_deref(), next),
            Expr::Coalesce(args) => self.coalesce(args, next),
            Expr::Func { func, args } => self.func(*func, args, next),
            Expr::Case { whens, otherwise } => self.case(whens, otherwise.as_deref(), next),
            Expr::Row(_) => Err(self.row_elsewhere()),
            Expr::Cast { expr, ty } => self.cast(expr, *ty, next),
            Expr::Fragment { parts, args, ty } => self.fragment(parts, args, *ty, next),
            Expr::JsonPath { expr, path, as_ } => self.json_path(expr, path, *as_, next),
            Expr::Subquery {
                test,
                operand,
                query,
            } => self.subquery(*test, operand.as_deref(), query, next),
            _ => Err(self
                .scope
                .invalid("this kind of expression is not supported by the planner yet")),
        }
    }

    /// Adds a node whose operands are planned.
    fn push(&mut self, expr: PlannedExpr<'q>) -> ExprId {
        self.draft.exprs.push(expr)
    }

    fn field(
        &mut self,
        binding: &BindingRef,
        name: &'q Name,
        hint: FieldHint,
    ) -> Result<ColumnRef<'q>, Error> {
        if let BindingRef::Parent(parent) = binding {
            let (binding, level, levels) = self.scope.parent(parent)?;
            let column = self.column(binding, level, name, hint)?;
            self.draft.outer.push(OuterRef { levels, column });
            return Ok(column);
        }
        let binding = self.scope.lookup(binding)?;
        self.column(binding, self.scope.level, name, hint)
    }

    /// The field `name` of `binding`, a binding of the query `level` plans. A schema's
    /// field, by far the most common, is looked up here; the other sources out of line.
    #[inline]
    fn column(
        &self,
        binding: &Binding<'q>,
        level: &Level<'_, 'q>,
        name: &'q Name,
        hint: FieldHint,
    ) -> Result<ColumnRef<'q>, Error> {
        let Some(schema) = binding.schema else {
            return self.column_of_other_source(binding, level, name);
        };
        match schema.field_hinted(name, hint) {
            Some(field) => Ok(ColumnRef::of_field(binding, field)),
            None => Err(Error::UnknownField {
                clause: self.scope.clause,
                field: name.to_string(),
                table: binding.table.to_owned(),
                at: self.scope.at.clone(),
            }),
        }
    }

    /// [`Resolver::column`] of a binding without a schema: a CTE's column, a subquery
    /// source's, a values list's, or a schemaless table's (any name).
    #[inline(never)]
    fn column_of_other_source(
        &self,
        binding: &Binding<'q>,
        level: &Level<'_, 'q>,
        name: &'q Name,
    ) -> Result<ColumnRef<'q>, Error> {
        if binding.cte {
            return cte::column(binding, level, name).ok_or_else(|| Error::UnknownField {
                clause: self.scope.clause,
                field: name.to_string(),
                table: format!(
                    "CTE `{}` (its columns: {})",
                    binding.table,
                    cte::column_names(binding, level)
                ),
                at: self.scope.at.clone(),
            });
        }
        if let Some(planned) = binding.derived.and_then(|n| level.derived.get(n)) {
            return nesting::derived_column(binding, planned, name).ok_or_else(|| {
                Error::UnknownField {
                    clause: self.scope.clause,
                    field: name.to_string(),
                    table: format!(
                        "subquery {} (its columns: {})",
                        binding.alias,
                        nesting::column_names(planned)
                    ),
                    at: self.scope.at.clone(),
                }
            });
        }
        if let Some(values) = binding.values {
            return crate::values::column(binding, values, name).ok_or_else(|| {
                Error::UnknownField {
                    clause: self.scope.clause,
                    field: name.to_string(),
                    table: format!(
                        "values {} (its columns: {})",
                        binding.alias,
                        crate::values::column_names(values)
                    ),
                    at: self.scope.at.clone(),
                }
            });
        }
        names::check_column(name).map_err(|reason| self.scope.invalid(reason))?;
        Ok(ColumnRef {
            alias: binding.alias,
            column: name,
            field: name,
            ty: None,
            decimal: None,
            nullable: true,
        })
    }

    #[inline(never)]
    fn unary(&mut self, op: UnOp, expr: &'q Expr, depth: usize) -> Result<ExprId, Error> {
        let expr = self.resolve(expr, depth)?;
        if op == UnOp::Not {
            terms::expect_boolean(&self.scope, "the operand of `!`", &self.draft.exprs, expr)?;
        }
        Ok(self.push(PlannedExpr::Unary { op, expr }))
    }

    #[inline(never)]
    fn binary(
        &mut self,
        op: BinOp,
        left: &'q Expr,
        right: &'q Expr,
        depth: usize,
    ) -> Result<ExprId, Error> {
        let left = self.resolve(left, depth)?;
        let right = self.resolve(right, depth)?;
        self.draft.exprs.type_float_literals(&[left, right]);
        let logical = match op {
            BinOp::And => Some("an operand of `&&`"),
            BinOp::Or => Some("an operand of `||`"),
            _ => None,
        };
        if logical.is_none() {
            let operands = [left, right];
            decimal::expect_no_float_beside_decimal(
                &self.scope,
                &self.draft.exprs,
                &operands,
                None,
            )?;
        }
        if let Some(what) = logical {
            terms::expect_boolean(&self.scope, what, &self.draft.exprs, left)?;
            terms::expect_boolean(&self.scope, what, &self.draft.exprs, right)?;
        }
        if matches!(op, BinOp::Lt | BinOp::Le | BinOp::Gt | BinOp::Ge) {
            let what = "an operand of `<`, `<=`, `>` or `>=`";
            terms::expect_ordered(&self.scope, what, &self.draft.exprs, left)?;
            terms::expect_ordered(&self.scope, what, &self.draft.exprs, right)?;
        }
        Ok(self.push(PlannedExpr::Binary { op, left, right }))
    }

    #[inline(never)]
    fn is_nil(&mut self, expr: &'q Expr, depth: usize) -> Result<ExprId, Error> {
        let expr = self.resolve(expr, depth)?;
        Ok(self.push(PlannedExpr::IsNil(expr)))
    }

    #[inline(never)]
    fn like(
        &mut self,
        expr: &'q Expr,
        pattern: &'q Expr,
        case_insensitive: bool,
        depth: usize,
    ) -> Result<ExprId, Error> {
        let expr = self.resolve(expr, depth)?;
        let pattern = self.resolve(pattern, depth)?;
        Ok(self.push(PlannedExpr::Like {
            expr,
            pattern,
            case_insensitive,
        }))
    }

    /// `coalesce(x)` is `x` (and SQLite rejects `coalesce` with one argument), so it plans
    /// as its argument; the level it occupied in the input still counts toward the limit,
    /// or a chain of them would recurse without bound.
    #[inline(never)]
    fn coalesce(&mut self, args: &'q [Expr], depth: usize) -> Result<ExprId, Error> {
        match args {
            [] => Err(self.scope.invalid("`coalesce` needs at least one argument")),
            [only] => self.resolve(only, depth),
            _ => {
                let args = self.all(args, depth)?;
                let operands = self.draft.exprs.list(args).to_vec();
                self.draft.exprs.type_float_literals(&operands);
                let exprs = &self.draft.exprs;
                decimal::expect_no_float_beside_decimal(&self.scope, exprs, &operands, None)?;
                Ok(self.push(PlannedExpr::Coalesce(args)))
            }
        }
    }

    /// `selected_as(name)`: the expression the select names `name`, planned again in this
    /// clause (an `order_by:` or `group_by:` term), so every engine reads the same
    /// expression (PostgreSQL takes an alias alone as a sort term, not inside one).
    #[inline(never)]
    fn selected_as(&mut self, name: &'q Name, depth: usize) -> Result<ExprId, Error> {
        if !matches!(self.scope.clause, Clause::OrderBy | Clause::GroupBy) {
            return Err(self.scope.invalid(
                "`selected_as(name)` refers to a selected column in `order_by:` and `group_by:` only",
            ));
        }
        let items: &'q [Selected] = match self.scope.level.select {
            Some(Select::One(one)) => std::slice::from_ref(one),
            Some(Select::Tuple(items)) => items,
            _ => &[],
        };
        let found = items.iter().find_map(|item| match item {
            Selected::As { expr, name: named } if named == name => Some(expr),
            _ => None,
        });
        match found {
            Some(expr) => self.resolve(expr, depth),
            None => Err(self.scope.invalid(format!(
                "`selected_as({name})` names no column: the select has no `selected_as(x, {name})`"
            ))),
        }
    }

    /// Resolves a list of operands, in order, into a list of the arena.
    fn all(&mut self, exprs: &'q [Expr], depth: usize) -> Result<ExprList, Error> {
        let list = self.draft.exprs.reserve_list(exprs.len());
        for (position, expr) in exprs.iter().enumerate() {
            let id = self.resolve(expr, depth)?;
            self.draft.exprs.set(list, position, id);
        }
        Ok(list)
    }
}
