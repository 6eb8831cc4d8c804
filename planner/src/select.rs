//! `select:`: the row's columns. `select: u` (and no `select:` at all, which selects the
//! source) expands to every field of the binding's schema in declaration order, each aliased
//! to its field name where the column is named differently, so rows decode by field name.
//! A struct literal's items are aliased by their field names (a whole binding in one: its
//! first column, the others `_`); a tuple's and a single expression's are positional and
//! unaliased.

use recto_core::{BindingRef, Clause, Error, Location, Name, Select, SelectClause, Selected};

use crate::bindings::{Level, Scope};
use crate::expr::{Draft, Resolver};
use crate::exprs::Exprs;
use crate::planned::{Binding, ColumnRef, PlannedExpr, SelectItem};

/// The selected columns of a query whose source is `root`.
pub(crate) fn expand<'q>(
    select: Option<&'q SelectClause>,
    root: &Binding<'q>,
    from_at: &'q Location,
    level: &Level<'_, 'q>,
    draft: &mut Draft<'q>,
) -> Result<Vec<SelectItem<'q>>, Error> {
    let Some(SelectClause {
        select,
        at,
        replaced,
    }) = select
    else {
        // A CTE or a subquery source has its columns, as a schema has its fields.
        if root.schema.is_none() && !root.cte && root.derived.is_none() {
            return Err(Error::MissingSelect {
                at: from_at.clone(),
            });
        }
        let mut items = Vec::new();
        push_binding(
            root,
            Scope::all(level, Clause::Select, from_at),
            &mut draft.exprs,
            &mut items,
        )?;
        return Ok(items);
    };
    once(Clause::Select, replaced.as_ref(), at)?;
    let scope = Scope::all(level, Clause::Select, at);
    // One item per selected expression; a selected binding reserves its fields when it is
    // expanded.
    let mut items = Vec::with_capacity(match select {
        Select::One(Selected::Binding(_)) => 0,
        Select::Tuple(selected) => selected.len(),
        Select::Struct(fields) => fields.len(),
        _ => 1,
    });
    match select {
        Select::One(selected) => push_selected(selected, scope, draft, &mut items)?,
        Select::Tuple(selected) => {
            for selected in selected {
                push_selected(selected, scope, draft, &mut items)?;
            }
        }
        Select::Struct(fields) => {
            for (name, selected) in fields {
                match selected {
                    Selected::Expr(expr) => {
                        let expr = Resolver::new(scope, draft).resolve(expr, 0)?;
                        items.push(SelectItem {
                            expr,
                            alias: Some(name),
                        });
                    }
                    Selected::Binding(reference) => {
                        let binding = scope.lookup(reference)?;
                        let first = items.len();
                        push_binding(binding, scope, &mut draft.exprs, &mut items)?;
                        // The binding's columns are read in order from the one named after
                        // the field; the others are named `_`, which no field can be, so a
                        // row's columns are found by name without ambiguity.
                        for (n, item) in items[first..].iter_mut().enumerate() {
                            item.alias = Some(if n == 0 { name } else { "_" });
                        }
                    }
                    _ => {
                        return Err(scope.invalid(
                            "this kind of selected item is not supported by the planner yet",
                        ));
                    }
                }
            }
        }
        Select::Merge { binding, fields } => merge(binding, fields, scope, draft, &mut items)?,
        _ => return Err(scope.invalid("this kind of select is not supported by the planner yet")),
    }
    if items.is_empty() {
        return Err(scope.invalid("the select has no columns"));
    }
    Ok(items)
}

/// `select_merge:` over a whole binding: its columns, each named after its field, then each
/// merged field in place of the column of its name or after them all.
fn merge<'q>(
    binding: &'q BindingRef,
    fields: &'q [(Name, Selected)],
    scope: Scope<'_, 'q>,
    draft: &mut Draft<'q>,
    items: &mut Vec<SelectItem<'q>>,
) -> Result<(), Error> {
    push_binding(scope.lookup(binding)?, scope, &mut draft.exprs, items)?;
    for item in items.iter_mut() {
        if item.alias.is_none()
            && let PlannedExpr::Column(column) = draft.exprs.get(item.expr)
        {
            item.alias = Some(column.field);
        }
    }
    for (name, selected) in fields {
        let (Selected::Expr(expr) | Selected::As { expr, name: _ }) = selected else {
            return Err(scope.invalid(
                "`select_merge:` merges expressions: a whole binding cannot be a merged field",
            ));
        };
        let expr = Resolver::new(scope, draft).resolve(expr, 0)?;
        match items.iter_mut().find(|item| item.alias == Some(&**name)) {
            Some(item) => item.expr = expr,
            None => items.push(SelectItem {
                expr,
                alias: Some(name),
            }),
        }
    }
    Ok(())
}

/// Refuses a singleton clause (`select`, `distinct`) written over an earlier one: the
/// builder keeps the later one and where the earlier one was, and Ecto raises here.
pub(crate) fn once(
    clause: Clause,
    replaced: Option<&Location>,
    at: &Location,
) -> Result<(), Error> {
    match replaced {
        Some(first) => Err(Error::DuplicateClause {
            clause,
            first: first.clone(),
            at: at.clone(),
        }),
        None => Ok(()),
    }
}

fn push_selected<'q>(
    selected: &'q Selected,
    scope: Scope<'_, 'q>,
    draft: &mut Draft<'q>,
    items: &mut Vec<SelectItem<'q>>,
) -> Result<(), Error> {
    match selected {
        Selected::Expr(expr) => {
            let expr = Resolver::new(scope, draft).resolve(expr, 0)?;
            items.push(SelectItem { expr, alias: None });
        }
        Selected::As { expr, name } => {
            let expr = Resolver::new(scope, draft).resolve(expr, 0)?;
            items.push(SelectItem {
                expr,
                alias: Some(name),
            });
        }
        Selected::Binding(reference) => {
            push_binding(scope.lookup(reference)?, scope, &mut draft.exprs, items)?;
        }
        _ => {
            return Err(
                scope.invalid("this kind of selected item is not supported by the planner yet")
            );
        }
    }
    Ok(())
}

/// Every field of `binding`'s schema, in declaration order.
fn push_binding<'q>(
    binding: &Binding<'q>,
    scope: Scope<'_, 'q>,
    exprs: &mut Exprs<'q>,
    items: &mut Vec<SelectItem<'q>>,
) -> Result<(), Error> {
    if binding.cte {
        // A CTE's columns, each under its name.
        for column in crate::cte::all_columns(binding, scope.level) {
            let expr = exprs.push(PlannedExpr::Column(column));
            items.push(SelectItem {
                expr,
                alias: Some(column.field),
            });
        }
        return Ok(());
    }
    if let Some(planned) = binding.derived.and_then(|n| scope.level.derived.get(n)) {
        // A subquery source's columns, each under its name.
        for item in &planned.select {
            let Some(column) = item
                .alias
                .and_then(|name| crate::nesting::derived_column(binding, planned, name))
            else {
                return Err(scope.invalid(
                    "a subquery source selected whole must name every column it selects: use a struct literal select in the subquery",
                ));
            };
            let expr = exprs.push(PlannedExpr::Column(column));
            items.push(SelectItem {
                expr,
                alias: Some(column.field),
            });
        }
        return Ok(());
    }
    if let Some(values) = binding.values {
        // A values list's columns, each under its name.
        for name in &values.columns {
            if let Some(column) = crate::values::column(binding, values, name) {
                let expr = exprs.push(PlannedExpr::Column(column));
                items.push(SelectItem { expr, alias: None });
            }
        }
        return Ok(());
    }
    let Some(schema) = binding.schema else {
        return Err(scope.invalid(format!(
            "binding {} (table `{}`) has no schema, so it has no fields to select: select its fields one by one",
            binding.alias.index, binding.table
        )));
    };
    if schema.fields.is_empty() {
        return Err(scope.invalid(format!(
            "the schema of table `{}` has no fields to select",
            binding.table
        )));
    }
    // A field whose column is its name needs no alias; the derive gives both one string,
    // so comparing where they point answers without comparing bytes.
    let renamed = |column: &str, name: &str| {
        !(column.len() == name.len()
            && (std::ptr::eq(column.as_ptr(), name.as_ptr()) || column == name))
    };
    items.reserve(schema.fields.len());
    for field in schema.fields.iter() {
        let expr = exprs.push(PlannedExpr::Column(ColumnRef::of_field(binding, field)));
        items.push(SelectItem {
            expr,
            alias: renamed(&field.column, &field.name).then_some(&*field.name),
        });
    }
    Ok(())
}
