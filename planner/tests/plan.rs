//! Planner tests: queries built with the builder API, checked for how they resolve and for
//! every error the planner reports.

mod common;

use recto_core::row::AnyRow;
use recto_core::{
    AggFunc, BinOp, BindingRef, Clause, Direction, Erased, Error, Expr, JoinKind, OrderTerm, Query,
    Select, Selected, Source, Ty, UnOp, Value,
};
use recto_planner::{Alias, Count, ExprId, Planned, PlannedExpr, plan};

use common::*;

// Bindings and aliases.

#[test]
fn aliases_take_the_tables_first_letter_and_position() {
    let q = users_orgs().join::<Erased>(
        JoinKind::Left,
        Source::Table("_audit".into()),
        Expr::Lit(Value::Bool(true)),
        None,
    );
    let p = planned(&q);
    let aliases: Vec<String> = p.bindings().map(|b| b.alias.to_string()).collect();
    assert_eq!(aliases, ["u0", "o1", "t2"]);
    assert_eq!(p.binding(1).map(|b| b.table), Some("Orgs"));
    assert_eq!(p.binding(1).and_then(|b| b.name), Some("org"));
    assert!(p.binding(2).is_some_and(|b| b.schema.is_none()));
    assert!(p.binding(3).is_none());
}

#[test]
fn each_join_kind_makes_its_bindings_nullable_as_it_can_leave_them_null() {
    // (kind of the third binding's join, after an inner join) -> nullable bindings 0, 1, 2.
    let cases = [
        (JoinKind::Inner, [false, false, false]),
        (JoinKind::Left, [false, false, true]),
        (JoinKind::Right, [true, true, false]),
        (JoinKind::Full, [true, true, true]),
        (JoinKind::Cross, [false, false, false]),
    ];
    for (kind, nullable) in cases {
        let on = match kind {
            JoinKind::Cross => recto_core::Join::CROSS_ON,
            _ => eq(f(2, "user_id"), f(0, "id")),
        };
        let q = users_orgs().join::<Erased>(kind, Source::Table("posts".into()), on, None);
        let p = planned(&q);
        let got: Vec<bool> = p.bindings().map(|b| b.nullable).collect();
        assert_eq!(got, nullable, "{kind:?}");
        // A cross join has no condition; the others keep theirs.
        assert_eq!(p.joins[1].on.is_none(), kind == JoinKind::Cross, "{kind:?}");
    }
}

#[test]
fn alias_of_a_non_letter_table_is_t() {
    assert_eq!(Alias::for_table("1st", 4).to_string(), "t4");
    assert_eq!(Alias::for_table("", 0).to_string(), "t0");
    assert_eq!(Alias::for_table("éte", 0).to_string(), "t0");
}

#[test]
fn named_binding_resolves_to_its_join() {
    let q = users_orgs().filter(eq(
        named("org", "name"),
        Expr::Param(Value::Text("acme".into())),
    ));
    let p = planned(&q);
    let Some(PlannedExpr::Binary { left, .. }) = p.filter.map(|id| p.expr(id)) else {
        panic!("{:?}", p.filter)
    };
    assert_eq!(
        column(&p, *left).alias,
        Alias {
            letter: 'o',
            index: 1,
            query: 0,
        }
    );
}

#[test]
fn named_root_resolves() {
    let q = users().named_root("u").filter(eq(named("u", "id"), int(1)));
    let p = planned(&q);
    let Some(PlannedExpr::Binary { left, .. }) = p.filter.map(|id| p.expr(id)) else {
        panic!()
    };
    assert_eq!(column(&p, *left).alias.index, 0);
}

#[test]
fn last_refers_to_the_last_binding() {
    let q = users_orgs().filter(eq(
        Expr::field(BindingRef::Last, "name"),
        Expr::Param(Value::Text("x".into())),
    ));
    let p = planned(&q);
    let Some(PlannedExpr::Binary { left, .. }) = p.filter.map(|id| p.expr(id)) else {
        panic!()
    };
    assert_eq!(column(&p, *left).alias.index, 1);
}

#[test]
fn last_in_a_join_refers_to_that_join() {
    let q = users_orgs().join::<Erased>(
        JoinKind::Left,
        Source::Table("posts".into()),
        eq(Expr::field(BindingRef::Last, "org_id"), f(1, "id")),
        None,
    );
    let p = planned(&q);
    let PlannedExpr::Binary { left, .. } = p.expr(p.joins[1].on.expect("a condition")) else {
        panic!()
    };
    assert_eq!(
        column(&p, *left).alias,
        Alias {
            letter: 'p',
            index: 2,
            query: 0,
        }
    );
}

#[test]
fn a_join_may_refer_to_itself_and_earlier_bindings() {
    let q = users_orgs();
    let p = planned(&q);
    let PlannedExpr::Binary { left, right, .. } = p.expr(p.joins[0].on.expect("a condition"))
    else {
        panic!()
    };
    assert_eq!(
        (
            column(&p, *left).alias.index,
            column(&p, *right).alias.index
        ),
        (1, 0)
    );
    assert_eq!(p.joins[0].kind, JoinKind::Inner);
}

#[test]
fn a_join_referring_to_a_later_binding_is_out_of_range() {
    let q = users()
        .join::<Org>(
            JoinKind::Inner,
            Source::schema::<Org>(),
            eq(f(1, "id"), f(2, "org_id")),
            None,
        )
        .join::<Erased>(
            JoinKind::Inner,
            Source::Table("posts".into()),
            eq(f(2, "id"), f(0, "id")),
            None,
        );
    let e = plan(q.data()).unwrap_err();
    assert!(
        matches!(
            e,
            Error::BindingOutOfRange {
                clause: Clause::Join,
                index: 2,
                count: 2,
                ..
            }
        ),
        "{e:?}"
    );
}

#[test]
fn a_join_referring_to_a_later_named_binding_is_out_of_range() {
    let q = users()
        .join::<Org>(
            JoinKind::Inner,
            Source::schema::<Org>(),
            eq(named("posts", "id"), f(1, "id")),
            None,
        )
        .join::<Erased>(
            JoinKind::Inner,
            Source::Table("posts".into()),
            eq(f(2, "id"), f(0, "id")),
            Some("posts".into()),
        );
    let e = plan(q.data()).unwrap_err();
    assert!(
        matches!(
            e,
            Error::BindingOutOfRange {
                clause: Clause::Join,
                index: 2,
                count: 2,
                ..
            }
        ),
        "{e:?}"
    );
}

#[test]
fn unknown_named_binding() {
    let line = line!() + 1;
    let q = users().filter(eq(named("org", "id"), int(1)));
    let e = plan(q.data()).unwrap_err();
    let Error::UnknownBinding {
        clause: Clause::Where,
        name,
        at,
    } = e
    else {
        panic!("{e:?}")
    };
    assert_eq!((name.as_str(), at.line), ("org", line));
}

#[test]
fn binding_index_out_of_range() {
    let q = users_orgs().order_by(vec![OrderTerm {
        direction: Direction::Asc,
        expr: f(2, "id"),
    }]);
    let e = plan(q.data()).unwrap_err();
    assert!(
        matches!(
            e,
            Error::BindingOutOfRange {
                clause: Clause::OrderBy,
                index: 2,
                count: 2,
                ..
            }
        ),
        "{e:?}"
    );
}

#[test]
fn duplicate_binding_names_the_second_as() {
    let line = line!() + 1;
    let q = users_orgs().join::<Org>(
        JoinKind::Left,
        Source::schema::<Org>(),
        eq(f(2, "id"), f(0, "org_id")),
        Some("org".into()),
    );
    let e = plan(q.data()).unwrap_err();
    let Error::DuplicateBinding { name, at } = e else {
        panic!("{e:?}")
    };
    assert_eq!((name.as_str(), at.line), ("org", line));
}

#[test]
fn duplicate_binding_with_the_root_name() {
    let q = users().named_root("org").join::<Org>(
        JoinKind::Inner,
        Source::schema::<Org>(),
        eq(f(1, "id"), f(0, "org_id")),
        Some("org".into()),
    );
    assert!(matches!(
        plan(q.data()),
        Err(Error::DuplicateBinding { .. })
    ));
}

// Fields.

#[test]
fn schema_field_resolves_to_its_column() {
    let q = users().filter(is_nil(f(0, "email")));
    let p = planned(&q);
    let Some(PlannedExpr::IsNil(inner)) = p.filter.map(|id| p.expr(id)) else {
        panic!()
    };
    let c = column(&p, *inner);
    assert_eq!(
        (c.column, c.field, c.ty),
        ("email_address", "email", Some(Ty::Text))
    );
}

#[test]
fn schemaless_field_is_its_own_column() {
    let q = Query::table("users")
        .filter(is_nil(f(0, "anything")))
        .select(select_one(f(0, "id")));
    let p = planned(&q);
    let Some(PlannedExpr::IsNil(inner)) = p.filter.map(|id| p.expr(id)) else {
        panic!()
    };
    let c = column(&p, *inner);
    assert_eq!((c.column, c.field, c.ty), ("anything", "anything", None));
}

#[test]
fn unknown_field_names_clause_table_and_location() {
    let line = line!() + 1;
    let q = users_orgs().filter(eq(f(1, "nmae"), int(1)));
    let e = plan(q.data()).unwrap_err();
    let Error::UnknownField {
        clause: Clause::Where,
        field,
        table,
        at,
    } = e
    else {
        panic!("{e:?}")
    };
    assert_eq!(
        (field.as_str(), table.as_str(), at.line),
        ("nmae", "Orgs", line)
    );
}

#[test]
fn unknown_field_in_each_clause() {
    let bad = || f(0, "nope");
    let cases: Vec<(Query<User, AnyRow>, Clause)> = vec![
        (users().select(select_one(bad())).any_rows(), Clause::Select),
        (users().group_by(vec![bad()]).any_rows(), Clause::GroupBy),
        (users().having(eq(bad(), int(1))).any_rows(), Clause::Having),
        (
            users()
                .order_by(vec![OrderTerm {
                    direction: Direction::Desc,
                    expr: bad(),
                }])
                .any_rows(),
            Clause::OrderBy,
        ),
    ];
    for (q, expected) in cases {
        let e = plan(q.data()).unwrap_err();
        assert!(
            matches!(e, Error::UnknownField { clause, .. } if clause == expected),
            "{e:?}"
        );
    }
    let q = users().join::<Org>(
        JoinKind::Inner,
        Source::schema::<Org>(),
        eq(f(1, "nope"), int(1)),
        None,
    );
    assert!(matches!(
        plan(q.data()),
        Err(Error::UnknownField {
            clause: Clause::Join,
            ..
        })
    ));
}

// Where and having.

#[test]
fn where_or_where_combine_left_to_right() {
    let q = users()
        .filter(eq(f(0, "id"), int(1)))
        .or_filter(eq(f(0, "id"), int(2)))
        .filter(eq(f(0, "age"), int(3)));
    let p = planned(&q);
    let Some(PlannedExpr::Binary {
        op: BinOp::And,
        left,
        right,
    }) = p.filter.map(|id| p.expr(id))
    else {
        panic!("{:?}", p.filter)
    };
    assert!(matches!(
        p.expr(*left),
        PlannedExpr::Binary { op: BinOp::Or, .. }
    ));
    let age = match p.expr(*right) {
        PlannedExpr::Binary { left, .. } => *left,
        other => panic!("{other:?}"),
    };
    assert_eq!(column(&p, age).field, "age");
}

#[test]
fn a_lone_or_where_is_just_its_condition() {
    let q = users().or_filter(eq(f(0, "id"), int(1)));
    let p = planned(&q);
    assert!(matches!(
        p.filter.map(|id| p.expr(id)),
        Some(PlannedExpr::Binary { op: BinOp::Eq, .. })
    ));
}

#[test]
fn having_or_having_combine() {
    let count = Expr::Aggregate {
        func: AggFunc::Count,
        arg: None,
        distinct: false,
        filter: None,
    };
    let q = users()
        .group_by(vec![f(0, "age")])
        .having(eq(count.clone(), int(1)))
        .or_having(eq(count, int(2)))
        .select(select_one(f(0, "age")));
    let p = planned(&q);
    assert!(matches!(
        p.having.map(|id| p.expr(id)),
        Some(PlannedExpr::Binary { op: BinOp::Or, .. })
    ));
    assert_eq!(p.group_by.len(), 1);
    assert!(p.filter.is_none());
}

// Select.

#[test]
fn no_select_selects_the_root_schema_in_declaration_order() {
    let q = users();
    let p = planned(&q);
    let fields: Vec<(&str, &str, Option<&str>)> = p
        .select
        .iter()
        .map(|item| {
            (
                column(&p, item.expr).field,
                column(&p, item.expr).column,
                item.alias,
            )
        })
        .collect();
    assert_eq!(
        fields,
        [
            ("id", "id", None),
            ("name", "name", None),
            ("email", "email_address", Some("email")),
            ("age", "age", None),
            ("org_id", "org_id", None)
        ]
    );
}

#[test]
fn schemaless_root_without_select_is_missing_select() {
    let line = line!() + 1;
    let q = Query::table("users");
    let e = plan(q.data()).unwrap_err();
    let Error::MissingSelect { at } = e else {
        panic!("{e:?}")
    };
    assert_eq!(at.line, line);
}

#[test]
fn select_binding_expands_a_join() {
    let q = users_orgs().select(Select::One(Selected::Binding(BindingRef::Named(
        "org".into(),
    ))));
    let p = planned(&q);
    let columns: Vec<String> = p
        .select
        .iter()
        .map(|i| column(&p, i.expr).alias.to_string() + "." + column(&p, i.expr).column)
        .collect();
    assert_eq!(columns, ["o1.id", "o1.name"]);
}

#[test]
fn select_tuple_of_bindings_and_exprs_is_positional() {
    let q = users_orgs().select(Select::Tuple(vec![
        Selected::Binding(BindingRef::Index(1)),
        Selected::Expr(f(0, "email")),
    ]));
    let p = planned(&q);
    assert_eq!(p.select.len(), 3);
    assert_eq!(p.select[2].alias, None);
    assert_eq!(column(&p, p.select[2].expr).column, "email_address");
}

#[test]
fn select_struct_aliases_each_item() {
    let q = users().select(Select::Struct(vec![
        ("who".into(), Selected::Expr(f(0, "name"))),
        ("n".into(), Selected::Expr(int(1))),
    ]));
    let aliases: Vec<Option<&str>> = planned(&q).select.iter().map(|i| i.alias).collect();
    assert_eq!(aliases, [Some("who"), Some("n")]);
}

#[test]
fn select_binding_without_schema_is_invalid() {
    let q = Query::table("users").select(Select::One(Selected::Binding(BindingRef::Index(0))));
    assert!(matches!(
        plan(q.data()),
        Err(Error::InvalidClause {
            clause: Clause::Select,
            ..
        })
    ));
}

#[test]
fn select_of_a_schema_without_fields_is_invalid() {
    let q = Query::<Empty>::from_schema();
    assert!(matches!(
        plan(q.data()),
        Err(Error::InvalidClause {
            clause: Clause::Select,
            ..
        })
    ));
}

#[test]
fn empty_select_is_invalid() {
    for select in [Select::Tuple(vec![]), Select::Struct(vec![])] {
        let q = users().select(select);
        assert!(matches!(
            plan(q.data()),
            Err(Error::InvalidClause {
                clause: Clause::Select,
                ..
            })
        ));
    }
}

#[test]
fn select_binding_out_of_range() {
    let q = users().select(Select::One(Selected::Binding(BindingRef::Index(1))));
    assert!(matches!(
        plan(q.data()),
        Err(Error::BindingOutOfRange {
            clause: Clause::Select,
            index: 1,
            count: 1,
            ..
        })
    ));
}

#[test]
fn distinct_is_carried() {
    assert!(planned(&users().distinct(true)).distinct);
    assert!(!planned(&users().distinct(false)).distinct);
    assert!(!planned(&users()).distinct);
}

// Expressions.

#[test]
fn coalesce_of_one_argument_is_the_argument() {
    let q = users().select(select_one(Expr::Coalesce(vec![f(0, "email")])));
    let p = planned(&q);
    assert!(matches!(p.expr(p.select[0].expr), PlannedExpr::Column(_)));
}

#[test]
fn coalesce_of_nothing_is_invalid() {
    let q = users().filter(is_nil(Expr::Coalesce(vec![])));
    assert!(matches!(
        plan(q.data()),
        Err(Error::InvalidClause {
            clause: Clause::Where,
            ..
        })
    ));
}

#[test]
fn aggregates_without_argument() {
    let count = Expr::Aggregate {
        func: AggFunc::Count,
        arg: None,
        distinct: false,
        filter: None,
    };
    assert!(plan(users().select(select_one(count)).data()).is_ok());
    for (func, distinct) in [
        (AggFunc::Count, true),
        (AggFunc::Sum, false),
        (AggFunc::Max, false),
    ] {
        let q = users().select(select_one(Expr::Aggregate {
            func,
            arg: None,
            distinct,
            filter: None,
        }));
        assert!(
            matches!(
                plan(q.data()),
                Err(Error::InvalidClause {
                    clause: Clause::Select,
                    ..
                })
            ),
            "{func:?}"
        );
    }
}

#[test]
fn nesting_past_the_limit_is_invalid() {
    let mut deep = f(0, "id");
    for _ in 0..257 {
        deep = Expr::Unary {
            op: UnOp::Neg,
            expr: Box::new(deep),
        };
    }
    let q = users().filter(eq(deep, int(0)));
    assert!(matches!(
        plan(q.data()),
        Err(Error::InvalidClause {
            clause: Clause::Where,
            ..
        })
    ));
}

#[test]
fn many_where_clauses_count_toward_the_limit() {
    let mut q = users();
    for n in 0..200 {
        q = q.filter(eq(f(0, "id"), int(n)));
    }
    assert!(plan(q.data()).is_ok());
    for n in 0..100 {
        q = q.or_filter(eq(f(0, "id"), int(n)));
    }
    assert!(matches!(
        plan(q.data()),
        Err(Error::InvalidClause {
            clause: Clause::Where,
            ..
        })
    ));
}

#[test]
fn in_param_counts_its_elements() {
    let q = users()
        .filter(Expr::InParam {
            expr: Box::new(f(0, "id")),
            list: recto_core::Array::I64(vec![1, 2, 3]),
        })
        .limit(Expr::Param(Value::I64(5)));
    assert_eq!(planned(&q).size.params, 4);
}

// Limit and offset.

#[test]
fn limit_and_offset_take_literals_and_params() {
    let q = users().limit(int(10)).offset(Expr::Param(Value::I64(20)));
    let p = planned(&q);
    assert_eq!(p.limit, Some(Count::Literal(10)));
    assert_eq!(p.offset, Some(Count::Param(&Value::I64(20))));
}

#[test]
fn limit_and_offset_reject_the_rest() {
    let cases: Vec<(Query<User, AnyRow>, Clause)> = vec![
        (users().limit(int(-1)).any_rows(), Clause::Limit),
        (
            users().offset(Expr::Param(Value::I64(-5))).any_rows(),
            Clause::Offset,
        ),
        (
            users()
                .limit(Expr::Lit(Value::Text("10".into())))
                .any_rows(),
            Clause::Limit,
        ),
        (
            users().limit(Expr::Param(Value::F64(1.0))).any_rows(),
            Clause::Limit,
        ),
        (users().offset(f(0, "age")).any_rows(), Clause::Offset),
        (
            users().limit(Expr::Param(Value::Null(Ty::I64))).any_rows(),
            Clause::Limit,
        ),
    ];
    for (q, expected) in cases {
        let e = plan(q.data()).unwrap_err();
        assert!(
            matches!(e, Error::InvalidClause { clause, .. } if clause == expected),
            "{e:?}"
        );
    }
}

#[test]
fn errors_name_the_clause_location() {
    let line = line!() + 1;
    let q = users().limit(int(-1));
    let Err(Error::InvalidClause { at, reason, .. }) = plan(q.data()) else {
        panic!()
    };
    assert_eq!(at.line, line);
    assert!(reason.contains("negative"), "{reason}");
}

#[test]
fn a_constant_group_by_or_order_by_term_is_invalid() {
    let sort = |expr| {
        vec![OrderTerm {
            direction: Direction::Asc,
            expr,
        }]
    };
    let cases: Vec<(Query<User, AnyRow>, Clause)> = vec![
        (users().order_by(sort(int(1))).any_rows(), Clause::OrderBy),
        (
            users()
                .order_by(sort(Expr::Param(Value::I32(2))))
                .any_rows(),
            Clause::OrderBy,
        ),
        (
            users()
                .order_by(sort(Expr::Coalesce(vec![Expr::Lit(Value::Bool(true))])))
                .any_rows(),
            Clause::OrderBy,
        ),
        (
            users().group_by(vec![f(0, "age"), int(1)]).any_rows(),
            Clause::GroupBy,
        ),
    ];
    for (q, expected) in cases {
        let e = plan(q.data()).unwrap_err();
        assert!(
            matches!(e, Error::InvalidClause { clause, .. } if clause == expected),
            "{e:?}"
        );
    }
    let q = users().order_by(sort(Expr::Unary {
        op: UnOp::Neg,
        expr: Box::new(f(0, "age")),
    }));
    assert!(plan(q.data()).is_ok());
}

// Nullability and types, which the writer uses to place NULLs and cast aggregates.

fn selected(planned: &Planned<'_>) -> Vec<ExprId> {
    planned.select.iter().map(|item| item.expr).collect()
}

#[test]
fn columns_are_nullable_by_schema_by_schemaless_binding_and_by_left_join() {
    let q = users()
        .join::<Org>(
            JoinKind::Left,
            Source::schema::<Org>(),
            eq(f(1, "id"), f(0, "org_id")),
            None,
        )
        .join::<Erased>(
            JoinKind::Inner,
            Source::Table("tags".into()),
            Expr::Lit(Value::Bool(true)),
            None,
        )
        .select(Select::Tuple(vec![
            Selected::Expr(f(0, "id")),
            Selected::Expr(f(1, "name")),
            Selected::Expr(f(2, "label")),
            Selected::Binding(BindingRef::Index(1)),
        ]));
    let p = planned(&q);
    let nullable: Vec<bool> = selected(&p)
        .into_iter()
        .map(|e| p.exprs.nullable(e))
        .collect();
    // users.id; orgs.name through a left join; a schemaless field; orgs.* through the join.
    assert_eq!(nullable, [false, true, true, true, true]);
    assert_eq!(
        p.bindings().map(|b| b.nullable).collect::<Vec<_>>(),
        [false, true, false]
    );
}

#[test]
fn expressions_are_nullable_when_they_can_be() {
    let null = Expr::Param(Value::Null(Ty::I32));
    // Grouped by the primary key, so aggregates and every field may be selected together.
    let q = users().group_by(vec![f(0, "id")]).select(Select::Tuple(
        [
            agg(AggFunc::Count, f(0, "age")),
            agg(AggFunc::Max, f(0, "age")),
            Expr::Coalesce(vec![null.clone(), f(0, "age")]),
            Expr::Coalesce(vec![f(0, "age"), null.clone()]),
            Expr::binary(BinOp::Add, f(0, "age"), int(1)),
            Expr::binary(BinOp::Add, f(0, "age"), null),
            Expr::binary(BinOp::Div, f(0, "age"), int(2)),
            Expr::binary(BinOp::Div, f(0, "age"), int(0)),
            Expr::binary(BinOp::Div, f(0, "age"), f(0, "id")),
            Expr::IsNil(Box::new(f(0, "age"))),
        ]
        .into_iter()
        .map(Selected::Expr)
        .collect(),
    ));
    let p = planned(&q);
    let nullable: Vec<bool> = selected(&p)
        .into_iter()
        .map(|e| p.exprs.nullable(e))
        .collect();
    assert_eq!(
        nullable,
        [
            false, true, false, false, false, true, false, true, true, false
        ]
    );
}

#[test]
fn types_are_the_ones_every_engine_decodes() {
    // Grouped by the primary key, so aggregates and every field may be selected together.
    let q = users().group_by(vec![f(0, "id")]).select(Select::Tuple(
        [
            agg(AggFunc::Sum, f(0, "age")),
            agg(AggFunc::Sum, Expr::Lit(Value::F64(1.5))),
            agg(AggFunc::Avg, f(0, "age")),
            agg(AggFunc::Min, f(0, "age")),
            agg(AggFunc::Count, f(0, "name")),
            Expr::binary(BinOp::Add, f(0, "age"), int(1)),
            Expr::binary(BinOp::Add, f(0, "age"), f(0, "id")),
            Expr::binary(BinOp::Mul, f(0, "age"), Expr::Lit(Value::F64(2.0))),
            Expr::Coalesce(vec![f(0, "age"), Expr::Param(Value::I64(0))]),
            Expr::Coalesce(vec![f(0, "age"), Expr::Lit(Value::F64(0.5))]),
            Expr::Coalesce(vec![f(0, "name"), f(0, "age")]),
        ]
        .into_iter()
        .map(Selected::Expr)
        .collect(),
    ));
    let p = planned(&q);
    let types: Vec<Option<Ty>> = selected(&p).into_iter().map(|e| p.exprs.ty(e)).collect();
    assert_eq!(
        types,
        [
            Some(Ty::I64),
            Some(Ty::F64),
            Some(Ty::F64),
            Some(Ty::I32),
            Some(Ty::I64),
            Some(Ty::I32),
            Some(Ty::I64),
            Some(Ty::F64),
            Some(Ty::I64),
            Some(Ty::F64),
            None,
        ]
    );
    let sum_of_unknown = Query::table("t").select(select_one(agg(AggFunc::Sum, f(0, "x"))));
    let p = planned(&sum_of_unknown);
    assert_eq!(p.exprs.ty(p.select[0].expr), None);
}
