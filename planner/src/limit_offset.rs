//! `limit:` and `offset:`: an integer literal or a bound integer, never negative (as in
//! Ecto; MySQL accepts nothing else there).

use recto_core::{Clause, Error, Expr, LimitOffset, Value};

use crate::planned::Count;

/// The checked count of a `limit:` or `offset:` clause.
pub(crate) fn count(
    clause: Option<&LimitOffset>,
    which: Clause,
) -> Result<Option<Count<'_>>, Error> {
    let Some(LimitOffset { expr, at }) = clause else {
        return Ok(None);
    };
    let invalid = |reason: String| Error::InvalidClause {
        clause: which,
        reason,
        at: at.clone(),
    };
    let (value, literal) = match expr {
        Expr::Lit(value) => (value, true),
        Expr::Param(value) => (value, false),
        _ => {
            return Err(invalid(format!(
                "`{which}:` takes an integer literal or a `^` parameter"
            )));
        }
    };
    let n = match value {
        Value::I32(n) => i64::from(*n),
        Value::I64(n) => *n,
        other => {
            return Err(invalid(format!(
                "`{which}:` takes an integer, not {other:?}"
            )));
        }
    };
    let Ok(n) = u64::try_from(n) else {
        return Err(invalid(format!("`{which}:` must not be negative, got {n}")));
    };
    Ok(Some(if literal {
        Count::Literal(n)
    } else {
        Count::Param(value)
    }))
}
