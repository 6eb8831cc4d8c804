//! One field of a `#[derive(Schema)]` struct: its `#[recto(...)]` attributes (`primary_key`,
//! `column`, `varchar(n)`, `decimal(p, s)`) and the SQL type of its Rust type.

use proc_macro2::Ident;
use syn::ext::IdentExt;
use syn::{GenericArgument, LitStr, PathArguments, Type};

use crate::errors::Errors;

/// The Rust types a field may have, for the error about any other.
const SUPPORTED: &str = "`bool`, `i16`, `i32`, `i64`, `f32`, `f64`, `String`, `Vec<u8>`, chrono's `NaiveDate`, \
     `NaiveDateTime`, `NaiveTime` or `DateTime<Utc>`, a `uuid::Uuid`, a `serde_json::Value`, a `rust_decimal::Decimal` \
     (with `#[recto(decimal(p, s))]`), or an `Option` of one of them";

/// One field, as the derive found it.
pub(super) struct FieldDef {
    pub(super) ident: Ident,
    pub(super) ty: Type,
    pub(super) column: String,
    /// The `::recto::Ty` variant.
    pub(super) sql: &'static str,
    pub(super) nullable: bool,
    pub(super) primary_key: bool,
    /// `#[recto(varchar(n))]`.
    pub(super) max_length: Option<u32>,
    /// `#[recto(decimal(p, s))]`.
    pub(super) decimal: Option<(u8, u8)>,
}

/// The most digits a decimal column may declare: `rust_decimal::Decimal` holds 28 (and
/// some 29-digit numbers), PostgreSQL's NUMERIC and MySQL's DECIMAL more.
const MAX_DECIMAL_PRECISION: u8 = 28;

/// The longest `varchar` a schema may declare: MySQL's most characters of utf8mb4 text in
/// a `VARCHAR`, whose 65,535 bytes take at most 4 each. PostgreSQL allows more, SQLite any.
const MAX_VARCHAR: u32 = 16_383;

pub(super) fn field_def(field: &syn::Field) -> syn::Result<FieldDef> {
    let ident = field.ident.clone().expect("named fields have names");
    let mut column = ident.unraw().to_string();
    let mut primary_key = false;
    let mut max_length = None;
    let mut decimal = None;
    let mut errors = Errors::default();
    for attr in field
        .attrs
        .iter()
        .filter(|attr| attr.path().is_ident("recto"))
    {
        errors.take(attr.parse_nested_meta(|meta| {
            if meta.path.is_ident("primary_key") {
                primary_key = true;
                Ok(())
            } else if meta.path.is_ident("column") {
                column = meta.value()?.parse::<LitStr>()?.value();
                Ok(())
            } else if meta.path.is_ident("varchar") {
                let content;
                syn::parenthesized!(content in meta.input);
                let length = content.parse::<syn::LitInt>()?;
                match length.base10_parse::<u32>() {
                    Ok(n) if (1..=MAX_VARCHAR).contains(&n) => {
                        max_length = Some(n);
                        Ok(())
                    }
                    _ => Err(syn::Error::new_spanned(
                        &length,
                        format!("a `varchar` length is a number of characters from 1 to {MAX_VARCHAR} (MySQL's most for utf8mb4 text)"),
                    )),
                }
            } else if meta.path.is_ident("decimal") {
                decimal = Some(decimal_spec(&meta)?);
                Ok(())
            } else {
                Err(meta.error("unknown `recto` attribute; on a field, write `#[recto(primary_key)]`, `#[recto(column = \"name\")]`, `#[recto(varchar(n))]` or `#[recto(decimal(p, s))]`"))
            }
        }));
    }
    let sql = sql_type(&field.ty).ok_or_else(|| {
        syn::Error::new_spanned(
            &field.ty,
            format!("unsupported field type: a schema field is {SUPPORTED}"),
        )
    });
    let (sql, nullable) = errors.finish(sql)??;
    if max_length.is_some() && sql != "Text" {
        return Err(syn::Error::new_spanned(
            &field.ty,
            "`#[recto(varchar(n))]` limits text: the field must be a `String` or an `Option<String>`",
        ));
    }
    if decimal.is_some() && sql != "Decimal" {
        return Err(syn::Error::new_spanned(
            &field.ty,
            "`#[recto(decimal(p, s))]` declares an exact decimal: the field must be a `rust_decimal::Decimal` or an `Option<Decimal>`",
        ));
    }
    if decimal.is_none() && sql == "Decimal" {
        return Err(syn::Error::new_spanned(
            &field.ty,
            "a `Decimal` field needs its precision and scale: write `#[recto(decimal(p, s))]` on it (for example `decimal(15, 2)`: 15 digits, 2 after the point)",
        ));
    }
    Ok(FieldDef {
        ident,
        ty: field.ty.clone(),
        column,
        sql,
        nullable,
        primary_key,
        max_length,
        decimal,
    })
}

/// The `(p, s)` of `decimal(p, s)`: 1 <= p <= 28 digits, 0 <= s <= p after the point.
fn decimal_spec(meta: &syn::meta::ParseNestedMeta<'_>) -> syn::Result<(u8, u8)> {
    let content;
    syn::parenthesized!(content in meta.input);
    let precision = content.parse::<syn::LitInt>()?;
    content.parse::<syn::Token![,]>()?;
    let scale = content.parse::<syn::LitInt>()?;
    let p = match precision.base10_parse::<u8>() {
        Ok(p) if (1..=MAX_DECIMAL_PRECISION).contains(&p) => p,
        _ => {
            return Err(syn::Error::new_spanned(
                &precision,
                format!(
                    "a decimal's precision is a number of digits from 1 to {MAX_DECIMAL_PRECISION} (what `rust_decimal::Decimal` holds)"
                ),
            ));
        }
    };
    match scale.base10_parse::<u8>() {
        Ok(s) if s <= p => Ok((p, s)),
        _ => Err(syn::Error::new_spanned(
            &scale,
            "a decimal's scale is the number of digits after the point, from 0 to its precision",
        )),
    }
}

/// The `::recto::Ty` variant of a field type and whether it is nullable.
fn sql_type(ty: &Type) -> Option<(&'static str, bool)> {
    match generic_argument(ty, "Option") {
        Some(inner) => scalar(inner).map(|sql| (sql, true)),
        None => scalar(ty).map(|sql| (sql, false)),
    }
}

/// The SQL type of a non-`Option` field type, by its last path segment.
fn scalar(ty: &Type) -> Option<&'static str> {
    if let Some(element) = generic_argument(ty, "Vec") {
        return matches!(last_segment(element), Some((name, PathArguments::None)) if name == "u8")
            .then_some("Bytes");
    }
    // chrono's `DateTime<Utc>`: an instant; other time zones are not columns.
    if let Some(zone) = generic_argument(ty, "DateTime") {
        return matches!(last_segment(zone), Some((name, PathArguments::None)) if name == "Utc")
            .then_some("TimestampUtc");
    }
    if json_value(ty) {
        return Some("Json");
    }
    match last_segment(ty)? {
        (name, PathArguments::None) => Some(match name.as_str() {
            "bool" => "Bool",
            "i16" => "I16",
            "i32" => "I32",
            "i64" => "I64",
            "f32" => "F32",
            "f64" => "F64",
            "String" => "Text",
            // chrono's naive types, by name: `NaiveDate`, `chrono::NaiveDate`,
            // `recto::chrono::NaiveDate` and `sqlx::types::chrono::NaiveDate` are all one type.
            "NaiveDate" => "Date",
            "NaiveDateTime" => "Timestamp",
            "NaiveTime" => "Time",
            // `uuid::Uuid`, by name (its values need recto's `uuid` feature).
            "Uuid" => "Uuid",
            // `rust_decimal::Decimal`, by name (its values need recto's `decimal` feature).
            "Decimal" => "Decimal",
            _ => return None,
        }),
        _ => None,
    }
}

/// Whether `ty` names serde_json's `Value` (its values need recto's `json` feature):
/// `serde_json::Value` under any prefix (`recto::serde_json::Value`), `Value` alone as
/// `use serde_json::Value;` imports it, or sqlx's alias `JsonValue`. Another crate's
/// `Value` (`recto::Value` is a bound parameter, not a column) is not one.
fn json_value(ty: &Type) -> bool {
    let path = match ty {
        Type::Path(path) if path.qself.is_none() => &path.path,
        Type::Group(group) => return json_value(&group.elem),
        Type::Paren(paren) => return json_value(&paren.elem),
        _ => return false,
    };
    let names: Vec<String> = path
        .segments
        .iter()
        .map(|segment| match segment.arguments {
            PathArguments::None => segment.ident.to_string(),
            _ => String::new(),
        })
        .collect();
    match names.as_slice() {
        [only] => only == "Value" || only == "JsonValue",
        [.., module, last] => {
            (module == "serde_json" && last == "Value")
                || (module == "types" && last == "JsonValue")
        }
        [] => false,
    }
}

/// `T` of `Name<T>`.
fn generic_argument<'a>(ty: &'a Type, name: &str) -> Option<&'a Type> {
    match last_segment(ty)? {
        (last, PathArguments::AngleBracketed(args)) if last == name && args.args.len() == 1 => {
            match &args.args[0] {
                GenericArgument::Type(inner) => Some(inner),
                _ => None,
            }
        }
        _ => None,
    }
}

fn last_segment(ty: &Type) -> Option<(String, &PathArguments)> {
    match ty {
        Type::Path(path) if path.qself.is_none() => {
            let last = path.path.segments.last()?;
            Some((last.ident.to_string(), &last.arguments))
        }
        Type::Group(group) => last_segment(&group.elem),
        Type::Paren(paren) => last_segment(&paren.elem),
        _ => None,
    }
}
