//! `CREATE TABLE` and `DROP TABLE` snapshots: a schema with a column of every type, in
//! PostgreSQL, MySQL and SQLite side by side, and the schemas no engine can create.

use std::borrow::Cow;

use recto_adapters::ddl::{DdlDialect, create_table, drop_table};
use recto_adapters::{MySql, Postgres, Sqlite};
use recto_core::{FieldMeta, SchemaMeta, Ty};

const fn field(name: &'static str, column: &'static str, ty: Ty, nullable: bool) -> FieldMeta {
    FieldMeta {
        name: Cow::Borrowed(name),
        column: Cow::Borrowed(column),
        ty,
        nullable,
        max_length: None,
        decimal: None,
    }
}

/// Every type, once NOT NULL and once nullable, with a composite key of text and integer.
const EVERY_TYPE: SchemaMeta = SchemaMeta {
    table: Cow::Borrowed("every_type"),
    fields: Cow::Borrowed(&[
        field("code", "code", Ty::Text, false),
        field("n", "n", Ty::I64, false),
        field("flag", "flag", Ty::Bool, false),
        field("small", "small", Ty::I16, false),
        field("int", "int", Ty::I32, false),
        field("single", "single", Ty::F32, false),
        field("double", "double", Ty::F64, false),
        field("label", "label", Ty::Text, false),
        field("data", "data", Ty::Bytes, false),
        field("day", "day", Ty::Date, false),
        field("at", "at", Ty::Timestamp, false),
        field("clock", "clock", Ty::Time, false),
        field("instant", "instant", Ty::TimestampUtc, false),
        field("token", "token", Ty::Uuid, false),
        field("doc", "doc", Ty::Json, false),
        field("maybe_flag", "maybe_flag", Ty::Bool, true),
        field("maybe_small", "maybe_small", Ty::I16, true),
        field("maybe_int", "maybe_int", Ty::I32, true),
        field("maybe_big", "maybe_big", Ty::I64, true),
        field("maybe_single", "maybe_single", Ty::F32, true),
        field("maybe_double", "maybe_double", Ty::F64, true),
        field("maybe_label", "maybe_label", Ty::Text, true),
        field("maybe_data", "maybe_data", Ty::Bytes, true),
        field("maybe_day", "maybe_day", Ty::Date, true),
        field("maybe_at", "maybe_at", Ty::Timestamp, true),
        field("maybe_clock", "maybe_clock", Ty::Time, true),
        field("maybe_instant", "maybe_instant", Ty::TimestampUtc, true),
        field("maybe_token", "maybe_token", Ty::Uuid, true),
        field("maybe_doc", "maybe doc", Ty::Json, true),
    ]),
    primary_key: Cow::Borrowed(&[Cow::Borrowed("code"), Cow::Borrowed("n")]),
};

/// The statements for `meta` in each dialect, or the error.
fn ddl_all(meta: &SchemaMeta) -> String {
    let mut out = String::new();
    one(&mut out, meta, &Postgres);
    one(&mut out, meta, &MySql);
    one(&mut out, meta, &Sqlite);
    out
}

fn one<D: DdlDialect>(out: &mut String, meta: &SchemaMeta, dialect: &D) {
    out.push_str("-- ");
    out.push_str(dialect.name());
    out.push('\n');
    for statement in [create_table(meta, dialect), drop_table(meta, dialect)] {
        match statement {
            Ok(sql) => out.push_str(&sql),
            Err(e) => out.push_str(&format!("error: {e}")),
        }
        out.push('\n');
    }
}

macro_rules! cases {
    ($($name:ident => $meta:expr;)*) => {$(
        #[test]
        fn $name() {
            insta::assert_snapshot!(stringify!($name), ddl_all(&$meta));
        }
    )*};
}

cases! {
    every_type => EVERY_TYPE;
    // Text of a maximum length: VARCHAR(n), or a CHECK on SQLite; in the key and nullable.
    bounded_text => SchemaMeta {
        table: "codes".into(),
        fields: vec![
            FieldMeta { max_length: Some(4), ..field("code", "code", Ty::Text, false) },
            FieldMeta { max_length: Some(16_383), ..field("label", "la\"bel", Ty::Text, true) },
        ]
        .into(),
        primary_key: vec!["code".into()].into(),
    };
    // A maximum length on a number, or of zero characters, is no schema.
    length_on_a_number => SchemaMeta {
        table: "codes".into(),
        fields: vec![FieldMeta { max_length: Some(4), ..field("n", "n", Ty::I64, false) }].into(),
        primary_key: vec![].into(),
    };
    length_of_zero => SchemaMeta {
        table: "codes".into(),
        fields: vec![FieldMeta { max_length: Some(0), ..field("code", "code", Ty::Text, false) }].into(),
        primary_key: vec![].into(),
    };
    // Exact decimals: NUMERIC(p, s) and DECIMAL(p, s), in the key and nullable; on SQLite,
    // which has no exact decimal type, at most 18 digits (a scaled 64-bit integer).
    exact_decimals => SchemaMeta {
        table: "lines".into(),
        fields: vec![
            FieldMeta { decimal: Some((15, 2)), ..field("price", "price", Ty::Decimal, false) },
            FieldMeta { decimal: Some((28, 28)), ..field("rate", "rate", Ty::Decimal, true) },
            FieldMeta { decimal: Some((1, 0)), ..field("digit", "digit", Ty::Decimal, false) },
        ]
        .into(),
        primary_key: vec!["price".into()].into(),
    };
    // SQLite: BIGINT(p, s), the integer value × 10^s, up to 18 digits (a lone key is no
    // alias of the rowid, which only `INTEGER` is).
    scaled_decimals => SchemaMeta {
        table: "lines".into(),
        fields: vec![
            FieldMeta { decimal: Some((15, 2)), ..field("price", "price", Ty::Decimal, false) },
            FieldMeta { decimal: Some((18, 18)), ..field("rate", "rate", Ty::Decimal, true) },
            FieldMeta { decimal: Some((1, 0)), ..field("digit", "digit", Ty::Decimal, false) },
        ]
        .into(),
        primary_key: vec!["price".into()].into(),
    };
    // A decimal needs a precision from 1 to 28 and a scale up to it; only decimals have one.
    decimal_without_precision => SchemaMeta {
        table: "lines".into(),
        fields: vec![field("price", "price", Ty::Decimal, false)].into(),
        primary_key: vec![].into(),
    };
    decimal_scale_past_its_precision => SchemaMeta {
        table: "lines".into(),
        fields: vec![FieldMeta { decimal: Some((4, 6)), ..field("price", "price", Ty::Decimal, false) }].into(),
        primary_key: vec![].into(),
    };
    decimal_precision_past_28 => SchemaMeta {
        table: "lines".into(),
        fields: vec![FieldMeta { decimal: Some((29, 2)), ..field("price", "price", Ty::Decimal, false) }].into(),
        primary_key: vec![].into(),
    };
    decimal_precision_on_a_number => SchemaMeta {
        table: "lines".into(),
        fields: vec![FieldMeta { decimal: Some((15, 2)), ..field("n", "n", Ty::F64, false) }].into(),
        primary_key: vec![].into(),
    };
    // A bytes key is VARBINARY on MySQL; a column name differs from its field's name.
    bytes_key_and_renamed_column => SchemaMeta {
        table: "blobs".into(),
        fields: vec![field("digest", "sha256", Ty::Bytes, false), field("size", "size", Ty::I64, true)].into(),
        primary_key: vec!["digest".into()].into(),
    };
    no_primary_key => SchemaMeta {
        table: "tags".into(),
        fields: vec![field("user_id", "user_id", Ty::I64, false), field("label", "label", Ty::Text, false)].into(),
        primary_key: vec![].into(),
    };
    identifiers_escape_their_quotes => SchemaMeta {
        table: r#"we"ird`table"#.into(),
        fields: vec![field("col", r#"col"with`quotes"#, Ty::Text, false)].into(),
        primary_key: vec!["col".into()].into(),
    };

    // Schemas no engine can create: errors, before any SQL.
    no_columns => SchemaMeta { table: "empty".into(), fields: vec![].into(), primary_key: vec![].into() };
    key_of_an_unknown_field => SchemaMeta {
        table: "t".into(),
        fields: vec![field("id", "id", Ty::I64, false)].into(),
        primary_key: vec!["uid".into()].into(),
    };
    key_of_an_optional_field => SchemaMeta {
        table: "t".into(),
        fields: vec![field("id", "id", Ty::I64, true)].into(),
        primary_key: vec!["id".into()].into(),
    };
    key_field_twice => SchemaMeta {
        table: "t".into(),
        fields: vec![field("id", "id", Ty::I64, false)].into(),
        primary_key: vec!["id".into(), "id".into()].into(),
    };
    columns_that_differ_in_case => SchemaMeta {
        table: "t".into(),
        fields: vec![field("id", "id", Ty::I64, false), field("big_id", "ID", Ty::I64, false)].into(),
        primary_key: vec![].into(),
    };
    empty_column_name => SchemaMeta {
        table: "t".into(),
        fields: vec![field("id", "", Ty::I64, false)].into(),
        primary_key: vec![].into(),
    };
    // A document is no key: MySQL cannot index a whole JSON column.
    key_of_a_json_document => SchemaMeta {
        table: "t".into(),
        fields: vec![field("doc", "doc", Ty::Json, false)].into(),
        primary_key: vec!["doc".into()].into(),
    };
    nul_in_a_name => SchemaMeta {
        table: "t\0".into(),
        fields: vec![field("id", "id", Ty::I64, false)].into(),
        primary_key: vec![].into(),
    };
}
