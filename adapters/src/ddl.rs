//! `CREATE TABLE` and `DROP TABLE` from a schema's metadata ([`SchemaMeta`], which
//! `#[derive(Schema)]` emits): for fixtures, tests and quick starts.
//!
//! A table is written from what the schema says and nothing more: its columns in field
//! order, each column's type, `NOT NULL` unless the field is an `Option`, and the primary
//! key. This module knows no indexes, foreign keys, defaults or migrations. Each dialect
//! spells column types in its own folder (`postgres/ddl.rs`, `mysql/ddl.rs`,
//! `sqlite/ddl.rs`) as [`ColumnTypes`] data, beside a link to the engine's type
//! documentation; `docs/dialects.md` has the table.
//!
//! Like the query writer, it splices nothing unquoted: every table and column name is
//! quoted with the dialect's escaping, and a schema that names no valid table is an
//! [`Error`] before any SQL is produced.

use recto_core::{Error, SchemaMeta, Ty};

use crate::Dialect;

mod decimal;

use self::decimal::decimal_column;

/// A dialect that can write a table: how it spells each column type.
///
/// Implemented by [`Postgres`](crate::Postgres), [`MySql`](crate::MySql) and
/// [`Sqlite`](crate::Sqlite). It is a trait of its own rather than part of [`Dialect`], so
/// the dialect every query needs stays small.
///
/// ```
/// use recto_adapters::ddl::DdlDialect;
/// use recto_adapters::{MySql, Postgres, Sqlite};
/// use recto_core::Ty;
///
/// assert_eq!(Postgres.column_types().spelling(Ty::F64, false), Some("DOUBLE PRECISION"));
/// assert_eq!(MySql.column_types().spelling(Ty::Text, true), Some("VARCHAR(255)"));
/// assert_eq!(Sqlite.column_types().spelling(Ty::Timestamp, false), Some("TEXT"));
/// ```
pub trait DdlDialect: Dialect {
    /// The spelling of each column type.
    fn column_types(&self) -> &ColumnTypes;
}

/// How a dialect spells each [`Ty`] as a column type in `CREATE TABLE`. Data, like
/// [`Quirks`](crate::Quirks): a dialect picks spellings, the writer owns the statement.
///
/// The `*_key` spellings are for columns of the primary key, where an engine cannot index
/// the unbounded type (MySQL indexes no whole `TEXT` or `BLOB`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ColumnTypes {
    /// [`Ty::Bool`].
    pub bool: &'static str,
    /// [`Ty::I16`].
    pub i16: &'static str,
    /// [`Ty::I32`].
    pub i32: &'static str,
    /// [`Ty::I64`].
    pub i64: &'static str,
    /// [`Ty::F32`].
    pub f32: &'static str,
    /// [`Ty::F64`].
    pub f64: &'static str,
    /// [`Ty::Text`].
    pub text: &'static str,
    /// [`Ty::Text`] in the primary key.
    pub text_key: &'static str,
    /// [`Ty::Bytes`].
    pub bytes: &'static str,
    /// [`Ty::Bytes`] in the primary key.
    pub bytes_key: &'static str,
    /// [`Ty::Date`].
    pub date: &'static str,
    /// [`Ty::Timestamp`].
    pub timestamp: &'static str,
    /// [`Ty::Time`].
    pub time: &'static str,
    /// [`Ty::TimestampUtc`].
    pub timestamp_utc: &'static str,
    /// [`Ty::Uuid`].
    pub uuid: &'static str,
    /// [`Ty::Json`].
    pub json: &'static str,
    /// The exact decimal type that `(p, s)` follows ([`Ty::Decimal`]): `NUMERIC(p, s)`;
    /// `None` where the engine has none.
    pub decimal: Option<&'static str>,
    /// The largest precision of a decimal column: 28 (what `rust_decimal::Decimal` holds),
    /// or 18 where a decimal is a 64-bit integer scaled by its scale.
    pub decimal_max_precision: u8,
    /// How a JSON column refuses text that is not a JSON document.
    pub json_column: JsonColumn,
    /// How text of a maximum length (`#[recto(varchar(n))]`) is declared.
    pub bounded_text: BoundedText,
}

/// How a dialect declares text of a maximum length, so that a longer text is refused alike
/// everywhere.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum BoundedText {
    /// `VARCHAR(n)`, which the engine enforces, counting characters.
    Varchar,
    /// Its text type with `CHECK (length(column) <= n)`, for an engine whose `VARCHAR(n)`
    /// is any text (SQLite: <https://www.sqlite.org/datatype3.html>).
    Checked,
}

/// How a dialect makes a JSON column refuse text that is not a JSON document, so that
/// every engine refuses it alike.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum JsonColumn {
    /// The column type itself refuses it (PostgreSQL's `JSONB`, MariaDB's `JSON`).
    Typed,
    /// Its text type with `CHECK (json_valid(column))`, for an engine without a JSON type
    /// (SQLite: <https://www.sqlite.org/json1.html#jvalid>).
    Checked,
}

impl ColumnTypes {
    /// The spelling of `ty`, for a column of the primary key if `in_key`; `None` for a type
    /// this version does not know.
    ///
    /// ```
    /// use recto_adapters::ddl::DdlDialect;
    /// use recto_adapters::MySql;
    /// use recto_core::Ty;
    ///
    /// let types = MySql.column_types();
    /// assert_eq!(types.spelling(Ty::Text, false), Some("LONGTEXT"));
    /// assert_eq!(types.spelling(Ty::Text, true), Some("VARCHAR(255)"));
    /// ```
    pub fn spelling(&self, ty: Ty, in_key: bool) -> Option<&'static str> {
        Some(match ty {
            Ty::Bool => self.bool,
            Ty::I16 => self.i16,
            Ty::I32 => self.i32,
            Ty::I64 => self.i64,
            Ty::F32 => self.f32,
            Ty::F64 => self.f64,
            Ty::Text if in_key => self.text_key,
            Ty::Text => self.text,
            Ty::Bytes if in_key => self.bytes_key,
            Ty::Bytes => self.bytes,
            Ty::Date => self.date,
            Ty::Timestamp => self.timestamp,
            Ty::Time => self.time,
            Ty::TimestampUtc => self.timestamp_utc,
            Ty::Uuid => self.uuid,
            Ty::Json => self.json,
            _ => return None,
        })
    }
}

/// `CREATE TABLE` for a schema: its columns in field order, `NOT NULL` unless a field is an
/// `Option`, and `PRIMARY KEY (...)` when the schema has one. A MySQL table takes the
/// database's character set and collation.
///
/// A schema without columns, with a primary key that names a field it does not have (or an
/// `Option` field, which PostgreSQL would make NOT NULL and SQLite would let hold NULLs, or
/// a JSON document), with two columns whose names differ only in case (one column on MySQL and SQLite), or
/// with a decimal field without a precision from 1 to 28 and a scale up to it, is
/// [`Error::InvalidSchema`]; a name containing NUL, or a column type the dialect cannot
/// spell (a decimal of more than 18 digits on SQLite), is [`Error::Unsupported`].
///
/// ```
/// use std::borrow::Cow;
///
/// use recto_adapters::ddl::create_table;
/// use recto_adapters::{MySql, Postgres, Sqlite};
/// use recto_core::{FieldMeta, SchemaMeta, Ty};
///
/// let field = |name: &'static str, ty, nullable| FieldMeta {
///     name: Cow::Borrowed(name),
///     column: Cow::Borrowed(name),
///     ty,
///     nullable,
///     max_length: None,
///     decimal: None,
/// };
/// let users = SchemaMeta {
///     table: "users".into(),
///     fields: vec![field("email", Ty::Text, false), field("name", Ty::Text, true)].into(),
///     primary_key: vec!["email".into()].into(),
/// };
/// assert_eq!(
///     create_table(&users, &Postgres).unwrap(),
///     r#"CREATE TABLE "users" ("email" TEXT NOT NULL, "name" TEXT, PRIMARY KEY ("email"))"#
/// );
/// assert_eq!(
///     create_table(&users, &MySql).unwrap(),
///     "CREATE TABLE `users` (`email` VARCHAR(255) NOT NULL, `name` LONGTEXT, PRIMARY KEY (`email`))"
/// );
/// assert_eq!(
///     create_table(&users, &Sqlite).unwrap(),
///     r#"CREATE TABLE "users" ("email" TEXT NOT NULL, "name" TEXT, PRIMARY KEY ("email"))"#
/// );
/// ```
pub fn create_table<D: DdlDialect + ?Sized>(
    meta: &SchemaMeta,
    dialect: &D,
) -> Result<String, Error> {
    let invalid = |reason: String| Error::InvalidSchema {
        table: meta.table.to_string(),
        reason,
    };
    if meta.fields.is_empty() {
        return Err(invalid("a table needs at least one column".into()));
    }
    let key = primary_key_columns(meta).map_err(invalid)?;
    for (n, field) in meta.fields.iter().enumerate() {
        let clash = meta.fields[..n]
            .iter()
            .find(|earlier| same_column(&earlier.column, &field.column));
        if let Some(earlier) = clash {
            return Err(invalid(format!(
                "the columns `{}` and `{}` are one column on MySQL and SQLite, whose column names ignore case",
                earlier.column, field.column
            )));
        }
    }

    let types = dialect.column_types();
    let mut out = String::with_capacity(32 + 32 * meta.fields.len());
    out.push_str("CREATE TABLE ");
    identifier(&mut out, dialect, &meta.table, &invalid)?;
    out.push_str(" (");
    for (n, field) in meta.fields.iter().enumerate() {
        if n > 0 {
            out.push_str(", ");
        }
        identifier(&mut out, dialect, &field.column, &invalid)?;
        out.push(' ');
        let in_key = key.iter().any(|column| *column == field.column);
        if in_key && field.ty == Ty::Json {
            return Err(invalid(format!(
                "the primary key field `{}` is a JSON document, which MySQL cannot index \
                 whole: key the table by another field",
                field.name
            )));
        }
        if field.ty == Ty::Decimal && field.max_length.is_none() {
            decimal_column(&mut out, dialect, field, &invalid)?;
            if !field.nullable {
                out.push_str(" NOT NULL");
            }
            continue;
        }
        if field.decimal.is_some() {
            return Err(invalid(format!(
                "the field `{}` has a decimal precision but is not a decimal",
                field.name
            )));
        }
        let spelling = types
            .spelling(field.ty, in_key)
            .ok_or_else(|| unsupported(dialect, "a column of this type"))?;
        let bound = match field.max_length {
            Some(_) if field.ty != Ty::Text => {
                return Err(invalid(format!(
                    "the field `{}` has a maximum length but is not text",
                    field.name
                )));
            }
            Some(0) => {
                return Err(invalid(format!(
                    "the text field `{}` has a maximum length of 0",
                    field.name
                )));
            }
            bound => bound,
        };
        match (bound, types.bounded_text) {
            (Some(n), BoundedText::Varchar) => {
                out.push_str("VARCHAR(");
                crate::writer::digits::push_u64(&mut out, u64::from(n));
                out.push(')');
            }
            _ => out.push_str(spelling),
        }
        if !field.nullable {
            out.push_str(" NOT NULL");
        }
        if let (Some(n), BoundedText::Checked) = (bound, types.bounded_text) {
            out.push_str(" CHECK (length(");
            identifier(&mut out, dialect, &field.column, &invalid)?;
            out.push_str(") <= ");
            crate::writer::digits::push_u64(&mut out, u64::from(n));
            out.push(')');
        }
        if field.ty == Ty::Json && types.json_column == JsonColumn::Checked {
            out.push_str(" CHECK (json_valid(");
            identifier(&mut out, dialect, &field.column, &invalid)?;
            out.push_str("))");
        }
    }
    if !key.is_empty() {
        out.push_str(", PRIMARY KEY (");
        for (n, column) in key.iter().enumerate() {
            if n > 0 {
                out.push_str(", ");
            }
            identifier(&mut out, dialect, column, &invalid)?;
        }
        out.push(')');
    }
    out.push(')');
    Ok(out)
}

/// `DROP TABLE IF EXISTS` for a schema's table: no error when the table is not there.
///
/// ```
/// use recto_adapters::ddl::drop_table;
/// use recto_adapters::{MySql, Postgres, Sqlite};
/// use recto_core::SchemaMeta;
///
/// let meta = SchemaMeta { table: "user`s".into(), fields: vec![].into(), primary_key: vec![].into() };
/// assert_eq!(drop_table(&meta, &Postgres).unwrap(), r#"DROP TABLE IF EXISTS "user`s""#);
/// assert_eq!(drop_table(&meta, &MySql).unwrap(), "DROP TABLE IF EXISTS `user``s`");
/// assert_eq!(drop_table(&meta, &Sqlite).unwrap(), r#"DROP TABLE IF EXISTS "user`s""#);
/// ```
pub fn drop_table<D: DdlDialect + ?Sized>(meta: &SchemaMeta, dialect: &D) -> Result<String, Error> {
    let invalid = |reason: String| Error::InvalidSchema {
        table: meta.table.to_string(),
        reason,
    };
    let mut out = String::with_capacity(24 + meta.table.len());
    out.push_str("DROP TABLE IF EXISTS ");
    identifier(&mut out, dialect, &meta.table, &invalid)?;
    Ok(out)
}

/// The columns of the primary key, in its order, or why they name no valid key.
fn primary_key_columns(meta: &SchemaMeta) -> Result<Vec<&str>, String> {
    let mut columns: Vec<&str> = Vec::with_capacity(meta.primary_key.len());
    for name in meta.primary_key.iter() {
        let field = meta
            .field(name)
            .ok_or_else(|| format!("the primary key names `{name}`, which is not a field"))?;
        if field.nullable {
            return Err(format!(
                "the primary key field `{name}` is an `Option`: key columns are NOT NULL"
            ));
        }
        if columns.contains(&field.column.as_ref()) {
            return Err(format!("the primary key names `{name}` twice"));
        }
        columns.push(&field.column);
    }
    Ok(columns)
}

/// Whether two column names name one column on every engine: MySQL and SQLite compare
/// column names without regard to case.
fn same_column(a: &str, b: &str) -> bool {
    a.to_lowercase() == b.to_lowercase()
}

/// Appends `ident` quoted in the dialect's way: never empty (PostgreSQL and MySQL reject
/// `""`), never with NUL (no engine accepts it, as the query writer also says).
fn identifier<D: Dialect + ?Sized>(
    out: &mut String,
    dialect: &D,
    ident: &str,
    invalid: &dyn Fn(String) -> Error,
) -> Result<(), Error> {
    if ident.is_empty() {
        return Err(invalid("a table or column name is empty".into()));
    }
    if ident.contains('\0') {
        return Err(unsupported(
            dialect,
            "an identifier containing the NUL character",
        ));
    }
    dialect.push_identifier(out, ident);
    Ok(())
}

fn unsupported<D: Dialect + ?Sized>(dialect: &D, feature: &'static str) -> Error {
    Error::Unsupported {
        feature,
        dialect: dialect.name(),
    }
}
