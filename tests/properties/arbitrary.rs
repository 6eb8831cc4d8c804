//! Arbitrary query data for the no-panic property ([`crate::no_panic`]): any expression
//! in any clause, with any binding, name, value and type, leaning towards the fixture's
//! names and the first bindings so that a good share of the queries plan.

use proptest::prelude::*;
use proptest::sample::select;
use recto::chrono::{DateTime, NaiveDate, NaiveTime, Utc};
use recto::{
    AggFunc, Array, BinOp, BindingRef, Direction, Erased, Expr, FragmentPart, From, JoinKind,
    JsonAs, Location, OrderTerm, PathStep, Query, Schema, Select, Selected, Ty, UnOp, Value,
};

use crate::common::{Org, Post, Tag, User, Weird};
use crate::{adversarial_text, json_document};

/// A field or table name: mostly a field of `users` (the usual source), sometimes another
/// name of the fixture, sometimes adversarial text (empty included).
pub(crate) fn name() -> BoxedStrategy<String> {
    let users: Vec<String> = User::META
        .fields
        .iter()
        .map(|f| f.name.to_string())
        .collect();
    let others = vec![
        "user_id",
        "title",
        "body",
        "score",
        "views",
        "published_at",
        "active",
        "label",
        "users",
        "orgs",
        "posts",
        "tags",
    ];
    prop_oneof![
        6 => select(users),
        2 => select(others).prop_map(str::to_owned),
        1 => adversarial_text(4),
    ]
    .boxed()
}

fn ty() -> BoxedStrategy<Ty> {
    select(vec![
        Ty::Bool,
        Ty::I16,
        Ty::I32,
        Ty::I64,
        Ty::F32,
        Ty::F64,
        Ty::Text,
        Ty::Bytes,
        Ty::Date,
        Ty::Timestamp,
        Ty::Time,
        Ty::TimestampUtc,
        Ty::Uuid,
        Ty::Json,
        Ty::Decimal,
    ])
    .boxed()
}

/// Up to three items of `s`.
fn v<S: Strategy>(s: S) -> proptest::collection::VecStrategy<S> {
    proptest::collection::vec(s, 0..4)
}

fn array() -> BoxedStrategy<Array> {
    prop_oneof![
        v(any::<bool>()).prop_map(Array::Bool),
        v(any::<i32>()).prop_map(Array::I32),
        v(any::<i64>()).prop_map(Array::I64),
        v(any::<f64>()).prop_map(Array::F64),
        v(adversarial_text(3)).prop_map(Array::Text),
        v(date()).prop_map(Array::Date),
        v(date()
            .prop_map(|d| d.and_hms_opt(1, 2, 3).unwrap_or_default())
            .boxed())
        .prop_map(Array::Timestamp),
        v(time()).prop_map(Array::Time),
        v(instant()).prop_map(Array::TimestampUtc),
        v(any::<u128>().prop_map(recto::uuid::Uuid::from_u128)).prop_map(Array::Uuid),
        v(json_document(2)).prop_map(Array::Json),
        v(exact()).prop_map(Array::Decimal),
    ]
    .boxed()
}

fn date() -> impl Strategy<Value = NaiveDate> {
    (-100_000i64..100_000).prop_map(|days| {
        DateTime::from_timestamp(days * 86_400, 0)
            .unwrap_or_default()
            .date_naive()
    })
}

/// A time of day, a leap second among them (chrono keeps one as a nanosecond past 10^9).
fn time() -> impl Strategy<Value = NaiveTime> {
    (0u32..86_400, 0u32..2_000_000_000).prop_map(|(s, nanos)| {
        NaiveTime::from_num_seconds_from_midnight_opt(s, nanos).unwrap_or_default()
    })
}

/// An instant in UTC, in years -248 to 2255.
fn instant() -> impl Strategy<Value = DateTime<Utc>> {
    (-70_000_000_000i64..9_000_000_000, 0u32..1_000_000_000)
        .prop_map(|(s, nanos)| DateTime::from_timestamp(s, nanos).unwrap_or_default())
}

/// Any exact decimal: every mantissa and scale `rust_decimal` holds.
fn exact() -> impl Strategy<Value = recto::rust_decimal::Decimal> {
    (any::<i64>(), 0u32..=28).prop_map(|(m, s)| recto::rust_decimal::Decimal::new(m, s))
}

/// Any value: extremes, NaN and infinities, adversarial text, bytes, lists.
fn value() -> BoxedStrategy<Value> {
    prop_oneof![
        ty().prop_map(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        any::<i32>().prop_map(Value::I32),
        any::<i64>().prop_map(Value::I64),
        any::<f64>().prop_map(Value::F64),
        select(vec![f64::NAN, f64::INFINITY, -0.0, 1e-310]).prop_map(Value::F64),
        adversarial_text(6).prop_map(Value::Text),
        proptest::collection::vec(any::<u8>(), 0..4).prop_map(Value::Bytes),
        date().prop_map(Value::Date),
        date().prop_map(|d| Value::Timestamp(
            d.and_hms_milli_opt(23, 59, 59, 999).unwrap_or_default()
        )),
        time().prop_map(Value::Time),
        instant().prop_map(Value::TimestampUtc),
        any::<u128>().prop_map(|n| Value::Uuid(recto::uuid::Uuid::from_u128(n))),
        json_document(3).prop_map(Value::Json),
        exact().prop_map(Value::Decimal),
        array().prop_map(Value::Array),
    ]
    .boxed()
}

fn binding() -> BoxedStrategy<BindingRef> {
    prop_oneof![
        8 => Just(BindingRef::Index(0)),
        3 => (1usize..4).prop_map(BindingRef::Index),
        1 => name().prop_map(|n| BindingRef::Named(n.into())),
        1 => Just(BindingRef::Last),
    ]
    .boxed()
}

/// Any expression, well typed or not.
fn expr() -> BoxedStrategy<Expr> {
    let leaf = prop_oneof![
        value().prop_map(Expr::Lit),
        value().prop_map(Expr::Param),
        (binding(), name()).prop_map(|(b, n)| Expr::field(b, n)),
    ];
    leaf.prop_recursive(5, 24, 4, |inner| {
        let ops = vec![
            BinOp::Eq,
            BinOp::Ne,
            BinOp::Lt,
            BinOp::Le,
            BinOp::Gt,
            BinOp::Ge,
            BinOp::And,
            BinOp::Or,
            BinOp::Add,
            BinOp::Sub,
            BinOp::Mul,
            BinOp::Div,
            BinOp::Rem,
        ];
        let funcs = vec![
            AggFunc::Count,
            AggFunc::Sum,
            AggFunc::Avg,
            AggFunc::Min,
            AggFunc::Max,
        ];
        let b = |e: Expr| Box::new(e);
        prop_oneof![
            (select(vec![UnOp::Not, UnOp::Neg]), inner.clone())
                .prop_map(move |(op, e)| Expr::Unary { op, expr: b(e) }),
            (select(ops), inner.clone(), inner.clone())
                .prop_map(|(op, l, r)| Expr::binary(op, l, r)),
            (
                inner.clone(),
                proptest::collection::vec(inner.clone(), 0..4)
            )
                .prop_map(move |(e, list)| Expr::InList { expr: b(e), list }),
            (inner.clone(), array()).prop_map(move |(e, list)| Expr::InParam { expr: b(e), list }),
            inner.clone().prop_map(move |e| Expr::IsNil(b(e))),
            (inner.clone(), inner.clone(), any::<bool>()).prop_map(move |(e, p, ci)| Expr::Like {
                expr: b(e),
                pattern: b(p),
                case_insensitive: ci
            }),
            (
                select(funcs),
                proptest::option::of(inner.clone()),
                any::<bool>()
            )
                .prop_map(move |(func, arg, distinct)| Expr::Aggregate {
                    func,
                    arg: arg.map(b),
                    distinct,
                    filter: None,
                }),
            (
                select(vec![AggFunc::Count, AggFunc::Sum, AggFunc::Max]),
                proptest::option::of(inner.clone()),
                inner.clone()
            )
                .prop_map(move |(func, arg, filter)| Expr::Aggregate {
                    func,
                    arg: arg.map(b),
                    distinct: false,
                    filter: Some(b(filter)),
                }),
            (
                proptest::collection::vec((inner.clone(), inner.clone()), 0..3),
                proptest::option::of(inner.clone())
            )
                .prop_map(move |(whens, otherwise)| Expr::Case {
                    whens,
                    otherwise: otherwise.map(b),
                }),
            proptest::collection::vec(inner.clone(), 0..4).prop_map(Expr::Coalesce),
            proptest::collection::vec(inner.clone(), 0..4).prop_map(Expr::Row),
            (inner.clone(), select(Ty::ALL.to_vec()))
                .prop_map(move |(e, ty)| Expr::Cast { expr: b(e), ty }),
            (
                proptest::collection::vec(fragment_part(), 0..5),
                proptest::collection::vec(inner.clone(), 0..3),
                proptest::option::of(select(Ty::ALL.to_vec()))
            )
                .prop_map(|(parts, args, ty)| Expr::Fragment { parts, args, ty }),
            (
                inner,
                proptest::collection::vec(path_step(), 0..4),
                any::<bool>()
            )
                .prop_map(move |(e, path, text)| Expr::JsonPath {
                    expr: b(e),
                    path,
                    as_: if text { JsonAs::Text } else { JsonAs::Json },
                }),
        ]
    })
    .boxed()
}

/// A piece of a fragment, its placeholders not necessarily matching its arguments.
fn fragment_part() -> BoxedStrategy<FragmentPart> {
    prop_oneof![
        adversarial_text(3).prop_map(|text| FragmentPart::Sql(text.into())),
        Just(FragmentPart::Arg),
        array().prop_map(FragmentPart::Splice),
        adversarial_text(3).prop_map(|name| FragmentPart::Identifier(name.into())),
    ]
    .boxed()
}

/// A step of a JSON path: any key, any position (negative ones included).
fn path_step() -> BoxedStrategy<PathStep> {
    prop_oneof![
        name().prop_map(|key| PathStep::Key(key.into())),
        any::<i64>().prop_map(PathStep::Index),
        (-2_i64..3).prop_map(PathStep::Index),
    ]
    .boxed()
}

fn source() -> BoxedStrategy<recto::Source> {
    let metas = vec![User::META, Org::META, Post::META, Tag::META, Weird::META];
    prop_oneof![
        4 => Just(recto::Source::Schema(User::META)),
        3 => select(metas).prop_map(recto::Source::Schema),
        1 => name().prop_map(|n| recto::Source::Table(n.into())),
    ]
    .boxed()
}

fn selected() -> BoxedStrategy<Selected> {
    prop_oneof![3 => expr().prop_map(Selected::Expr), 1 => binding().prop_map(Selected::Binding)]
        .boxed()
}

/// Any query data: every clause, each with arbitrary contents.
pub(crate) fn query_data() -> BoxedStrategy<Query<Erased>> {
    let exprs = |n| proptest::collection::vec(expr(), 0..n);
    // A count is mostly a number or a parameter, now and then any expression.
    let count = || {
        let number = (any::<i64>(), any::<bool>()).prop_map(|(n, bound)| {
            if bound {
                Expr::Param(Value::I64(n))
            } else {
                Expr::Lit(Value::I64(n))
            }
        });
        proptest::option::of(prop_oneof![3 => number, 1 => expr()])
    };
    let join = (
        select(vec![
            JoinKind::Inner,
            JoinKind::Left,
            JoinKind::Right,
            JoinKind::Full,
            JoinKind::Cross,
        ]),
        source(),
        expr(),
        proptest::option::of(name()),
    );
    let select_clause = prop_oneof![
        selected().prop_map(Select::One),
        proptest::collection::vec(selected(), 0..3).prop_map(Select::Tuple),
        proptest::collection::vec((name(), selected()), 0..3).prop_map(|fields| Select::Struct(
            fields.into_iter().map(|(n, e)| (n.into(), e)).collect()
        )),
    ];
    let directions = select(vec![
        Direction::Asc,
        Direction::Desc,
        Direction::AscNullsFirst,
        Direction::AscNullsLast,
        Direction::DescNullsFirst,
        Direction::DescNullsLast,
    ]);
    let clauses = (
        (
            source(),
            proptest::option::of(name()),
            proptest::collection::vec(join, 0..2),
        ),
        (
            proptest::collection::vec((any::<bool>(), expr()), 0..2),
            proptest::option::of(select_clause),
        ),
        (
            proptest::option::of(any::<bool>()),
            exprs(3),
            proptest::collection::vec((any::<bool>(), expr()), 0..2),
        ),
        (
            proptest::collection::vec((directions, expr()), 0..2),
            count(),
            count(),
        ),
    );
    clauses
        .prop_map(
            |(
                (from, root, joins),
                (wheres, sel),
                (distinct, keys, havings),
                (order, limit, offset),
            )| {
                let at = Location {
                    file: "no_panic".into(),
                    line: 1,
                    column: 1,
                };
                let mut q = Query::<Erased>::new(From {
                    source: from,
                    name: root.map(Into::into),
                    at,
                });
                for (kind, source, on, name) in joins {
                    q = q
                        .join::<Erased>(kind, source, on, name.map(Into::into))
                        .erase();
                }
                for (or, e) in wheres {
                    q = if or { q.or_filter(e) } else { q.filter(e) };
                }
                if let Some(sel) = sel {
                    q = q.select(sel).erase();
                }
                if let Some(d) = distinct {
                    q = q.distinct(d);
                }
                if !keys.is_empty() {
                    q = q.group_by(keys);
                }
                for (or, e) in havings {
                    q = if or { q.or_having(e) } else { q.having(e) };
                }
                if !order.is_empty() {
                    q = q.order_by(
                        order
                            .into_iter()
                            .map(|(direction, expr)| OrderTerm { direction, expr })
                            .collect(),
                    );
                }
                if let Some(l) = limit {
                    q = q.limit(l);
                }
                if let Some(o) = offset {
                    q = q.offset(o);
                }
                q
            },
        )
        .boxed()
}
