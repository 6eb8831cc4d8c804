//! The date and time terms of the agreement property: dates and timestamps moved by
//! `date_add` and `datetime_add`, and the integers `extract` and `date_diff` read from
//! them, so that the engines must agree on month ends, leap days and negative amounts.

use proptest::prelude::*;
use proptest::sample::select;
use recto::{DatePart, Func, Ty, Unit, Value};

use super::Ctx;
use crate::terms::{Kind, Term};

impl Ctx {
    /// A date or timestamp term (`inner`) moved by an amount of a unit: `date_add` by
    /// years, months, weeks or days, `datetime_add` by those and hours, minutes and
    /// seconds, with amounts that land on month ends and leap days from the fixture's, or
    /// NULL. `ago` and `from_now` are left out: each engine reads its clock at its own
    /// moment, so their rows differ by the time between the queries.
    pub(super) fn moved_date(&self, kind: Kind, inner: BoxedStrategy<Term>) -> BoxedStrategy<Term> {
        let units = if kind == Kind::Date {
            vec![Unit::Year, Unit::Month, Unit::Week, Unit::Day]
        } else {
            Unit::ALL.to_vec()
        };
        let func = move |unit| {
            if kind == Kind::Date {
                Func::DateAdd(unit)
            } else {
                Func::DatetimeAdd(unit)
            }
        };
        (inner, self.amount(), select(units))
            .prop_map(move |(e, n, unit)| Term::Func(func(unit), vec![e, n]))
            .boxed()
    }

    /// A small amount of a unit, negative ones included, bound or literal, or NULL.
    fn amount(&self) -> BoxedStrategy<Term> {
        let value = prop_oneof![
            8 => (-40i32..=40).prop_map(Value::I32),
            1 => (-40i64..=40).prop_map(Value::I64),
            1 => Just(Value::Null(Ty::I64)),
        ];
        (value, any::<bool>())
            .prop_map(|(value, bound)| Term::Val { value, bound })
            .boxed()
    }

    /// An integer read from a date or timestamp term: a part of it (a time part of a
    /// timestamp only), or the days between two dates.
    pub(super) fn counted_date(&self) -> BoxedStrategy<Term> {
        let mut choices: Vec<BoxedStrategy<Term>> = Vec::new();
        if !self.cols(Kind::Date).is_empty() {
            let parts = DatePart::ALL.into_iter().filter(|part| !part.of_time());
            choices.push(
                (select(parts.collect::<Vec<_>>()), self.scalar(Kind::Date))
                    .prop_map(|(part, e)| Term::Func(Func::Extract(part), vec![e]))
                    .boxed(),
            );
            let date = self.scalar(Kind::Date);
            let other = prop_oneof![self.operand(Kind::Date, false), date.clone()];
            choices.push(
                (date, other, any::<bool>())
                    .prop_map(|(a, b, first)| {
                        let args = if first { vec![a, b] } else { vec![b, a] };
                        Term::Func(Func::DateDiff, args)
                    })
                    .boxed(),
            );
        }
        if !self.cols(Kind::Stamp).is_empty() {
            choices.push(
                (select(DatePart::ALL.to_vec()), self.scalar(Kind::Stamp))
                    .prop_map(|(part, e)| Term::Func(Func::Extract(part), vec![e]))
                    .boxed(),
            );
        }
        select(choices).prop_flat_map(|choice| choice).boxed()
    }
}
