//! Identifiers the SQL will print must not be empty: a table, a column, a field name (which
//! becomes a column alias where it differs from the column), a select alias, and a binding's
//! `as:` name. `""` is an invalid identifier on every engine, and a schema built at run time
//! or a deserialized query can hold one where a `#[derive(Schema)]` type cannot.
//!
//! Each check returns the reason; the caller makes it an error of its clause.

use recto_core::{Name, SchemaMeta, Select, SelectClause, Selected, Source};

/// Checks the names a source brings: its table, its schema's fields and columns, and the
/// binding's `as:` name.
pub(crate) fn check_source(source: &Source, name: Option<&str>) -> Result<(), String> {
    if source.table().is_empty() {
        return Err("the table name is empty".to_owned());
    }
    if name == Some("") {
        return Err("the binding's `as:` name is empty".to_owned());
    }
    if let Source::Schema(SchemaMeta {
        table,
        fields,
        primary_key: _,
    }) = source
    {
        for field in fields.iter() {
            if field.name.is_empty() || field.column.is_empty() {
                return Err(format!(
                    "the schema of table `{table}` has a field with an empty name or column \
                     (field `{}`, column `{}`)",
                    field.name, field.column
                ));
            }
        }
    }
    Ok(())
}

/// Checks the aliases of a struct-literal select.
pub(crate) fn check_select(select: &SelectClause) -> Result<(), String> {
    let SelectClause {
        select,
        at: _,
        replaced: _,
    } = select;
    if let Select::Struct(fields) | Select::Merge { binding: _, fields } = select
        && fields.iter().any(|(alias, _): &(Name, _)| alias.is_empty())
    {
        return Err("a struct literal's field name (the column alias) is empty".to_owned());
    }
    let items: &[Selected] = match select {
        Select::One(one) => std::slice::from_ref(one),
        Select::Tuple(items) => items,
        _ => &[],
    };
    let mut names = items.iter().filter_map(|item| match item {
        Selected::As { expr: _, name } => Some(name),
        _ => None,
    });
    if names.clone().any(|name| name.is_empty()) {
        return Err("a `selected_as` name is empty".to_owned());
    }
    while let Some(name) = names.next() {
        if names.clone().any(|other| other == name) {
            return Err(format!("two columns are selected as `{name}`"));
        }
    }
    Ok(())
}

/// Checks a field name of a schemaless binding, which is the column name.
pub(crate) fn check_column(column: &str) -> Result<(), String> {
    if column.is_empty() {
        return Err("the field name is empty".to_owned());
    }
    Ok(())
}
