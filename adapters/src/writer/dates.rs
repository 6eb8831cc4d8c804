//! The date and time functions (`Func::Extract`, `Func::DateAdd`, `Func::DatetimeAdd`,
//! `Func::Ago`, `Func::FromNow`, `Func::DateDiff`), written as the dialect's
//! [`Dates`](crate::dialect::Dates) quirks say. Parts and units are printed from their
//! enums, never from text the query holds.

use recto_core::{DatePart, Error, Func, Ty, Unit};
use recto_planner::ExprId;

use super::Writer;
use crate::dialect::{DateArithmetic, DateDiff, Dialect, Extract};

/// What a date function moves: an expression of the query, or the current UTC time.
#[derive(Clone, Copy)]
enum Base {
    Date(ExprId),
    Timestamp(ExprId),
    /// A `DateTime<Utc>`.
    Instant(ExprId),
    Now,
}

impl<D: Dialect + ?Sized> Writer<'_, '_, D> {
    /// A date or time function `func(args)`.
    pub(super) fn date_func(&mut self, func: Func, args: &[ExprId]) -> Result<(), Error> {
        match (func, args) {
            (Func::Extract(part), [x]) => self.extract(part, *x),
            (Func::DateAdd(unit), [d, n]) if !unit.of_time() => {
                self.moved(Base::Date(*d), *n, false, unit)
            }
            (Func::DatetimeAdd(unit), [t, n]) => {
                let base = if self.exprs.ty(*t) == Some(Ty::TimestampUtc) {
                    Base::Instant(*t)
                } else {
                    Base::Timestamp(*t)
                };
                self.moved(base, *n, false, unit)
            }
            (Func::Ago(unit), [n]) => self.moved(Base::Now, *n, true, unit),
            (Func::FromNow(unit), [n]) => self.moved(Base::Now, *n, false, unit),
            (Func::DateDiff, [a, b]) => self.date_diff(*a, *b),
            _ => Err(self.malformed()),
        }
    }

    /// `extract(part, x)` (see [`Extract`]).
    fn extract(&mut self, part: DatePart, x: ExprId) -> Result<(), Error> {
        match self.quirks.functions.dates.extract {
            Extract::Standard => {
                let field = match part {
                    DatePart::Year => "YEAR",
                    DatePart::Quarter => "QUARTER",
                    DatePart::Month => "MONTH",
                    DatePart::Day => "DAY",
                    DatePart::Hour => "HOUR",
                    DatePart::Minute => "MINUTE",
                    DatePart::Second => "SECOND",
                    DatePart::Dow => "DOW",
                    DatePart::Doy => "DOY",
                    _ => return Err(self.malformed()),
                };
                let floor = part == DatePart::Second;
                self.sql(if floor {
                    "CAST(floor(EXTRACT("
                } else {
                    "CAST(EXTRACT("
                });
                self.sql(field);
                self.sql(" FROM ");
                if self.exprs.ty(x) == Some(Ty::TimestampUtc) {
                    // An instant's fields are read in the session's time zone unless it is
                    // first turned into UTC's wall time.
                    self.sql("(");
                    self.expr(x)?;
                    self.sql(" AT TIME ZONE 'UTC')");
                } else {
                    self.expr(x)?;
                }
                self.sql(if floor {
                    ")) AS integer)"
                } else {
                    ") AS integer)"
                });
            }
            Extract::Functions => {
                let function = match part {
                    DatePart::Year => "YEAR",
                    DatePart::Quarter => "QUARTER",
                    DatePart::Month => "MONTH",
                    DatePart::Day => "DAYOFMONTH",
                    DatePart::Hour => "HOUR",
                    DatePart::Minute => "MINUTE",
                    DatePart::Second => "SECOND",
                    DatePart::Dow => "DAYOFWEEK",
                    DatePart::Doy => "DAYOFYEAR",
                    _ => return Err(self.malformed()),
                };
                let from_one = part == DatePart::Dow;
                if from_one {
                    self.sql("(");
                }
                self.sql(function);
                self.sql("(");
                self.expr(x)?;
                self.sql(")");
                if from_one {
                    self.sql(" - 1)");
                }
            }
            Extract::Strftime => {
                let format = match part {
                    DatePart::Year => "'%Y'",
                    DatePart::Quarter | DatePart::Month => "'%m'",
                    DatePart::Day => "'%d'",
                    DatePart::Hour => "'%H'",
                    DatePart::Minute => "'%M'",
                    DatePart::Second => "'%S'",
                    DatePart::Dow => "'%w'",
                    DatePart::Doy => "'%j'",
                    _ => return Err(self.malformed()),
                };
                let quarter = part == DatePart::Quarter;
                if quarter {
                    self.sql("((");
                }
                self.sql("CAST(strftime(");
                self.sql(format);
                self.sql(", ");
                self.expr(x)?;
                self.sql(") AS INTEGER)");
                if quarter {
                    self.sql(" + 2) / 3)");
                }
            }
        }
        Ok(())
    }

    /// `base` moved by `n` units, back for `back` (see [`DateArithmetic`]).
    fn moved(&mut self, base: Base, n: ExprId, back: bool, unit: Unit) -> Result<(), Error> {
        match self.quirks.functions.dates.arithmetic {
            DateArithmetic::Interval { now } => {
                let field = match unit {
                    Unit::Year => "years",
                    Unit::Month => "months",
                    Unit::Week => "weeks",
                    Unit::Day => "days",
                    Unit::Hour => "hours",
                    Unit::Minute => "mins",
                    Unit::Second => "secs",
                    _ => return Err(self.malformed()),
                };
                let date = matches!(base, Base::Date(_));
                self.sql(if date { "CAST((" } else { "(" });
                match base {
                    Base::Date(x) | Base::Timestamp(x) => self.expr(x)?,
                    // An instant plus months or days moves by the session time zone's
                    // calendar; UTC's wall time moves by UTC's, and is then an instant
                    // again (below).
                    Base::Instant(x) => {
                        self.sql("((");
                        self.expr(x)?;
                        self.sql(" AT TIME ZONE 'UTC')");
                    }
                    Base::Now => self.sql(now),
                }
                self.sql(if back {
                    " - make_interval("
                } else {
                    " + make_interval("
                });
                self.sql(field);
                self.sql(" => ");
                self.int_arg(n)?;
                self.sql(match base {
                    Base::Date(_) => ")) AS date)",
                    Base::Instant(_) => ")) AT TIME ZONE 'UTC')",
                    Base::Timestamp(_) | Base::Now => "))",
                });
            }
            DateArithmetic::DateAdd { now } => {
                let keyword = match unit {
                    Unit::Year => "YEAR",
                    Unit::Month => "MONTH",
                    Unit::Week => "WEEK",
                    Unit::Day => "DAY",
                    Unit::Hour => "HOUR",
                    Unit::Minute => "MINUTE",
                    Unit::Second => "SECOND",
                    _ => return Err(self.malformed()),
                };
                self.sql(if back { "DATE_SUB(" } else { "DATE_ADD(" });
                match base {
                    Base::Date(x) | Base::Timestamp(x) | Base::Instant(x) => self.expr(x)?,
                    Base::Now => self.sql(now),
                }
                self.sql(", INTERVAL ");
                self.expr(n)?;
                self.sql(" ");
                self.sql(keyword);
                self.sql(")");
            }
            DateArithmetic::Modifiers => self.modified(base, n, back, unit)?,
        }
        Ok(())
    }

    /// SQLite's emulation (see [`DateArithmetic::Modifiers`]).
    fn modified(&mut self, base: Base, n: ExprId, back: bool, unit: Unit) -> Result<(), Error> {
        let (factor, modifier) = match unit {
            Unit::Year => (Some("12"), "months"),
            Unit::Month => (None, "months"),
            Unit::Week => (Some("7"), "days"),
            Unit::Day => (None, "days"),
            Unit::Hour => (None, "hours"),
            Unit::Minute => (None, "minutes"),
            Unit::Second => (None, "seconds"),
            _ => return Err(self.malformed()),
        };
        let now = matches!(base, Base::Now);
        if now {
            self.sql("replace(");
        }
        let months = matches!(unit, Unit::Year | Unit::Month);
        if months {
            // The earlier of the overflowing day and the last day of the target month, with
            // the time of day (if any) appended as it was.
            self.sql("(min(date(");
            self.base_text(base)?;
            self.sql(", ");
            self.modifier(n, back, factor, modifier)?;
            self.sql("), date(");
            self.base_text(base)?;
            self.sql(", 'start of month', ");
            self.modifier(n, back, factor, modifier)?;
            self.sql(", '+1 month', '-1 day')) || substr(");
            self.base_text(base)?;
            self.sql(", 11))");
        } else if let Base::Date(d) = base {
            self.sql("date(");
            self.expr(d)?;
            self.sql(", ");
            self.modifier(n, back, factor, modifier)?;
            self.sql(")");
        } else {
            // The seconds' fraction (and an instant's `+00:00`) is kept as text: SQLite's
            // own arithmetic has milliseconds only, and `datetime` drops them. An instant's
            // RFC 3339 text has a `T` before the time, a naive timestamp's a space.
            self.sql(if matches!(base, Base::Instant(_)) {
                "(strftime('%Y-%m-%dT%H:%M:%S', substr("
            } else {
                "(datetime(substr("
            });
            self.base_text(base)?;
            self.sql(", 1, 19), ");
            self.modifier(n, back, factor, modifier)?;
            self.sql(") || substr(");
            self.base_text(base)?;
            self.sql(", 20))");
        }
        if now {
            self.sql(", '.000', '')");
        }
        Ok(())
    }

    /// The ISO text a moved date or timestamp starts from.
    fn base_text(&mut self, base: Base) -> Result<(), Error> {
        match base {
            Base::Date(x) | Base::Timestamp(x) | Base::Instant(x) => self.expr(x),
            Base::Now => {
                self.sql("strftime('%Y-%m-%d %H:%M:%f', 'now')");
                Ok(())
            }
        }
    }

    /// `(CAST(n AS TEXT) || ' days')`, with `n` negated for `back` and multiplied by
    /// `factor`.
    fn modifier(
        &mut self,
        n: ExprId,
        back: bool,
        factor: Option<&str>,
        unit: &str,
    ) -> Result<(), Error> {
        self.sql("(CAST(");
        if back {
            self.sql("-");
        }
        if factor.is_some() || back {
            self.sql("(");
        }
        self.expr(n)?;
        if factor.is_some() || back {
            self.sql(")");
        }
        if let Some(factor) = factor {
            self.sql(" * ");
            self.sql(factor);
        }
        self.sql(" AS TEXT) || ' ");
        self.sql(unit);
        self.sql("')");
        Ok(())
    }

    /// `date_diff(a, b)` (see [`DateDiff`]).
    fn date_diff(&mut self, a: ExprId, b: ExprId) -> Result<(), Error> {
        match self.quirks.functions.dates.date_diff {
            DateDiff::Subtraction => {
                self.sql("(");
                self.expr(a)?;
                self.sql(" - ");
                self.expr(b)?;
                self.sql(")");
            }
            DateDiff::Datediff => {
                self.sql("DATEDIFF(");
                self.expr(a)?;
                self.sql(", ");
                self.expr(b)?;
                self.sql(")");
            }
            DateDiff::Julianday => {
                self.sql("CAST(julianday(");
                self.expr(a)?;
                self.sql(") - julianday(");
                self.expr(b)?;
                self.sql(") AS INTEGER)");
            }
        }
        Ok(())
    }
}
