//! Adversarial identifiers round-trip: a table and its columns with random names are
//! created with `recto::ddl`, filled, queried schemalessly and dropped.

use std::borrow::Cow;

use proptest::prelude::*;
use proptest::sample::select;
use recto::{BinOp, Expr, FieldMeta, Query, SchemaMeta, Select, Selected, Ty, Value};

use crate::fixture::{self, TestDb};
use crate::{adversarial_text, dialect, execute, field, insert, int64, property, shown};

/// One piece of an identifier: letters, digits, quotes, backticks, spaces, placeholder and
/// comment syntax, SQL keywords, and letters of the Basic Multilingual Plane whose case
/// folds unusually. MySQL takes no character past the BMP in an identifier (docs/dialects.md,
/// "Identifiers" under "Also kept"), and no engine takes NUL.
fn identifier_piece() -> impl Strategy<Value = String> {
    prop_oneof![
        4 => proptest::char::range('a', 'z').prop_map(String::from),
        2 => proptest::char::range('A', 'Z').prop_map(String::from),
        1 => proptest::char::range('0', '9').prop_map(String::from),
        4 => select(&[
            "\"", "`", "'", " ", "?", "$1", "--", "/*", "*/", ";", "\\", "%", "_", ".", "/",
            "@", "#", "(", ")", ",", "=",
        ][..]).prop_map(str::to_owned),
        2 => select(&[
            "select", "SELECT", "from", "where", "order", "group", "table", "drop", "null",
            "AS", "u0", "t0", "key", "index", "int",
        ][..]).prop_map(str::to_owned),
        3 => select(&[
            'é', 'É', 'ß', 'ẞ', 'ſ', 'İ', 'ı', 'K', 'ǅ', 'Ω', 'ω', 'ς', 'ü', 'ñ', '日', '本',
            '\u{a0}', '\u{200b}', '\u{fffd}',
        ][..]).prop_map(String::from),
        1 => any::<char>()
            .prop_filter("in the BMP, not NUL", |c| *c != '\0' && u32::from(*c) <= 0xffff)
            .prop_map(String::from),
    ]
}

/// An identifier within every engine's limits (docs/dialects.md, "Identifiers" under "Also
/// kept"): at most `max_chars` characters (MySQL's 64, and fewer for tables, whose names
/// MariaDB stores as file names) and 63 bytes (PostgreSQL's), not ending in ASCII white
/// space (MySQL), never empty.
fn identifier(max_chars: usize) -> impl Strategy<Value = String> {
    proptest::collection::vec(identifier_piece(), 1..8).prop_filter_map(
        "an identifier within the limits",
        move |pieces| {
            let mut name = String::new();
            for c in pieces.concat().chars() {
                if name.chars().count() == max_chars || name.len() + c.len_utf8() > 63 {
                    break;
                }
                name.push(c);
            }
            let name = name
                .trim_end_matches([' ', '\t', '\n', '\u{b}', '\u{c}', '\r'])
                .to_owned();
            (!name.is_empty()).then_some(name)
        },
    )
}

/// A table of two columns with adversarial names, and the row written into it.
#[derive(Clone, Debug)]
struct Named {
    table: String,
    key: String,
    column: String,
    id: i64,
    text: String,
}

impl Named {
    fn meta(&self) -> SchemaMeta {
        let field = |name: &str, ty| FieldMeta {
            name: Cow::Owned(name.to_owned()),
            column: Cow::Owned(name.to_owned()),
            ty,
            nullable: false,
            max_length: None,
            decimal: None,
        };
        SchemaMeta {
            table: Cow::Owned(self.table.clone()),
            fields: Cow::Owned(vec![
                field(&self.key, Ty::I64),
                field(&self.column, Ty::Text),
            ]),
            primary_key: Cow::Owned(vec![Cow::Owned(self.key.clone())]),
        }
    }
}

/// The tables of the fixture, which a random table must not replace: compared without ASCII
/// case, as SQLite compares names.
fn fixture_tables() -> Vec<String> {
    fixture::tables()
        .into_iter()
        .map(|(meta, _)| meta.table.to_ascii_lowercase())
        .collect()
}

fn named() -> impl Strategy<Value = Named> {
    let taken = fixture_tables();
    // SQLite reserves table names starting with `sqlite_` (in any ASCII case) for itself.
    let table = identifier(40).prop_filter("not a fixture or SQLite table", move |t| {
        let lower = t.to_ascii_lowercase();
        !lower.starts_with("sqlite_") && !taken.contains(&lower)
    });
    (
        table,
        identifier(64),
        identifier(64),
        int64(),
        adversarial_text(12),
    )
        .prop_filter(
            "two columns, distinct on every engine (recto::ddl rejects names that differ in case only)",
            |(_, key, column, _, _)| key.to_lowercase() != column.to_lowercase(),
        )
        .prop_map(|(table, key, column, id, text)| Named {
            table,
            key,
            column,
            id,
            text,
        })
}

/// A table and its columns with adversarial names — quotes, backticks, spaces, unicode,
/// `?`, `$1`, keywords — are created with `recto::ddl`, filled with one bound row, queried
/// schemalessly (`Query::table` and `u[column]`) and dropped; the row comes back.
#[test]
fn round_trip() {
    property(
        "identifiers::round_trip",
        64,
        named(),
        async |_| Ok(()),
        async |dbs: &[TestDb], named: Named| {
            let meta = named.meta();
            for db in dbs {
                let (name, repo) = (db.name, &db.repo);
                let dialect = dialect(repo);
                let create = recto::ddl::create_table(&meta, dialect)
                    .map_err(|e| format!("{name}: no CREATE TABLE for {named:?}: {e}"))?;
                execute(repo, create).await?;
                let written = async {
                    let insert = insert(
                        dialect,
                        &meta,
                        vec![Value::I64(named.id), Value::Text(named.text.clone())],
                    );
                    repo.execute_sql(&insert)
                        .await
                        .map_err(|e| format!("{name}: {}: {e}", insert.text()))?;
                    let query = Query::table(named.table.clone())
                        .filter(Expr::binary(
                            BinOp::Eq,
                            field(&named.key),
                            Expr::Param(Value::I64(named.id)),
                        ))
                        .filter(Expr::binary(
                            BinOp::Eq,
                            field(&named.column),
                            Expr::Param(Value::Text(named.text.clone())),
                        ))
                        .select(Select::Tuple(vec![
                            Selected::Expr(field(&named.key)),
                            Selected::Expr(field(&named.column)),
                        ]));
                    let rows: Vec<(i64, String)> = repo.all(&query).await.map_err(|e| {
                        format!("{name} failed: {e}\n  SQL: {}", shown(repo, &query))
                    })?;
                    if rows != [(named.id, named.text.clone())] {
                        return Err(format!(
                            "{name} read back {rows:?} from {named:?}\n  SQL: {}",
                            shown(repo, &query)
                        ));
                    }
                    Ok(())
                }
                .await;
                let drop = recto::ddl::drop_table(&meta, dialect).map_err(|e| e.to_string())?;
                execute(repo, drop).await?;
                written?;
            }
            Ok(())
        },
    );
}
