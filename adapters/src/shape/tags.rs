//! The tags the key walk ([`key`](super::key)) writes for operators and functions: one
//! byte per variant, fixed once given, so that two different nodes never write the same
//! bytes. A variant added to the core enums and not listed here makes its query
//! uncacheable, never mis-keyed.

use recto_core::{BinOp, DatePart, Func, Unit};

use super::key::Uncacheable;

/// The function's tag, and the tag of its part or unit (0 where it has none).
pub(super) fn func_tag(func: Func) -> Result<(u8, u8), Uncacheable> {
    Ok(match func {
        Func::Lower => (0, 0),
        Func::Upper => (1, 0),
        Func::Length => (2, 0),
        Func::Trim => (3, 0),
        Func::Ltrim => (4, 0),
        Func::Rtrim => (5, 0),
        Func::Substring => (6, 0),
        Func::Concat => (7, 0),
        Func::Replace => (8, 0),
        Func::Position => (9, 0),
        Func::Abs => (10, 0),
        Func::Ceil => (11, 0),
        Func::Floor => (12, 0),
        Func::Round => (13, 0),
        Func::Sqrt => (14, 0),
        Func::Power => (15, 0),
        Func::NullIf => (16, 0),
        Func::Greatest => (17, 0),
        Func::Least => (18, 0),
        Func::Extract(part) => (19, part_tag(part)?),
        Func::DateAdd(unit) => (20, unit_tag(unit)?),
        Func::DatetimeAdd(unit) => (21, unit_tag(unit)?),
        Func::Ago(unit) => (22, unit_tag(unit)?),
        Func::FromNow(unit) => (23, unit_tag(unit)?),
        Func::DateDiff => (24, 0),
        _ => return Err(Uncacheable),
    })
}

fn part_tag(part: DatePart) -> Result<u8, Uncacheable> {
    Ok(match part {
        DatePart::Year => 0,
        DatePart::Quarter => 1,
        DatePart::Month => 2,
        DatePart::Day => 3,
        DatePart::Hour => 4,
        DatePart::Minute => 5,
        DatePart::Second => 6,
        DatePart::Dow => 7,
        DatePart::Doy => 8,
        _ => return Err(Uncacheable),
    })
}

fn unit_tag(unit: Unit) -> Result<u8, Uncacheable> {
    Ok(match unit {
        Unit::Year => 0,
        Unit::Month => 1,
        Unit::Week => 2,
        Unit::Day => 3,
        Unit::Hour => 4,
        Unit::Minute => 5,
        Unit::Second => 6,
        _ => return Err(Uncacheable),
    })
}

pub(super) fn binary_tag(op: BinOp) -> Result<u8, Uncacheable> {
    Ok(match op {
        BinOp::Eq => 0,
        BinOp::Ne => 1,
        BinOp::Lt => 2,
        BinOp::Le => 3,
        BinOp::Gt => 4,
        BinOp::Ge => 5,
        BinOp::And => 6,
        BinOp::Or => 7,
        BinOp::Add => 8,
        BinOp::Sub => 9,
        BinOp::Mul => 10,
        BinOp::Div => 11,
        BinOp::Rem => 12,
        _ => return Err(Uncacheable),
    })
}
