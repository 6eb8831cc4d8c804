//! Values lists as sources (`values(..)`): each checked once (not empty, every row as long
//! as the column list, each column of one type, names that are identifiers), and the column
//! a field of such a binding names.

use recto_core::{Name, Ty, Value, Values};

use crate::names;
use crate::planned::{Binding, ColumnRef};

/// Why `values` cannot be a source, if it cannot.
pub(crate) fn check(values: &Values) -> Result<(), String> {
    let Values { columns, rows } = values;
    if rows.is_empty() {
        return Err(
            "a values list needs at least one row: no engine has an empty VALUES".to_owned(),
        );
    }
    if columns.is_empty() {
        return Err("a values list needs at least one column".to_owned());
    }
    for (n, column) in columns.iter().enumerate() {
        names::check_column(column)?;
        if columns[..n].contains(column) {
            return Err(format!("the values list names two columns `{column}`"));
        }
    }
    for (r, row) in rows.iter().enumerate() {
        if row.len() != columns.len() {
            return Err(format!(
                "row {r} of the values list has {} values for {} columns",
                row.len(),
                columns.len()
            ));
        }
    }
    for (c, column) in columns.iter().enumerate() {
        let mut types = rows.iter().filter_map(|row| row.get(c)).map(Value::ty);
        let first = types.next();
        if matches!(rows[0].get(c), Some(Value::Array(_))) {
            return Err(format!("column `{column}` of the values list holds a list"));
        }
        if let Some(other) = types.find(|ty| Some(*ty) != first) {
            return Err(format!(
                "column `{column}` of the values list holds values of two types, {first:?} and {other:?}",
                first = first.unwrap_or(Ty::Text)
            ));
        }
    }
    Ok(())
}

/// The column `name` of `binding`, which reads the values list `values`.
pub(crate) fn column<'q>(
    binding: &Binding<'q>,
    values: &'q Values,
    name: &str,
) -> Option<ColumnRef<'q>> {
    let position = values.columns.iter().position(|column| column == name)?;
    let column: &'q Name = &values.columns[position];
    let cells = values.rows.iter().filter_map(|row| row.get(position));
    Some(ColumnRef {
        alias: binding.alias,
        column,
        field: column,
        ty: values
            .rows
            .first()
            .and_then(|row| row.get(position))
            .map(Value::ty),
        decimal: None,
        nullable: binding.nullable || cells.clone().any(|value| matches!(value, Value::Null(_))),
    })
}

/// The names of a values list's columns, for an error.
pub(crate) fn column_names(values: &Values) -> String {
    let names: Vec<String> = values.columns.iter().map(|c| format!("`{c}`")).collect();
    names.join(", ")
}
