//! Rendering snapshots: one tiny query per clause or expression form, printed in PostgreSQL,
//! MySQL and SQLite (text and parameters) as one snapshot each. Every snapshot is a reviewed
//! claim that the SQL is right in each engine; `docs/dialects.md` names the case covering
//! each feature × dialect cell.

mod fixture;

use fixture::*;
use recto_core::{
    AggFunc, Array, BinOp, BindingRef, Direction, Erased, Expr, JoinKind, Query, Select, Selected,
};
use recto_core::{Source, Ty, Value};

macro_rules! cases {
    ($($name:ident => $query:expr;)*) => {$(
        #[test]
        fn $name() {
            insta::assert_snapshot!(stringify!($name), render_all(&$query));
        }
    )*};
}

cases! {
    // Select.
    select_default_is_the_whole_schema => users();
    select_one_expr => users().select(one(u("name")));
    select_tuple => users().select(tuple(vec![u("id"), u("email"), int(1)]));
    select_struct_aliases_by_field_name => users().group_by(vec![u("name"), u("email")]).select(Select::Struct(vec![
        ("who".into(), Selected::Expr(u("name"))),
        ("contact".into(), Selected::Expr(u("email"))),
        ("n".into(), Selected::Expr(agg(AggFunc::Count, None, false))),
    ]));
    select_binding_of_a_join => users_orgs(JoinKind::Inner).select(Select::Tuple(vec![
        Selected::Binding(BindingRef::Named("org".into())),
        Selected::Binding(BindingRef::Index(0)),
    ]));
    select_distinct => users().distinct(true).select(one(u("age")));
    select_param => users().select(tuple(vec![u("id"), text("tag")]));
    schemaless_source => Query::table("events").select(tuple(vec![u("id"), u("kind")]));
    schemaless_alias_of_a_non_letter_table => Query::table("_audit").select(one(u("id")));

    // Identifiers.
    identifiers_escape_their_quotes => Query::table(r#"we"ird`table"#).select(Select::Struct(vec![
        (r#"al"ias"#.into(), Selected::Expr(u(r#"col"umn"#))),
        ("back`tick".into(), Selected::Expr(u("it's"))),
    ]));
    identifier_with_nul_is_rejected => Query::table("bad\0table").select(one(u("id")));

    // Where.
    where_param => users().filter(bin(BinOp::Ge, u("age"), param(Value::I32(18))));
    where_and_or_where_combine_left_to_right => users()
        .filter(eq(u("id"), int(1)))
        .or_filter(eq(u("id"), int(2)))
        .filter(bin(BinOp::Gt, u("age"), int(3)));
    where_lone_or_where => users().or_filter(eq(u("id"), int(1)));
    where_boolean_literals => users().filter(eq(lit(Value::Bool(true)), lit(Value::Bool(false)))).select(one(lit(Value::Bool(true))));
    where_number_literals => users().select(tuple(vec![
        int(-7),
        lit(Value::I64(9_007_199_254_740_993)),
        lit(Value::F64(2.0)),
        lit(Value::F64(-0.5)),
        lit(Value::F64(1e300)),
        lit(Value::F64(1.5e-7)),
    ]));
    where_text_and_null_literals_are_bound => users()
        .filter(eq(u("name"), lit(Value::Text("O'Brien; --".into()))))
        .filter(eq(u("email"), lit(Value::Null(Ty::Text))))
        .select(one(lit(Value::Bytes(vec![0, 1]))));
    where_non_finite_float_is_bound => users().select(tuple(vec![lit(Value::F64(f64::NAN)), lit(Value::F64(f64::INFINITY))]));

    // Operators.
    comparison_operators => users().filter(
        eq(u("id"), int(1))
            .and(bin(BinOp::Ne, u("id"), int(2)))
            .and(bin(BinOp::Lt, u("age"), int(3)))
            .and(bin(BinOp::Le, u("age"), int(4)))
            .and(bin(BinOp::Gt, u("age"), int(5)))
            .and(bin(BinOp::Ge, u("age"), int(6))),
    );
    arithmetic_operators => users().select(one(bin(
        BinOp::Sub,
        bin(BinOp::Add, u("age"), bin(BinOp::Mul, int(2), u("id"))),
        bin(BinOp::Rem, bin(BinOp::Div, u("id"), int(3)), int(4)),
    )));
    integer_division => users().select(tuple(vec![
        bin(BinOp::Div, u("age"), int(7)),
        bin(BinOp::Div, u("id"), param(Value::I32(2))),
        bin(BinOp::Div, neg(u("age")), bin(BinOp::Add, int(3), int(4))),
        bin(BinOp::Div, agg(AggFunc::Count, None, false), int(3)),
    ])).group_by(vec![u("age"), u("id")]);
    float_division => users().select(tuple(vec![
        bin(BinOp::Div, u("age"), lit(Value::F64(2.0))),
        bin(BinOp::Div, param(Value::F64(7.0)), u("age")),
    ]));
    division_of_unknown_types => Query::table("events").select(tuple(vec![
        bin(BinOp::Div, u("id"), int(2)),
        bin(BinOp::Div, agg(AggFunc::Sum, Some(u("id")), false), int(2)),
    ])).group_by(vec![u("id")]);
    remainder => users().select(tuple(vec![bin(BinOp::Rem, u("age"), int(7)), bin(BinOp::Rem, neg(u("age")), int(7))]));
    remainder_of_a_float => readings().select(one(bin(BinOp::Rem, r("double"), lit(Value::F64(2.0)))));
    remainder_of_unknown_types => Query::table("events").select(one(bin(BinOp::Rem, u("a"), u("b"))));
    subtracting_a_negative_literal => users().select(one(bin(BinOp::Sub, u("age"), int(-1))));
    logic_operators => users().filter(eq(u("id"), int(1)).or(eq(u("id"), int(2))).and(not(is_nil(u("email")))));
    not_of_a_column => Query::table("flags").select(one(u("id"))).filter(not(u("on")));
    not_as_an_operand_of_a_comparison => Query::table("flags").select(one(u("id"))).filter(eq(not(u("on")), u("off")));
    not_as_an_operand_of_and_or => Query::table("flags").select(one(u("id"))).filter(not(u("a")).and(not(u("b"))).or(not(u("c"))));
    negation => users().select(one(neg(neg(u("age")))));

    // In.
    in_literal_list => users().filter(in_list(u("age"), vec![int(1), int(2), param(Value::I32(3))]));
    in_empty_literal_list => users().filter(in_list(u("age"), vec![]));
    not_in_empty_literal_list => users().filter(not(in_list(u("age"), vec![])));
    in_param_list_pads_to_a_power_of_two => users().filter(in_param(u("id"), Array::I64(vec![10, 20, 30])));
    in_param_list_of_one => users().filter(in_param(u("id"), Array::I64(vec![10])));
    in_param_list_of_five => users().filter(in_param(u("name"), Array::Text(vec!["a".into(), "b".into(), "c".into(), "d".into(), "e".into()])));
    in_empty_param_list => users().filter(in_param(u("id"), Array::I64(vec![])));
    not_in_empty_param_list => users().filter(not(in_param(u("id"), Array::I64(vec![]))));
    array_param_outside_in => users().select(one(param(Value::Array(Array::I64(vec![1, 2])))));

    // Predicates.
    is_nil_and_not_is_nil => users().filter(is_nil(u("email"))).or_filter(not(is_nil(u("name"))));
    is_nil_of_not => Query::table("flags").select(one(u("id"))).filter(is_nil(not(u("on"))));
    like_pattern => users().filter(like(u("name"), text("A%"), false));
    like_literal_pattern_is_bound => users().filter(like(u("name"), lit(Value::Text(r"100\%".into())), false));
    ilike_pattern => users().filter(like(u("email"), text("%@EXAMPLE.com"), true));

    // Functions.
    count_forms => users().select(tuple(vec![
        agg(AggFunc::Count, None, false),
        agg(AggFunc::Count, Some(u("email")), false),
        agg(AggFunc::Count, Some(u("age")), true),
    ]));
    numeric_aggregates => users().select(tuple(vec![
        agg(AggFunc::Sum, Some(u("age")), false),
        agg(AggFunc::Avg, Some(u("age")), false),
        agg(AggFunc::Min, Some(u("name")), false),
        agg(AggFunc::Max, Some(u("name")), false),
        agg(AggFunc::Sum, Some(u("age")), true),
    ]));
    coalesce_args => users().select(one(Expr::Coalesce(vec![u("email"), u("name"), text("?")])));
    coalesce_of_one_arg_is_the_arg => users().select(one(Expr::Coalesce(vec![u("email")])));
    sum_is_i64_over_integers_and_f64_over_floats => readings().select(tuple(vec![
        agg(AggFunc::Sum, Some(r("small")), false),
        agg(AggFunc::Sum, Some(r("count")), false),
        agg(AggFunc::Sum, Some(r("total")), false),
        agg(AggFunc::Sum, Some(r("single")), false),
        agg(AggFunc::Sum, Some(r("double")), false),
        agg(AggFunc::Sum, Some(bin(BinOp::Mul, r("count"), param(Value::I64(2)))), false),
    ]));
    sum_of_unknown_type_is_not_cast => Query::table("events").select(one(agg(AggFunc::Sum, Some(u("n")), false)));
    avg_is_f64 => readings().select(tuple(vec![
        agg(AggFunc::Avg, Some(r("count")), false),
        agg(AggFunc::Avg, Some(r("total")), true),
        agg(AggFunc::Avg, Some(r("single")), false),
        agg(AggFunc::Avg, Some(r("double")), false),
    ]));
    avg_of_unknown_type_is_cast => Query::table("events").select(one(agg(AggFunc::Avg, Some(u("n")), false)));
    sum_divided_by_count_is_integer_division => readings().select(one(bin(
        BinOp::Div,
        agg(AggFunc::Sum, Some(r("total")), false),
        agg(AggFunc::Count, None, false),
    )));
    min_and_max_of_booleans => readings().select(tuple(vec![
        agg(AggFunc::Min, Some(r("ok")), false),
        agg(AggFunc::Max, Some(r("ok")), false),
        agg(AggFunc::Max, Some(r("single")), false),
    ]));
    min_and_max_of_bytes => blobs().select(tuple(vec![
        agg(AggFunc::Min, Some(u("data")), false),
        agg(AggFunc::Max, Some(u("data")), true),
    ]));
    min_and_max_of_unknown_types => Query::table("events").select(tuple(vec![
        agg(AggFunc::Min, Some(u("flag")), false),
        agg(AggFunc::Max, Some(bin(BinOp::Add, u("n"), param(Value::I32(1)))), false),
    ]));
    coalesce_of_a_float_and_an_integer => readings().select(tuple(vec![
        Expr::Coalesce(vec![r("double"), int(0)]),
        Expr::Coalesce(vec![r("double"), lit(Value::F64(0.5))]),
        Expr::Coalesce(vec![r("total"), r("single")]),
    ]));

    // Group by and having.
    group_by_having => users()
        .group_by(vec![u("age")])
        .having(bin(BinOp::Gt, agg(AggFunc::Count, None, false), param(Value::I64(1))))
        .select(tuple(vec![u("age"), agg(AggFunc::Count, None, false)]));
    group_by_list_over_clauses => users()
        .group_by(vec![u("age")])
        .group_by(vec![u("org_id"), u("email")])
        .select(tuple(vec![u("age"), u("org_id"), u("email")]));
    having_or_having => users()
        .group_by(vec![u("age")])
        .having(bin(BinOp::Gt, agg(AggFunc::Count, None, false), int(1)))
        .or_having(eq(agg(AggFunc::Max, Some(u("id")), false), int(7)))
        .select(one(u("age")));

    having_over_a_grouped_expression => users()
        .group_by(vec![Expr::Coalesce(vec![u("email"), u("name")]), u("id")])
        .having(bin(BinOp::Gt, Expr::Coalesce(vec![u("email"), u("name")]), text("m")))
        .or_having(bin(BinOp::Gt, bin(BinOp::Add, u("age"), agg(AggFunc::Max, Some(u("age")), false)), int(60)))
        .select(tuple(vec![Expr::Coalesce(vec![u("email"), u("name")]), agg(AggFunc::Count, None, false)]));
    having_without_group_by_or_aggregate => users()
        .filter(bin(BinOp::Gt, u("age"), param(Value::I32(18))))
        .having(eq(param(Value::I32(1)), int(1)))
        .limit(int(5))
        .select(tuple(vec![int(1), text("x")]));
    having_without_group_by_with_an_aggregate => users()
        .having(bin(BinOp::Gt, agg(AggFunc::Count, None, false), int(0)))
        .select(one(int(1)));

    // Equal values where placeholders are numbered.
    equal_params_share_a_placeholder => users()
        .filter(eq(u("age"), param(Value::I32(1))).or(eq(u("id"), param(Value::I64(1)))))
        .group_by(vec![bin(BinOp::Add, u("age"), param(Value::I32(1)))])
        .select(tuple(vec![
            bin(BinOp::Add, u("age"), param(Value::I32(1))),
            param(Value::F64(0.0)),
            param(Value::F64(-0.0)),
            param(Value::F64(0.0)),
        ]));
    distinct_sorted_by_an_expression_with_a_param => users()
        .distinct(true)
        .select(one(Expr::Coalesce(vec![u("email"), text("x")])))
        .order_by(order(Direction::Asc, Expr::Coalesce(vec![u("email"), text("x")])));

    // Order by.
    order_by_asc_desc => users().order_by(order(Direction::Desc, u("age"))).order_by(order(Direction::Asc, u("id"))).select(one(u("id")));
    order_by_asc_nulls_first => users().order_by(order(Direction::AscNullsFirst, u("email"))).select(one(u("id")));
    order_by_asc_nulls_last => users().order_by(order(Direction::AscNullsLast, u("email"))).select(one(u("id")));
    order_by_desc_nulls_first => users().order_by(order(Direction::DescNullsFirst, u("email"))).select(one(u("id")));
    order_by_desc_nulls_last => users().order_by(order(Direction::DescNullsLast, u("email"))).select(one(u("id")));
    order_by_nulls_emulation_binds_twice => users()
        .filter(eq(u("id"), param(Value::I64(1))))
        .order_by(order(Direction::AscNullsLast, like(u("email"), text("%.test"), false)))
        .limit(param(Value::I64(5)))
        .select(one(u("id")));
    order_by_plain_directions_of_a_nullable_key => users()
        .order_by(order(Direction::Asc, u("email")))
        .order_by(order(Direction::Desc, u("email")))
        .order_by(order(Direction::Asc, u("id")))
        .select(one(u("id")));
    order_by_plain_directions_of_keys_that_may_be_null => users_orgs(JoinKind::Left)
        .order_by(order(Direction::Asc, o("name")))
        .order_by(order(Direction::Asc, bin(BinOp::Div, u("age"), u("id"))))
        .order_by(order(Direction::Asc, Expr::Coalesce(vec![u("email"), param(Value::Null(Ty::Text))])))
        .select(one(u("id")));
    order_by_an_aggregate_that_may_be_null => users()
        .group_by(vec![u("org_id")])
        .order_by(order(Direction::Desc, agg(AggFunc::Max, Some(u("email")), false)))
        .select(one(u("org_id")));
    order_by_plain_directions_of_keys_that_cannot_be_null => users()
        .group_by(vec![u("id")])
        .order_by(order(Direction::Desc, agg(AggFunc::Count, None, false)))
        .order_by(order(Direction::Asc, Expr::Coalesce(vec![u("email"), u("name")])))
        .order_by(order(Direction::Asc, bin(BinOp::Div, u("age"), int(2))))
        .order_by(order(Direction::Asc, is_nil(u("email"))))
        .select(one(u("id")));
    order_by_schemaless_key => Query::table("events").order_by(order(Direction::Desc, u("at"))).select(one(u("id")));
    order_by_explicit_nulls_of_a_key_that_cannot_be_null => users()
        .order_by(order(Direction::AscNullsFirst, u("id")))
        .order_by(order(Direction::DescNullsLast, u("age")))
        .select(one(u("id")));
    order_by_not_with_emulated_nulls => Query::table("flags")
        .order_by(order(Direction::DescNullsLast, not(u("on"))))
        .select(one(u("id")));

    // Limit and offset.
    limit_literal => users().limit(int(10)).select(one(u("id")));
    limit_and_offset_literals => users().limit(int(10)).offset(int(20)).select(one(u("id")));
    limit_and_offset_params => users().limit(param(Value::I64(10))).offset(param(Value::I32(20))).select(one(u("id")));
    offset_without_limit => users().offset(int(20)).select(one(u("id")));
    offset_param_without_limit => users().offset(param(Value::I64(20))).select(one(u("id")));
    limit_zero => users().limit(int(0)).select(one(u("id")));
    distinct_sorted_by_a_nullable_aggregate => users()
        .group_by(vec![u("org_id"), u("name")])
        .distinct(true)
        .select(tuple(vec![u("name"), agg(AggFunc::Avg, Some(u("age")), false)]))
        .order_by(order(Direction::Asc, agg(AggFunc::Avg, Some(u("age")), false)))
        .order_by(order(Direction::Desc, u("name")));
    distinct_constants_with_an_offset => users()
        .distinct(true)
        .select(Select::Struct(vec![("k".into(), Selected::Expr(param(Value::I32(5))))]))
        .limit(int(10))
        .offset(int(4));
    distinct_without_order_or_offset_is_written_as_is => users().distinct(true).limit(int(3)).select(one(u("email")));

    // Joins.
    inner_join => users_orgs(JoinKind::Inner).select(tuple(vec![u("name"), o("name")]));
    left_join => users_orgs(JoinKind::Left).select(tuple(vec![u("name"), o("name")]));
    join_on_with_params => users()
        .join::<recto_core::Erased>(
            JoinKind::Left,
            Source::Table("posts".into()),
            eq(Expr::field(BindingRef::Last, "author_id"), u("id"))
                .and(eq(Expr::field(BindingRef::Last, "state"), text("published"))),
            Some("posts".into()),
        )
        .filter(eq(Expr::field(BindingRef::Named("posts".into()), "votes"), param(Value::I32(3))))
        .select(tuple(vec![u("id"), Expr::field(BindingRef::Index(1), "title")]));
    join_on_true => users().join::<Erased>(JoinKind::Inner, Source::Table("tags".into()), lit(Value::Bool(true)), None).select(one(u("id")));
    three_bindings => users_orgs(JoinKind::Inner)
        .join::<Erased>(JoinKind::Left, Source::Table("teams".into()), eq(Expr::field(BindingRef::Index(2), "org_id"), o("id")), None)
        .select(tuple(vec![u("id"), o("id"), Expr::field(BindingRef::Index(2), "id")]));

    // Every clause at once: the parameter order follows the text.
    every_clause => users_orgs(JoinKind::Inner)
        .distinct(true)
        .select(Select::Struct(vec![("org".into(), Selected::Expr(o("name"))), ("n".into(), Selected::Expr(agg(AggFunc::Count, None, false))), ("tag".into(), Selected::Expr(text("t")))]))
        .filter(bin(BinOp::Ge, u("age"), param(Value::I32(18))))
        .or_filter(like(u("name"), text("A%"), true))
        .group_by(vec![o("name")])
        .having(bin(BinOp::Gt, agg(AggFunc::Count, None, false), param(Value::I64(2))))
        .order_by(order(Direction::DescNullsLast, agg(AggFunc::Count, None, false)))
        .limit(param(Value::I64(10)))
        .offset(int(5));
}

/// `blobs`: a bytes column.
struct Blob;

impl recto_core::Schema for Blob {
    type Fields = ();
    const FIELDS: () = ();
    const META: recto_core::SchemaMeta = recto_core::SchemaMeta {
        table: std::borrow::Cow::Borrowed("blobs"),
        fields: std::borrow::Cow::Borrowed(&[
            recto_core::FieldMeta {
                name: std::borrow::Cow::Borrowed("id"),
                column: std::borrow::Cow::Borrowed("id"),
                ty: Ty::I64,
                nullable: false,
                max_length: None,
                decimal: None,
            },
            recto_core::FieldMeta {
                name: std::borrow::Cow::Borrowed("data"),
                column: std::borrow::Cow::Borrowed("data"),
                ty: Ty::Bytes,
                nullable: true,
                max_length: None,
                decimal: None,
            },
        ]),
        primary_key: std::borrow::Cow::Borrowed(&[std::borrow::Cow::Borrowed("id")]),
    };
}

fn blobs() -> Query<Blob> {
    Query::<Blob>::from_schema()
}

/// How many parameters SQLite gets for `in ^list` of `len` ids with `before` parameters
/// ahead of it and `after` behind it (every one a distinct value).
fn sqlite_params(before: usize, len: usize, after: usize) -> Result<usize, recto_core::Error> {
    use recto_adapters::ToSql;
    let names = |range: std::ops::Range<usize>| {
        in_list(u("name"), range.map(|n| text(&format!("v{n}"))).collect())
    };
    let list = in_param(u("id"), Array::I64((0..len as i64).collect()));
    users()
        .filter(names(0..before).or(list).or(names(before..before + after)))
        .select(one(u("id")))
        .to_sql(recto_adapters::Sqlite)
        .map(|sql| sql.params.len())
}

/// A list is padded only while the whole statement stays within SQLite's 32,766
/// parameters: 31,000 elements pad to 31,744, which leaves room for exactly 1,022 others.
#[test]
fn a_list_is_padded_only_while_the_whole_statement_fits() {
    assert_eq!(sqlite_params(511, 31_000, 511).ok(), Some(32_766));
    assert_eq!(sqlite_params(512, 31_000, 511).ok(), Some(32_023));
    assert_eq!(sqlite_params(0, 31_000, 1_023).ok(), Some(32_023));
    // The 32,100 parameters fit unpadded; padded they would be 32,844.
    assert_eq!(sqlite_params(600, 31_000, 500).ok(), Some(32_100));
    assert!(sqlite_params(600, 32_000, 500).is_err());
}

/// Text literals are bound but not counted by the plan, so the padding planned from its
/// count can still take a statement past the limit; it is then printed again unpadded.
#[test]
fn a_padded_statement_past_the_limit_is_printed_again_unpadded() {
    use recto_adapters::ToSql;
    let literals = (0..1_100)
        .map(|n| lit(Value::Text(format!("v{n}"))))
        .collect();
    let list = in_param(u("id"), Array::I64((0..31_000).collect()));
    let q = users()
        .filter(list.or(in_list(u("name"), literals)))
        .select(one(u("id")));
    let sql = q.to_sql(recto_adapters::Sqlite);
    assert_eq!(sql.map(|sql| sql.params.len()).ok(), Some(32_100));
}

/// The writer walks only planned trees, which the planner bounds at 256 levels: the deepest
/// `having:` it accepts, printed with MySQL's `min` over grouped terms and the other
/// engines' native form, fits in a 2 MiB stack like every other clause.
#[test]
fn the_deepest_accepted_having_renders_on_a_small_stack() {
    let rendered = std::thread::Builder::new()
        .stack_size(2 << 20)
        .spawn(|| {
            use recto_adapters::ToSql;
            let mut deep = bin(BinOp::Add, u("age"), agg(AggFunc::Count, None, false));
            for n in 0..252 {
                deep = if n % 2 == 0 {
                    bin(BinOp::Add, deep, u("id"))
                } else {
                    neg(deep)
                };
            }
            let q = users()
                .group_by(vec![u("id")])
                .having(bin(BinOp::Gt, deep, param(Value::I32(0))))
                .select(one(u("id")));
            [
                q.to_sql(recto_adapters::Postgres),
                q.to_sql(recto_adapters::MySql),
                q.to_sql(recto_adapters::Sqlite),
            ]
            .map(|sql| sql.map(|sql| sql.text.matches("min(").count()))
        })
        .expect("spawning a thread")
        .join()
        .expect("rendering did not overflow the stack");
    // MySQL wraps every column outside the aggregate: `age` and the 126 `id`s.
    let counts: Vec<_> = rendered.into_iter().map(Result::ok).collect();
    assert_eq!(counts, [Some(0), Some(127), Some(0)]);
}
