//! What `#[derive(Schema)]` expands to.

use insta::assert_snapshot;
use quote::quote;

use super::pretty_items;
use crate::derive::expand_derive;

#[test]
fn schema() {
    assert_snapshot!(pretty_items(
        expand_derive(quote! {
            #[derive(Schema, Debug, sqlx::FromRow)]
            #[recto(table = "users")]
            #[sqlx(rename_all = "snake_case")]
            pub struct User {
                #[recto(primary_key)]
                pub id: i64,
                #[recto(column = "user_name")]
                #[sqlx(rename = "user_name")]
                pub name: String,
                pub email: Option<String>,
                pub age: i32,
                pub r#type: std::string::String,
                pub avatar: Option<Vec<u8>>,
                pub score: f64,
            }
        })
        .expect("expands")
    ));
}

#[test]
fn private_schema_and_composite_key() {
    assert_snapshot!(pretty_items(
        expand_derive(quote! {
            #[recto(table = "memberships")]
            struct Membership {
                #[recto(primary_key)]
                user_id: i64,
                #[recto(primary_key)]
                org_id: i64,
                admin: bool,
            }
        })
        .expect("expands")
    ));
}

#[test]
fn dates_and_timestamps() {
    assert_snapshot!(pretty_items(
        expand_derive(quote! {
            #[recto(table = "events")]
            pub struct Event {
                #[recto(primary_key)]
                pub id: i64,
                pub day: NaiveDate,
                pub at: chrono::NaiveDateTime,
                pub until: Option<recto::chrono::NaiveDate>,
                pub seen: Option<sqlx::types::chrono::NaiveDateTime>,
            }
        })
        .expect("expands")
    ));
}

#[test]
fn times_instants_and_bounded_text() {
    assert_snapshot!(pretty_items(
        expand_derive(quote! {
            #[recto(table = "shifts")]
            pub struct Shift {
                #[recto(primary_key, varchar(8))]
                pub code: String,
                pub starts: NaiveTime,
                pub at: chrono::DateTime<chrono::Utc>,
                #[recto(varchar(40))]
                pub note: Option<String>,
                pub seen: Option<DateTime<Utc>>,
            }
        })
        .expect("expands")
    ));
}

/// serde_json's `Value` under any of its names is a JSON column (`recto::Value`, a bound
/// parameter, is not: `derive_errors`).
#[test]
fn json_documents() {
    assert_snapshot!(pretty_items(
        expand_derive(quote! {
            #[recto(table = "events")]
            pub struct Event {
                pub meta: serde_json::Value,
                pub extra: Option<recto::serde_json::Value>,
                pub imported: Value,
                pub aliased: Option<sqlx::types::JsonValue>,
            }
        })
        .expect("expands")
    ));
}

/// `rust_decimal::Decimal` under any prefix is an exact decimal column, with the precision
/// and scale of its `decimal(p, s)` in its metadata.
#[test]
fn exact_decimals() {
    assert_snapshot!(pretty_items(
        expand_derive(quote! {
            #[recto(table = "lines")]
            pub struct Line {
                #[recto(primary_key)]
                pub id: i64,
                #[recto(decimal(15, 2))]
                pub price: rust_decimal::Decimal,
                #[recto(decimal(5, 4), column = "disc")]
                pub discount: Option<recto::rust_decimal::Decimal>,
                #[recto(decimal(28, 0))]
                pub total: Decimal,
            }
        })
        .expect("expands")
    ));
}
