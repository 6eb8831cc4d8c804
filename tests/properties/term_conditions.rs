//! The condition strategies of the agreement property: comparisons (of scalars and of
//! rows), `is_nil`, `in` a list or a bound list (of scalars and of rows), `like`, and the
//! `and`/`or`/`not` trees over them, for a [`Ctx`].

use proptest::prelude::*;
use proptest::sample::select;
use recto::{BinOp, Value};

use super::{COMPARISONS, Ctx, val};
use crate::terms::{Kind, Term};

impl Ctx {
    /// A condition without `and`, `or` and `not`.
    pub(super) fn atom(&self) -> BoxedStrategy<Term> {
        let kinds: Vec<Kind> = self
            .kinds()
            .into_iter()
            .filter(|k| *k != Kind::Bool)
            .collect();
        let this = self.clone();
        let compare = (
            select(kinds.clone()),
            select(COMPARISONS.to_vec()),
            any::<bool>(),
            any::<bool>(),
        )
            .prop_flat_map(move |(k, op, swap, two_columns)| {
                let b = if two_columns {
                    this.scalar(k)
                } else {
                    this.operand(k, true)
                };
                (this.scalar(k), b).prop_map(move |(a, b)| {
                    let (a, b) = if swap { (b, a) } else { (a, b) };
                    Term::Bin(op, Box::new(a), Box::new(b))
                })
            });
        let this = self.clone();
        let is_nil = select(kinds.clone())
            .prop_flat_map(move |k| this.scalar(k).prop_map(|t| Term::IsNil(Box::new(t))));
        let this = self.clone();
        let in_list = select(kinds.clone()).prop_flat_map(move |k| {
            let items = proptest::collection::vec(this.operand(k, true), 0..4);
            (this.scalar(k), items).prop_map(|(t, l)| Term::InList(Box::new(t), l))
        });
        let this = self.clone();
        let in_param = select(kinds.clone()).prop_flat_map(move |k| {
            (this.scalar(k), this.array(k)).prop_map(|(t, l)| Term::InParam(Box::new(t), l))
        });
        let this = self.clone();
        let like = any::<bool>().prop_flat_map(move |ci| {
            (this.scalar(Kind::Text), this.pattern(ci)).prop_map(move |(e, p)| Term::Like {
                expr: Box::new(e),
                pattern: Box::new(p),
                case_insensitive: ci,
            })
        });
        let this = self.clone();
        let pair = (select(kinds.clone()), select(kinds.clone()));
        let row_cmp = (pair.clone(), select(COMPARISONS.to_vec()), any::<bool>()).prop_flat_map(
            move |((k1, k2), op, swap)| {
                let left = (this.scalar(k1), this.scalar(k2));
                let right = (this.operand(k1, true), this.operand(k2, true));
                (left, right).prop_map(move |((a, b), (x, y))| {
                    let (l, r) = (vec![a, b], vec![x, y]);
                    if swap {
                        Term::RowCmp(op, r, l)
                    } else {
                        Term::RowCmp(op, l, r)
                    }
                })
            },
        );
        let this = self.clone();
        let row_in = pair.prop_flat_map(move |(k1, k2)| {
            let candidate =
                (this.operand(k1, true), this.operand(k2, true)).prop_map(|(x, y)| vec![x, y]);
            let rows = proptest::collection::vec(candidate, 0..3);
            (this.scalar(k1), this.scalar(k2), rows)
                .prop_map(|(a, b, rows)| Term::RowIn(vec![a, b], rows))
        });
        let mut atoms = vec![
            (1, any::<bool>().prop_map(|b| val(Value::Bool(b))).boxed()),
            (2, row_cmp.boxed()),
            (1, row_in.boxed()),
            (8, compare.boxed()),
            (2, is_nil.boxed()),
            (2, in_list.boxed()),
            (2, in_param.boxed()),
            (3, like.boxed()),
        ];
        let flags = self.cols(Kind::Bool);
        if !flags.is_empty() {
            atoms.push((2, select(flags).boxed()));
        }
        proptest::strategy::Union::new_weighted(atoms).boxed()
    }

    /// A condition: atoms under `and`, `or`, `not` and comparisons of conditions.
    pub(crate) fn cond(&self) -> BoxedStrategy<Term> {
        self.atom()
            .prop_recursive(2, 6, 2, |inner| {
                let two = (inner.clone(), inner.clone());
                prop_oneof![
                    3 => (select(vec![BinOp::And, BinOp::Or]), two.clone())
                        .prop_map(|(op, (a, b))| Term::Bin(op, Box::new(a), Box::new(b))),
                    2 => inner.prop_map(|a| Term::Not(Box::new(a))),
                    1 => (select(COMPARISONS.to_vec()), two)
                        .prop_map(|(op, (a, b))| Term::Bin(op, Box::new(a), Box::new(b))),
                ]
            })
            .boxed()
    }
}
