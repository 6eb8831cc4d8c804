//! The walk [`check`](super::check) takes over one query's names, values and expressions,
//! one node at a time, with the running totals.

use super::{Limit, Limits, within};
use crate::builder::from::Source;
use crate::builder::select::{Select, Selected};
use crate::error::Error;
use crate::expr::{BindingRef, Expr, PathStep};
use crate::fragment::FragmentPart;
use crate::location::Location;
use crate::query::QueryData;
use crate::value::Value;

/// The running totals of [`check`](super::check).
pub(super) struct Walk<'a, 'q> {
    pub(super) limits: &'a Limits,
    /// Expression nodes seen so far, across the whole query.
    pub(super) nodes: usize,
    /// The expressions still to visit, with their depth; kept to reuse its allocation.
    pub(super) pending: Vec<(&'q Expr, usize)>,
    /// The subqueries (in expressions and as sources) of the level being checked, which
    /// [`check`](super::check) checks next.
    pub(super) nested: Vec<&'q QueryData>,
}

impl<'q> Walk<'_, 'q> {
    pub(super) fn name(&self, name: &str) -> Result<(), Error> {
        within(name.len(), self.limits.name_len, Limit::NameLength)
    }

    pub(super) fn list(&self, len: usize) -> Result<(), Error> {
        within(len, self.limits.list_len, Limit::ListLength)
    }

    pub(super) fn location(&self, at: &Location) -> Result<(), Error> {
        let Location {
            file,
            line: _,
            column: _,
        } = at;
        self.name(file)
    }

    pub(super) fn binding(&self, binding: &BindingRef) -> Result<(), Error> {
        match binding {
            BindingRef::Index(_) | BindingRef::Last | BindingRef::Selected => Ok(()),
            BindingRef::Named(name) | BindingRef::Parent(name) => self.name(name),
        }
    }

    pub(super) fn source(
        &mut self,
        source: &'q Source,
        name: Option<&str>,
        at: &Location,
    ) -> Result<(), Error> {
        // A schema source's fields are the payload's word and are replaced by the catalog's;
        // only the table name is read, to find it there.
        self.name(source.table())?;
        match source {
            Source::Subquery(query) => self.nested.push(query.data()),
            Source::Values(values) => {
                self.list(values.columns.len().saturating_mul(values.rows.len()))?;
                for column in &values.columns {
                    self.name(column)?;
                }
                for value in values.rows.iter().flatten() {
                    self.value(value)?;
                }
            }
            _ => {}
        }
        if let Some(name) = name {
            self.name(name)?;
        }
        self.location(at)
    }

    pub(super) fn select(&mut self, select: &'q Select) -> Result<(), Error> {
        match select {
            Select::One(item) => self.selected(item),
            Select::Tuple(items) => {
                self.list(items.len())?;
                items.iter().try_for_each(|item| self.selected(item))
            }
            Select::Struct(fields) => self.fields(fields),
            Select::Merge { binding, fields } => {
                self.binding(binding)?;
                self.fields(fields)
            }
        }
    }

    fn fields(&mut self, fields: &'q [(crate::Name, Selected)]) -> Result<(), Error> {
        self.list(fields.len())?;
        for (name, item) in fields {
            self.name(name)?;
            self.selected(item)?;
        }
        Ok(())
    }

    pub(super) fn selected(&mut self, item: &'q Selected) -> Result<(), Error> {
        match item {
            Selected::Expr(expr) => self.expr(expr),
            Selected::Binding(binding) => self.binding(binding),
            Selected::As { expr, name } => {
                self.name(name)?;
                self.expr(expr)
            }
        }
    }

    /// A fragment's pieces: its arguments and each spliced list count as lists, and an
    /// identifier as a name. Its text is bounded by the payload's size only.
    fn fragment(&self, parts: &[FragmentPart], args: usize) -> Result<(), Error> {
        self.list(parts.len())?;
        self.list(args)?;
        for part in parts {
            match part {
                FragmentPart::Splice(list) => self.list(list.len())?,
                FragmentPart::Identifier(name) => self.name(name)?,
                FragmentPart::Sql(_) | FragmentPart::Arg => {}
            }
        }
        Ok(())
    }

    pub(super) fn value(&self, value: &Value) -> Result<(), Error> {
        match value {
            Value::Array(array) => self.list(array.len()),
            Value::Null(_)
            | Value::Bool(_)
            | Value::I32(_)
            | Value::I64(_)
            | Value::F64(_)
            | Value::Text(_)
            | Value::Bytes(_)
            | Value::Date(_)
            | Value::Timestamp(_)
            | Value::Time(_)
            | Value::TimestampUtc(_) => Ok(()),
            #[cfg(feature = "uuid")]
            Value::Uuid(_) => Ok(()),
            // A document's size is the payload's; its nesting is bounded when it is bound
            // (docs/dialects.md, "JSON documents").
            #[cfg(feature = "json")]
            Value::Json(_) => Ok(()),
            #[cfg(feature = "decimal")]
            Value::Decimal(_) => Ok(()),
        }
    }

    /// Visits `root` and everything under it, one node at a time.
    pub(super) fn expr(&mut self, root: &'q Expr) -> Result<(), Error> {
        let max_depth = self.limits.effective_depth();
        self.pending.push((root, 0));
        while let Some((expr, depth)) = self.pending.pop() {
            self.nodes += 1;
            within(self.nodes, self.limits.nodes, Limit::Nodes)?;
            within(depth, max_depth, Limit::Depth)?;
            match expr {
                Expr::Lit(value) | Expr::Param(value) => self.value(value)?,
                Expr::Field {
                    binding,
                    name,
                    hint: _,
                } => {
                    self.binding(binding)?;
                    self.name(name)?;
                }
                Expr::InList { expr: _, list } => self.list(list.len())?,
                Expr::InParam { expr: _, list } => self.list(list.len())?,
                Expr::Coalesce(args) | Expr::Func { func: _, args } => self.list(args.len())?,
                Expr::Case {
                    whens,
                    otherwise: _,
                } => self.list(whens.len())?,
                Expr::Row(items) => self.list(items.len())?,
                Expr::Fragment { parts, args, ty: _ } => self.fragment(parts, args.len())?,
                Expr::JsonPath {
                    expr: _,
                    path,
                    as_: _,
                } => {
                    // A key is as long as a name may be, and a path as long as a list.
                    self.list(path.len())?;
                    for step in path {
                        if let PathStep::Key(key) = step {
                            self.name(key)?;
                        }
                    }
                }
                Expr::Subquery {
                    test: _,
                    operand: _,
                    query,
                } => self.nested.push(query.data()),
                Expr::Unary { op: _, expr: _ }
                | Expr::Binary {
                    op: _,
                    left: _,
                    right: _,
                }
                | Expr::IsNil(_)
                | Expr::Cast { expr: _, ty: _ }
                | Expr::Like {
                    expr: _,
                    pattern: _,
                    case_insensitive: _,
                }
                | Expr::Aggregate {
                    func: _,
                    arg: _,
                    distinct: _,
                    filter: _,
                } => {}
            }
            self.pending
                .extend(expr.children().map(|child| (child, depth + 1)));
        }
        Ok(())
    }
}
