//! The term strategies of the agreement property: columns, values, arithmetic,
//! `coalesce`, conditionals, casts, functions and (filtered) aggregates of each [`Kind`]
//! over the columns a query can read ([`Ctx`]); conditions are `term_conditions.rs`'s.
//!
//! They steer clear of the engine differences `docs/dialects.md` documents as kept: no NaN
//! and no infinity outside a comparison, no division by zero, integers far from overflow
//! (columns times at most three small factors), `like` patterns never ending in the escape
//! character, `ilike` patterns in ASCII, and text compared or matched only when a column
//! takes part (two values compare by the connection's collation on MySQL).

use std::sync::Arc;

use proptest::prelude::*;
use proptest::sample::{Index, select};
use recto::chrono::{NaiveDate, NaiveDateTime, TimeDelta};
use recto::{AggFunc, Array, BinOp, Direction, Func, Ty, Value};

#[path = "term_gen/dates.rs"]
mod dates;

use crate::adversarial_text;
use crate::filters::{Gen as FilterGen, escape_like};
use crate::fixture;
use crate::model::Users;
use crate::terms::{Kind, Table, Term};

#[path = "term_conditions.rs"]
mod conditions;

/// The fixture's values by kind, so that comparisons and lists often hit.
pub(crate) struct Pools {
    ints: Vec<i64>,
    floats: Vec<f64>,
    texts: Vec<String>,
    dates: Vec<NaiveDate>,
    stamps: Vec<NaiveDateTime>,
    pub(crate) filters: FilterGen,
}

impl Pools {
    pub(crate) fn from_fixture() -> Pools {
        let mut pools = Pools {
            ints: vec![0, 1, -1],
            floats: vec![0.5, -0.5, 0.0],
            texts: Vec::new(),
            dates: Vec::new(),
            stamps: Vec::new(),
            filters: FilterGen::new(&Users::from_fixture()),
        };
        for (_, rows) in fixture::tables() {
            for value in rows.into_iter().flatten() {
                match value {
                    Value::I32(n) => pools.ints.push(i64::from(n)),
                    // The big `views` stay out: arithmetic on them would overflow.
                    Value::I64(n) if n.abs() < 1 << 31 => pools.ints.push(n),
                    Value::F64(x) => pools.floats.push(x),
                    Value::Text(s) => pools.texts.push(s),
                    Value::Date(d) => pools.dates.push(d),
                    Value::Timestamp(t) => pools.stamps.push(t),
                    _ => {}
                }
            }
        }
        pools
    }
}

/// The columns a term may read, with the value pools.
#[derive(Clone)]
pub(crate) struct Ctx {
    pub(crate) pools: Arc<Pools>,
    pub(crate) cols: Vec<(Term, Kind)>,
}

pub(crate) const DIRECTIONS: [Direction; 6] = [
    Direction::Asc,
    Direction::Desc,
    Direction::AscNullsFirst,
    Direction::AscNullsLast,
    Direction::DescNullsFirst,
    Direction::DescNullsLast,
];

pub(crate) const COMPARISONS: [BinOp; 6] = [
    BinOp::Eq,
    BinOp::Ne,
    BinOp::Lt,
    BinOp::Le,
    BinOp::Gt,
    BinOp::Ge,
];

impl Ctx {
    /// Every column of the bindings `(index, table)`.
    pub(crate) fn over(pools: &Arc<Pools>, bindings: &[(usize, Table)]) -> Ctx {
        let cols = bindings
            .iter()
            .flat_map(|&(b, table)| {
                table
                    .columns()
                    .iter()
                    .map(move |&(field, kind)| (Term::col(b, table, field), kind))
            })
            .collect();
        Ctx {
            pools: Arc::clone(pools),
            cols,
        }
    }

    fn cols(&self, kind: Kind) -> Vec<Term> {
        let cols = self.cols.iter().filter(|(_, k)| *k == kind);
        cols.map(|(t, _)| t.clone()).collect()
    }

    /// The kinds that have a column here (floats and booleans always can: `u.age + 0.5`,
    /// a condition).
    fn kinds(&self) -> Vec<Kind> {
        let all = [Kind::Int, Kind::Float, Kind::Text, Kind::Date, Kind::Stamp];
        let mut kinds: Vec<Kind> = all
            .into_iter()
            .filter(|&k| !self.cols(k).is_empty() || k == Kind::Float)
            .collect();
        kinds.push(Kind::Bool);
        kinds
    }

    /// A non-NULL value of `kind`; `wide` adds extremes, for comparisons only.
    fn value(&self, kind: Kind, wide: bool) -> BoxedStrategy<Value> {
        let p = &self.pools;
        match kind {
            Kind::Int => {
                let extremes = if wide {
                    vec![i64::MIN, i64::MAX, i64::from(i32::MIN), 1 << 53]
                } else {
                    vec![7, 100]
                };
                let n = prop_oneof![4 => select(p.ints.clone()), 2 => -10i64..=10, 1 => select(extremes)];
                (n, any::<bool>())
                    .prop_map(|(n, wide)| match i32::try_from(n) {
                        Ok(small) if !wide => Value::I32(small),
                        _ => Value::I64(n),
                    })
                    .boxed()
            }
            Kind::Float => {
                let odd = if wide {
                    vec![f64::INFINITY, f64::NEG_INFINITY, 1e300, -0.0]
                } else {
                    vec![0.25, 10.0]
                };
                prop_oneof![4 => select(p.floats.clone()), 2 => -100.0f64..100.0, 1 => select(odd)]
                    .prop_map(Value::F64)
                    .boxed()
            }
            Kind::Text => prop_oneof![
                4 => select(p.texts.clone()),
                2 => (select(p.texts.clone()), any::<Index>()).prop_map(|(t, at)| {
                    let chars: Vec<char> = t.chars().collect();
                    chars[..at.index(chars.len() + 1)].iter().collect()
                }),
                1 => adversarial_text(4),
            ]
            .prop_map(Value::Text)
            .boxed(),
            Kind::Date => (select(p.dates.clone()), -2i64..=2)
                .prop_map(|(d, days)| Value::Date(d + TimeDelta::days(days)))
                .boxed(),
            Kind::Stamp => (
                select(p.stamps.clone()),
                select(vec![0i64, 0, 1, -1, 500, 86_400_000]),
            )
                .prop_map(|(t, ms)| Value::Timestamp(t + TimeDelta::milliseconds(ms)))
                .boxed(),
            Kind::Bool => any::<bool>().prop_map(Value::Bool).boxed(),
        }
    }

    /// A value of `kind` or NULL, bound or literal.
    pub(crate) fn operand(&self, kind: Kind, wide: bool) -> BoxedStrategy<Term> {
        let null = Value::Null(match kind {
            Kind::Int => Ty::I64,
            Kind::Float => Ty::F64,
            Kind::Text => Ty::Text,
            Kind::Date => Ty::Date,
            Kind::Stamp => Ty::Timestamp,
            Kind::Bool => Ty::Bool,
        });
        let value = prop_oneof![8 => self.value(kind, wide), 1 => Just(null)];
        (value, any::<bool>())
            .prop_map(|(value, bound)| Term::Val { value, bound })
            .boxed()
    }

    /// A small non-zero integer, bound or literal: a factor or divisor.
    pub(crate) fn small(&self) -> BoxedStrategy<Term> {
        (prop_oneof![1i32..=10, -10i32..=-1], any::<bool>())
            .prop_map(|(n, bound)| Term::Val {
                value: Value::I32(n),
                bound,
            })
            .boxed()
    }

    /// A term of `kind` that reads a column: columns, arithmetic and `coalesce`.
    pub(crate) fn scalar(&self, kind: Kind) -> BoxedStrategy<Term> {
        let cols = self.cols(kind);
        let this = self.clone();
        let leaf = match kind {
            Kind::Bool if cols.is_empty() => return self.atom(),
            Kind::Bool => return prop_oneof![select(cols), self.atom()].boxed(),
            Kind::Float if cols.is_empty() => {
                (self.scalar(Kind::Int), self.value(Kind::Float, false))
                    .prop_map(|(a, x)| Term::Arith(BinOp::Add, Box::new(a), Box::new(val(x))))
                    .boxed()
            }
            _ => select(cols).boxed(),
        };
        let other = self.operand(kind, false);
        // What a cast to this kind reads: timestamps become their date. (No cast to text:
        // on MySQL its result compares by the connection's collation, as a value does, and
        // text is compared here only where a column takes part.)
        let cast_from = match kind {
            Kind::Date if !self.cols(Kind::Stamp).is_empty() => {
                Some((self.scalar(Kind::Stamp), Ty::Date))
            }
            _ => None,
        };
        leaf.prop_recursive(2, 6, 2, move |inner| {
            let arith = (
                select(vec![BinOp::Add, BinOp::Sub, BinOp::Mul]),
                inner.clone(),
                this.small(),
                any::<bool>(),
            )
                .prop_map(|(op, e, k, first)| {
                    if first {
                        Term::Arith(op, Box::new(k), Box::new(e))
                    } else {
                        Term::Arith(op, Box::new(e), Box::new(k))
                    }
                });
            let divide = (
                select(vec![BinOp::Div, BinOp::Rem]),
                inner.clone(),
                this.small(),
            )
                .prop_map(|(op, e, k)| Term::Arith(op, Box::new(e), Box::new(k)));
            let coalesce = (inner.clone(), prop_oneof![other.clone(), inner.clone()])
                .prop_map(|(a, b)| Term::Coalesce(vec![a, b]));
            // `if a op b { x } else if .. else { y }`, the conditions comparing terms of the
            // kind (a NULL operand makes one NULL), the `else` sometimes `nil`; its
            // branches may divide, and a division by zero in a branch not taken is never
            // evaluated.
            let when = (
                select(COMPARISONS.to_vec()),
                inner.clone(),
                prop_oneof![other.clone(), inner.clone()],
            )
                .prop_map(|(op, a, b)| Term::Bin(op, Box::new(a), Box::new(b)));
            let case = (
                proptest::collection::vec((when, inner.clone()), 1..3),
                proptest::option::of(prop_oneof![other.clone(), inner.clone()]),
            )
                .prop_map(|(whens, otherwise)| Term::Case(whens, otherwise.map(Box::new)));
            // Casts that keep the kind: integers to `i64`, floats to `f64`.
            let widen = match kind {
                Kind::Int => Some(Ty::I64),
                Kind::Float => Some(Ty::F64),
                Kind::Date => Some(Ty::Date),
                _ => None,
            };
            let cast = match (&cast_from, widen) {
                (Some((from, ty)), _) => {
                    let ty = *ty;
                    Some(
                        from.clone()
                            .prop_map(move |e| Term::Cast(Box::new(e), ty))
                            .boxed(),
                    )
                }
                (None, Some(ty)) => Some(
                    inner
                        .clone()
                        .prop_map(move |e| Term::Cast(Box::new(e), ty))
                        .boxed(),
                ),
                (None, None) => None,
            };
            // Integers counted in text, and where the query reads dates, in dates too.
            let dated = !this.cols(Kind::Date).is_empty() || !this.cols(Kind::Stamp).is_empty();
            let counted = if dated {
                prop_oneof![this.counted_text(), this.counted_date()].boxed()
            } else {
                this.counted_text()
            };
            match (kind, cast) {
                (Kind::Int, Some(cast)) if !this.cols(Kind::Text).is_empty() => prop_oneof![
                    3 => arith,
                    1 => divide,
                    1 => inner.clone().prop_map(|e| Term::Neg(Box::new(e))),
                    2 => coalesce,
                    1 => counted,
                    2 => this.numeric_function(inner, other.clone()),
                    2 => case,
                    1 => cast,
                ]
                .boxed(),
                (Kind::Int | Kind::Float, Some(cast)) => prop_oneof![
                    3 => arith,
                    1 => divide,
                    1 => inner.clone().prop_map(|e| Term::Neg(Box::new(e))),
                    2 => coalesce,
                    2 => this.numeric_function(inner, other.clone()),
                    2 => case,
                    1 => cast,
                ]
                .boxed(),
                (Kind::Text, _) => prop_oneof![
                    2 => coalesce,
                    3 => this.text_function(inner.clone()),
                    1 => case,
                ]
                .boxed(),
                (Kind::Date | Kind::Stamp, Some(cast)) => prop_oneof![
                    2 => coalesce,
                    3 => this.moved_date(kind, inner),
                    1 => cast,
                ]
                .boxed(),
                (Kind::Date | Kind::Stamp, None) => {
                    prop_oneof![2 => coalesce, 3 => this.moved_date(kind, inner)].boxed()
                }
                (_, Some(cast)) => prop_oneof![2 => coalesce, 1 => cast].boxed(),
                _ => coalesce.boxed(),
            }
        })
        .boxed()
    }

    /// A text function of `inner` (a text term): trimming, a substring with any start and
    /// length (below 1 and negative included), `concat` and `replace`. `lower` and `upper`
    /// are left out: their mapping of letters beyond ASCII is the engine's
    /// (`docs/dialects.md`).
    fn text_function(&self, inner: BoxedStrategy<Term>) -> BoxedStrategy<Term> {
        let text = self.operand(Kind::Text, false);
        let int = |range: std::ops::RangeInclusive<i32>| {
            (range, any::<bool>()).prop_map(|(n, bound)| Term::Val {
                value: Value::I32(n),
                bound,
            })
        };
        let trim = (
            select(vec![Func::Trim, Func::Ltrim, Func::Rtrim]),
            inner.clone(),
        )
            .prop_map(|(func, e)| Term::Func(func, vec![e]));
        let substring = (
            inner.clone(),
            int(-3..=8),
            proptest::option::of(int(-2..=5)),
        )
            .prop_map(|(e, start, len)| {
                Term::Func(
                    Func::Substring,
                    [Some(e), Some(start), len].into_iter().flatten().collect(),
                )
            });
        let concat = (
            inner.clone(),
            prop_oneof![text.clone(), inner.clone()],
            any::<bool>(),
        )
            .prop_map(|(e, other, first)| {
                let args = if first {
                    vec![e, other]
                } else {
                    vec![other, e]
                };
                Term::Func(Func::Concat, args)
            });
        let replace = (inner, text.clone(), text)
            .prop_map(|(e, from, to)| Term::Func(Func::Replace, vec![e, from, to]));
        prop_oneof![trim, substring, concat, replace].boxed()
    }

    /// A numeric function of `inner`: `abs`, `ceil`, `floor`, `round` (halves away from
    /// zero), and `greatest`, `least` or `nullif` with `other` (a value of the same kind).
    /// `sqrt` and `power` are left out: SQLite as sqlx bundles it has neither.
    fn numeric_function(
        &self,
        inner: BoxedStrategy<Term>,
        other: BoxedStrategy<Term>,
    ) -> BoxedStrategy<Term> {
        let one = (
            select(vec![Func::Abs, Func::Ceil, Func::Floor, Func::Round]),
            inner.clone(),
        )
            .prop_map(|(func, e)| Term::Func(func, vec![e]));
        let two = (
            select(vec![Func::Greatest, Func::Least, Func::NullIf]),
            inner.clone(),
            prop_oneof![other, inner],
            any::<bool>(),
        )
            .prop_map(|(func, e, other, first)| {
                let args = if first {
                    vec![e, other]
                } else {
                    vec![other, e]
                };
                Term::Func(func, args)
            });
        prop_oneof![one, two].boxed()
    }

    /// An integer counted in a text term: its `length`, or the `position` of a text in it.
    fn counted_text(&self) -> BoxedStrategy<Term> {
        let text = self.scalar(Kind::Text);
        prop_oneof![
            text.clone().prop_map(|e| Term::Func(Func::Length, vec![e])),
            (text, self.operand(Kind::Text, false))
                .prop_map(|(e, sub)| Term::Func(Func::Position, vec![e, sub])),
        ]
        .boxed()
    }

    /// A term of one of the kinds this context has, with its kind.
    pub(crate) fn any_scalar(&self) -> BoxedStrategy<(Term, Kind)> {
        let this = self.clone();
        select(self.kinds())
            .prop_flat_map(move |k| this.scalar(k).prop_map(move |t| (t, k)))
            .boxed()
    }

    /// A value of any kind, bound or literal, NULL included: a constant to select.
    pub(crate) fn constant(&self) -> BoxedStrategy<Term> {
        let this = self.clone();
        let kinds = vec![
            Kind::Int,
            Kind::Float,
            Kind::Text,
            Kind::Date,
            Kind::Stamp,
            Kind::Bool,
        ];
        select(kinds)
            .prop_flat_map(move |k| this.operand(k, false))
            .boxed()
    }

    /// A `^list` of `kind`, empty ones included; integers as `i32`s or `i64`s.
    fn array(&self, kind: Kind) -> BoxedStrategy<Array> {
        let items = proptest::collection::vec(self.value(kind, true), 0..5);
        (items, any::<bool>())
            .prop_map(move |(values, narrow)| {
                // Picks the values of one variant out of `values`.
                macro_rules! all {
                    ($variant:ident) => {
                        values
                            .iter()
                            .filter_map(|v| match v {
                                Value::$variant(x) => Some(x.clone()),
                                _ => None,
                            })
                            .collect()
                    };
                }
                let ints = values.iter().filter_map(int);
                match kind {
                    Kind::Int if narrow => {
                        Array::I32(ints.filter_map(|n| i32::try_from(n).ok()).collect())
                    }
                    Kind::Int => Array::I64(ints.collect()),
                    Kind::Float => Array::F64(all!(F64)),
                    Kind::Text => Array::Text(all!(Text)),
                    Kind::Date => Array::Date(all!(Date)),
                    Kind::Stamp => Array::Timestamp(all!(Timestamp)),
                    Kind::Bool => Array::Bool(all!(Bool)),
                }
            })
            .boxed()
    }

    /// A `like`/`ilike` pattern: wildcards, escaped pieces of the fixture's text and ASCII
    /// letters (`ilike` keeps ASCII only: other letters fold differently per engine).
    fn pattern(&self, ci: bool) -> BoxedStrategy<Term> {
        let piece = prop_oneof![
            2 => select(vec!["%", "_"]).prop_map(str::to_owned),
            3 => (select(self.pools.texts.clone()), any::<Index>(), any::<Index>()).prop_map(
                move |(t, a, b)| {
                    let chars: Vec<char> = t.chars().filter(|c| !ci || c.is_ascii()).collect();
                    let (a, b) = (a.index(chars.len() + 1), b.index(chars.len() + 1));
                    escape_like(&chars[a.min(b)..a.max(b)].iter().collect::<String>())
                }
            ),
            1 => proptest::char::range('A', 'z').prop_map(|c| escape_like(&c.to_string())),
        ];
        let text = proptest::collection::vec(piece, 0..4).prop_map(|p| Value::Text(p.concat()));
        (
            prop_oneof![9 => text, 1 => Just(Value::Null(Ty::Text))],
            any::<bool>(),
        )
            .prop_map(|(value, bound)| Term::Val { value, bound })
            .boxed()
    }

    /// An aggregate over this context's rows, with its kind.
    pub(crate) fn aggregate(&self) -> BoxedStrategy<(Term, Kind)> {
        let agg = |func, arg: Term, distinct| Term::Agg {
            func,
            arg: Some(Box::new(arg)),
            distinct,
            filter: None,
        };
        let this = self.clone();
        let numbers = select(vec![Kind::Int, Kind::Float]).prop_flat_map(move |k| {
            let func = select(vec![AggFunc::Sum, AggFunc::Avg]);
            (func, this.scalar(k)).prop_map(move |(func, arg)| {
                let kind = if func == AggFunc::Avg { Kind::Float } else { k };
                (agg(func, arg, false), kind)
            })
        });
        let this = self.clone();
        let extremes = select(vec![AggFunc::Min, AggFunc::Max]).prop_flat_map(move |func| {
            this.any_scalar()
                .prop_map(move |(arg, k)| (agg(func, arg, false), k))
        });
        let this = self.clone();
        let counts = prop_oneof![
            1 => Just(Term::Agg { func: AggFunc::Count, arg: None, distinct: false, filter: None }),
            2 => (this.any_scalar(), any::<bool>())
                .prop_map(move |((arg, _), distinct)| agg(AggFunc::Count, arg, distinct)),
        ]
        .prop_map(|t| (t, Kind::Int));
        let aggregates = prop_oneof![2 => counts, 2 => numbers, 2 => extremes];
        // A third of them filtered by a condition over the same rows.
        let filter = proptest::option::weighted(0.3, self.cond());
        (aggregates, filter)
            .prop_map(|((term, kind), cond)| match (term, cond) {
                (
                    Term::Agg {
                        func,
                        arg,
                        distinct,
                        filter: None,
                    },
                    Some(cond),
                ) => (
                    Term::Agg {
                        func,
                        arg,
                        distinct,
                        filter: Some(Box::new(cond)),
                    },
                    kind,
                ),
                (term, _) => (term, kind),
            })
            .boxed()
    }
}

/// A value written as a literal.
fn val(value: Value) -> Term {
    Term::Val {
        value,
        bound: false,
    }
}

fn int(value: &Value) -> Option<i64> {
    match value {
        Value::I32(n) => Some(i64::from(*n)),
        Value::I64(n) => Some(*n),
        _ => None,
    }
}
