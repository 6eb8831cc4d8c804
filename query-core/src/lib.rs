//! recto-core: the data a recto query is made of, and nothing that renders it.
//!
//! A [`Query`] is plain data ([`QueryData`]) that accumulates clause by clause: one module
//! per clause under [`builder`], expressions in [`expr`], bound values in [`value`], and the
//! [`Schema`] trait that `#[derive(Schema)]` implements. This crate knows no SQL and no
//! engine; the planner resolves a query and the adapters print it.
//!
//! A query is serde data. The plain `Deserialize` impls are for the program's own payloads:
//! they believe the table metadata a payload states. A query from outside the program comes
//! in through [`Catalog`], which rebinds it to the program's schemas within [`Limits`].

#![warn(missing_docs)]

pub mod builder;
mod catalog;
mod children;
mod clauses;
pub mod columns;
mod depth;
pub mod dsl;
mod dynamic;
mod error;
pub mod expr;
mod float;
mod fragment;
mod func;
mod json_path;
mod limits;
mod location;
mod query;
pub mod row;
pub mod schema;
pub mod template;
mod tree;
pub mod value;

pub use builder::combination::{
    Combination, SetOp, except, except_all, intersect, intersect_all, union, union_all,
};
pub use builder::cte::{Cte, WithCtes};
pub use builder::distinct::Distinct;
pub use builder::filter::{BoolClause, BoolOp};
pub use builder::from::{From, Source};
pub use builder::group_by::GroupBy;
pub use builder::join::{Join, JoinKind};
pub use builder::limit_offset::LimitOffset;
pub use builder::order_by::{Direction, OrderBy, OrderTerm};
pub use builder::select::{Select, SelectClause, Selected};
pub use builder::values::{Values, ValuesRow, values};
pub use catalog::Catalog;
pub use depth::MAX_EXPR_DEPTH;
pub use dynamic::Dynamic;
pub use error::{Clause, Error};
pub use expr::{AggFunc, BinOp, BindingRef, Expr, SubqueryTest, UnOp};
pub use fragment::FragmentPart;
pub use func::{DatePart, Func, Unit};
pub use json_path::{JsonAs, PathStep};
pub use limits::{Limit, Limits, MAX_NESTING};
pub use location::Location;
pub use query::{Query, QueryData, Queryable, TemplateRef, exclude};
pub use schema::{Column, Erased, ErasedFields, FieldMeta, Schema, SchemaMeta};
pub use template::Param;
pub use value::{Array, ToList, ToValue, Ty, Value};

/// A name in a query (table, field, binding): borrowed when it comes from the program text,
/// owned when built at run time or deserialized.
pub type Name = std::borrow::Cow<'static, str>;
