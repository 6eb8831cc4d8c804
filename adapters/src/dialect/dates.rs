//! How the date and time functions (`Func::Extract`, `Func::DateAdd`, ...) are written:
//! each means one thing (its variant's documentation in `recto_core::Func`), and these say
//! which spelling or emulation gives that meaning in an engine.

/// The spellings of the date and time functions in one dialect.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Dates {
    /// How `extract(part, x)` is written.
    pub extract: Extract,
    /// How a date or timestamp is moved by a number of units.
    pub arithmetic: DateArithmetic,
    /// How `date_diff(a, b)` is written.
    pub date_diff: DateDiff,
}

/// How `extract(part, x)` is written, an integer on every engine.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum Extract {
    /// `CAST(EXTRACT(YEAR FROM x) AS integer)`: the standard's form, whose `numeric` result
    /// is cast to the `i32` recto types it as; the seconds are `floor`ed first, since the
    /// engine's count has the fraction and a cast would round it. `DOW` counts from Sunday
    /// as 0. An instant (`timestamptz`) is read as `(x AT TIME ZONE 'UTC')`, since its
    /// fields are otherwise the session time zone's.
    Standard,
    /// One function per part: `YEAR(x)`, `QUARTER(x)`, `DAYOFMONTH(x)`, ..., the day of the
    /// week as `(DAYOFWEEK(x) - 1)`, since that counts from Sunday as 1.
    Functions,
    /// `CAST(strftime('%Y', x) AS INTEGER)` on the ISO text a date is stored as, the
    /// quarter as `((month + 2) / 3)`; `%w` counts from Sunday as 0.
    Strftime,
}

/// How a date or timestamp is moved by `n` units (`date_add`, `datetime_add`, `ago`,
/// `from_now`), months clamped to the last day of the month they land in.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum DateArithmetic {
    /// `(x + make_interval(months => n))`, cast back to `date` for a date (a date plus an
    /// interval is a timestamp); the engine's own month arithmetic clamps. An instant
    /// (`timestamptz`) is moved as UTC's wall time, `(((x AT TIME ZONE 'UTC') + ..) AT TIME
    /// ZONE 'UTC')`, since its own arithmetic follows the session's time zone.
    Interval {
        /// The current UTC time as a timestamp without a time zone.
        now: &'static str,
    },
    /// `DATE_ADD(x, INTERVAL n MONTH)` (`DATE_SUB` for `ago`): a date moved by days or more
    /// is a `DATE`, a `DATETIME` a `DATETIME` with its fraction, and the engine's own month
    /// arithmetic clamps.
    DateAdd {
        /// The current UTC time, to the microsecond.
        now: &'static str,
    },
    /// The engine's date functions with a modifier built from `n` on the ISO text:
    /// `date(d, CAST(n AS TEXT) || ' days')`. Its months overflow into the next month
    /// (January 31st plus a month is March 2nd), so a month or a year is
    /// `min(date(x, +n months), date(x, 'start of month', +n months, '+1 month', '-1 day'))`,
    /// the earlier of the overflowing day and the last day of the month it should land in.
    /// A timestamp's date is moved that way with its time text appended as it was; moved
    /// by days or less, `datetime(substr(t, 1, 19), ..)` with the rest of its text (the
    /// fraction, and an instant's `+00:00`) appended; an instant's RFC 3339 text is moved
    /// by `strftime('%Y-%m-%dT%H:%M:%S', ..)`, which keeps its `T`.
    /// The current time is `strftime('%Y-%m-%d %H:%M:%f', 'now')` with a fraction of
    /// `.000` removed, the text a timestamp is stored as.
    Modifiers,
}

/// How `date_diff(a, b)` is written.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum DateDiff {
    /// `(a - b)`: a date minus a date is their distance in days, an integer.
    Subtraction,
    /// `DATEDIFF(a, b)`.
    Datediff,
    /// `CAST(julianday(a) - julianday(b) AS INTEGER)`: two dates' Julian days differ by a
    /// whole number.
    Julianday,
}
