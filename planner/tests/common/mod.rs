//! The schemas and builders the planner's test files share: users in organisations.

#![allow(
    dead_code,
    reason = "each test binary uses a different part of the fixture"
)]

use std::borrow::Cow;

use recto_core::{
    AggFunc, BinOp, BindingRef, Clause, Direction, Error, Expr, FieldMeta, JoinKind, OrderTerm,
    Query, Schema, SchemaMeta, Select, Selected, Source, Ty, Value,
};
use recto_planner::{ColumnRef, ExprId, Planned, PlannedExpr, plan};

pub struct User;

impl Schema for User {
    type Fields = ();
    const FIELDS: () = ();
    const META: SchemaMeta = SchemaMeta {
        table: Cow::Borrowed("users"),
        fields: Cow::Borrowed(&[
            field("id", "id", Ty::I64),
            field("name", "name", Ty::Text),
            field("email", "email_address", Ty::Text),
            field("age", "age", Ty::I32),
            field("org_id", "org_id", Ty::I64),
        ]),
        primary_key: Cow::Borrowed(&[Cow::Borrowed("id")]),
    };
}

pub struct Org;

impl Schema for Org {
    type Fields = ();
    const FIELDS: () = ();
    const META: SchemaMeta = SchemaMeta {
        table: Cow::Borrowed("Orgs"),
        fields: Cow::Borrowed(&[field("id", "id", Ty::I64), field("name", "name", Ty::Text)]),
        primary_key: Cow::Borrowed(&[Cow::Borrowed("id")]),
    };
}

pub struct Empty;

impl Schema for Empty {
    type Fields = ();
    const FIELDS: () = ();
    const META: SchemaMeta = SchemaMeta {
        table: Cow::Borrowed("empty"),
        fields: Cow::Borrowed(&[]),
        primary_key: Cow::Borrowed(&[]),
    };
}

pub const fn field(name: &'static str, column: &'static str, ty: Ty) -> FieldMeta {
    FieldMeta {
        name: Cow::Borrowed(name),
        column: Cow::Borrowed(column),
        ty,
        nullable: false,
        max_length: None,
        decimal: None,
    }
}

pub fn f(binding: usize, name: &'static str) -> Expr {
    Expr::field(BindingRef::Index(binding), name)
}

pub fn named(binding: &'static str, name: &'static str) -> Expr {
    Expr::field(BindingRef::Named(Cow::Borrowed(binding)), name)
}

pub fn int(n: i32) -> Expr {
    Expr::Lit(Value::I32(n))
}

pub fn eq(left: Expr, right: Expr) -> Expr {
    Expr::binary(BinOp::Eq, left, right)
}

pub fn users() -> Query<User> {
    Query::<User>::from_schema()
}

pub fn users_orgs() -> Query<(User, Org)> {
    users().join::<Org>(
        JoinKind::Inner,
        Source::schema::<Org>(),
        eq(f(1, "id"), f(0, "org_id")),
        Some("org".into()),
    )
}

/// The column expression `id` of `planned` is.
pub fn column<'q>(planned: &Planned<'q>, id: ExprId) -> ColumnRef<'q> {
    match planned.expr(id) {
        PlannedExpr::Column(column) => *column,
        other => panic!("expected a column, got {other:?}"),
    }
}

pub fn select_one(expr: Expr) -> Select {
    Select::One(Selected::Expr(expr))
}

pub fn planned<S, R>(query: &Query<S, R>) -> Planned<'_> {
    plan(query.data()).unwrap_or_else(|e| panic!("planning failed: {e}"))
}

pub fn is_nil(expr: Expr) -> Expr {
    Expr::IsNil(Box::new(expr))
}

pub fn agg(func: AggFunc, arg: Expr) -> Expr {
    Expr::Aggregate {
        func,
        arg: Some(Box::new(arg)),
        distinct: false,
        filter: None,
    }
}

pub fn count() -> Expr {
    Expr::Aggregate {
        func: AggFunc::Count,
        arg: None,
        distinct: false,
        filter: None,
    }
}

/// One ascending sort term.
pub fn asc(expr: Expr) -> Vec<OrderTerm> {
    vec![OrderTerm {
        direction: Direction::Asc,
        expr,
    }]
}

/// The `InvalidClause` error of planning `query`, which must fail in `clause`; returns the
/// reason so a test can check it names the offending expression.
#[track_caller]
pub fn invalid_in<S, R>(query: &Query<S, R>, clause: Clause) -> String {
    match plan(query.data()) {
        Err(Error::InvalidClause {
            clause: found,
            reason,
            at: _,
        }) if found == clause => reason,
        Err(other) => panic!("expected an invalid `{clause}`, got: {other}"),
        Ok(planned) => panic!("expected an invalid `{clause}`, got a plan: {planned:?}"),
    }
}
