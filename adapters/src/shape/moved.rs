//! Parameters moved out of an owned query on a hit, instead of cloned: what
//! [`IntoSql`](crate::IntoSql) does with a query no one else holds.
//!
//! The key walk borrows the query, so its slots are shared references; to move a value,
//! this module walks the query again, mutably, collecting the same slots in the same order
//! (the order [`super::key`] documents: clause by clause, sub-expressions in the order they
//! are written, a list after the expression it tests). The walks are checked against each
//! other slot by slot (kind and count) before anything is moved, and a test compares their
//! addresses. A slot the cached order uses twice is cloned for every use but its last.
//! A call-site template's pins are moved the same way, from the template itself
//! ([`query_into_sql`]). This module knows no SQL and decides nothing about shapes.

use recto_core::{Array, Error, Expr, Param, Query, QueryData, Value};

use super::key::Slot;
use super::value_key::printed;
use super::{Source, copy_text, into_sql, keep_text, query_to_sql, template, to_sql};
use crate::Sql;
use crate::dialect::Dialect;

/// A place in an owned query whose value is bound, to move it out of.
#[derive(Debug)]
pub(super) enum SlotMut<'q> {
    /// As [`Slot::Value`].
    Value(&'q mut Value),
    /// As [`Slot::List`].
    List(&'q mut Array),
}

/// Collects the first `needed` slots of `query` in the key walk's order (all of them if
/// there are fewer). Only called for a query whose key was written, so its expressions are
/// no deeper than the planner accepts.
pub(super) fn slots_mut<'q>(query: &'q mut QueryData, slots: &mut Vec<SlotMut<'q>>, needed: usize) {
    // The key walk makes a query with a select it does not know uncacheable, so the clause
    // order of `exprs_mut` is the key walk's.
    for expr in query.exprs_mut() {
        expr_mut(expr, slots, needed);
    }
}

fn expr_mut<'q>(expr: &'q mut Expr, slots: &mut Vec<SlotMut<'q>>, needed: usize) {
    if slots.len() >= needed {
        return;
    }
    match expr {
        Expr::Lit(value) if !printed(value) => slots.push(SlotMut::Value(value)),
        Expr::Param(value) => slots.push(SlotMut::Value(value)),
        Expr::InParam { expr, list } => {
            expr_mut(expr, slots, needed);
            slots.push(SlotMut::List(list));
        }
        Expr::Unary { expr, .. } | Expr::IsNil(expr) | Expr::Cast { expr, .. } => {
            expr_mut(expr, slots, needed)
        }
        Expr::Binary { left, right, .. } => {
            expr_mut(left, slots, needed);
            expr_mut(right, slots, needed);
        }
        Expr::Like { expr, pattern, .. } => {
            expr_mut(expr, slots, needed);
            expr_mut(pattern, slots, needed);
        }
        Expr::InList { expr, list } => {
            expr_mut(expr, slots, needed);
            list.iter_mut()
                .for_each(|item| expr_mut(item, slots, needed));
        }
        Expr::Aggregate { arg, filter, .. } => {
            // In the order the key walk visits them: the argument, then the filter.
            for operand in [arg, filter].into_iter().flatten() {
                expr_mut(operand, slots, needed);
            }
        }
        Expr::Coalesce(args) | Expr::Func { func: _, args } | Expr::Row(args) => {
            args.iter_mut().for_each(|arg| expr_mut(arg, slots, needed))
        }
        Expr::Case { whens, otherwise } => {
            for (when, then) in whens {
                expr_mut(when, slots, needed);
                expr_mut(then, slots, needed);
            }
            if let Some(otherwise) = otherwise {
                expr_mut(otherwise, slots, needed);
            }
        }
        // Fields, printed literals and argument-less aggregates hold no bound value; the key
        // walk makes any other node uncacheable.
        _ => {}
    }
}

/// The least memory a value must own for moving it to pay. The second walk of the query
/// costs about as much as a key walk without the writing, while cloning costs an
/// allocation, a copy and a free, cheap for all but large values. On the benchmark's
/// 10-condition where with a text added (instructions, `--count recto-into-text` against
/// `recto-cached-text`), moving the text cost 1,600 more than cloning it at 4 KiB and saved
/// 14,000 at 16 KiB and 63,000 at 64 KiB.
pub(super) const MOVE_AT_LEAST: usize = 8 << 10;

/// Whether a slot's value owns at least [`MOVE_AT_LEAST`] bytes, which cloning it would
/// allocate and copy.
#[inline]
pub(super) fn worth_moving(slot: &Slot<'_>) -> bool {
    let bytes = match *slot {
        Slot::Value(Value::Text(text)) => text.len(),
        Slot::Value(Value::Bytes(bytes)) => bytes.len(),
        Slot::Value(Value::Array(list)) | Slot::List(list) => list_bytes(list),
        Slot::Value(_) => 0,
    };
    bytes >= MOVE_AT_LEAST
}

/// The memory a list's buffer holds (not counting what its strings hold).
fn list_bytes(list: &Array) -> usize {
    let element = match list {
        Array::Bool(_) => size_of::<bool>(),
        Array::I32(_) => size_of::<i32>(),
        Array::I64(_) | Array::F64(_) => size_of::<i64>(),
        Array::Text(_) => size_of::<String>(),
        Array::Date(_) => size_of::<chrono::NaiveDate>(),
        Array::Timestamp(_) => size_of::<chrono::NaiveDateTime>(),
        Array::Time(_) => size_of::<chrono::NaiveTime>(),
        Array::TimestampUtc(_) => size_of::<chrono::DateTime<chrono::Utc>>(),
        #[cfg(feature = "uuid")]
        Array::Uuid(_) => size_of::<uuid::Uuid>(),
        #[cfg(feature = "json")]
        Array::Json(_) => size_of::<serde_json::Value>(),
        #[cfg(feature = "decimal")]
        Array::Decimal(_) => size_of::<rust_decimal::Decimal>(),
        _ => 0,
    };
    list.len().saturating_mul(element)
}

/// Whether a slot is a list, for comparing the two walks.
pub(super) fn is_list(slot: &Slot<'_>) -> bool {
    matches!(slot, Slot::List(_))
}

/// Whether the mutable walk, asked for `needed` slots, found the first slots the key walk
/// found (`lists` says which of those were lists): as many, of the same kinds.
pub(super) fn same_kinds(lists: &[bool], owned: &[SlotMut<'_>], needed: usize) -> bool {
    owned.len() == needed.min(lists.len())
        && lists
            .iter()
            .zip(owned)
            .all(|(&list, slot)| list == matches!(slot, SlotMut::List(_)))
}

/// Moves each `pending` parameter's value (`(index in params, source)`) out of its slot,
/// cloning it instead where a later pending parameter takes the same slot; `None`, with
/// nothing moved, if a source does not fit its slot. `last` is scratch space.
pub(super) fn fill(
    params: &mut [Value],
    pending: &[(usize, Source)],
    slots: &mut [SlotMut<'_>],
    last: &mut Vec<usize>,
) -> Option<()> {
    last.clear();
    last.resize(slots.len(), usize::MAX);
    // Every source is checked before any value is moved, so that a `None` leaves the query
    // whole for the caller to render.
    for (nth, (at, source)) in pending.iter().enumerate() {
        let k = usize::try_from(source.slot()).ok()?;
        let fits = matches!(
            (*source, slots.get(k)?),
            (Source::Value(_), SlotMut::Value(_)) | (Source::List(_), SlotMut::List(_))
        );
        if !fits || *at >= params.len() {
            return None;
        }
        *last.get_mut(k)? = nth;
    }
    for (nth, (at, source)) in pending.iter().enumerate() {
        let k = usize::try_from(source.slot()).ok()?;
        let take = last.get(k) == Some(&nth);
        *params.get_mut(*at)? = match slots.get_mut(k)? {
            SlotMut::Value(value) if take => std::mem::replace(*value, Value::Bool(false)),
            SlotMut::Value(value) => value.clone(),
            SlotMut::List(list) if take => {
                Value::Array(std::mem::replace(*list, Array::Bool(Vec::new())))
            }
            SlotMut::List(list) => Value::Array(list.clone()),
        };
    }
    Some(())
}

/// [`query_to_sql`] of a query the caller owns and drops after: where it is a template
/// held by no other `Query`, on a hit, pin values worth moving are moved into the
/// parameters rather than cloned; other queries go through [`into_sql`].
pub(crate) fn query_into_sql<S, R, D: Dialect + ?Sized>(
    mut query: Query<S, R>,
    dialect: &D,
) -> Result<Sql, Error> {
    if query.template().is_none() {
        return match query.unique_data_mut() {
            Some(data) => into_sql(data, dialect),
            None => to_sql(query.data(), dialect),
        };
    }
    if query.template_params_mut().is_none() {
        return query_to_sql(&query, dialect);
    }
    let mut pending: Vec<(usize, usize)> = Vec::new();
    let rendered = template::through_template_deferring(
        &query,
        dialect,
        copy_text,
        keep_text,
        |at, slot, own| {
            let moves = worth_moving(slot);
            if moves {
                pending.push((at, own));
            }
            moves
        },
    );
    let (text, mut params) = match rendered {
        Some(rendered) => rendered?,
        None => return to_sql(query.data(), dialect),
    };
    if pending.is_empty() {
        return Ok(Sql { text, params });
    }
    let Some(pins) = query.template_params_mut() else {
        return query_to_sql(&query, dialect);
    };
    // A pin used more than once is cloned into every use but its last, and moved there.
    pending.sort_unstable_by_key(|&(at, own)| (own, at));
    for (i, &(at, own)) in pending.iter().enumerate() {
        let last = pending.get(i + 1).is_none_or(|next| next.1 != own);
        let Some(pin) = pins.get_mut(own) else {
            return to_sql(query.data(), dialect);
        };
        let pin = if last {
            std::mem::replace(pin, Param::Value(Value::Bool(false)))
        } else {
            pin.clone()
        };
        let value = match pin {
            Param::Value(value) => value,
            Param::List(list) => Value::Array(list),
            _ => return to_sql(query.data(), dialect),
        };
        if let Some(param) = params.get_mut(at) {
            *param = value;
        }
    }
    Ok(Sql { text, params })
}

#[cfg(test)]
mod tests {
    use recto_core::{
        AggFunc, BinOp, BindingRef, Direction, JoinKind, Query, Select, Selected, Ty,
    };

    use super::*;
    use crate::shape::encode;
    use crate::{IntoSql, MySql, Postgres, Sqlite, ToSql};

    fn field(binding: usize, name: &'static str) -> Expr {
        Expr::field(BindingRef::Index(binding), name)
    }

    fn text(s: &str) -> Expr {
        Expr::Param(Value::Text(s.into()))
    }

    /// A query with a bound value in every place one can be: a join's `on`, `where`, a
    /// select of every kind of node, `group_by`, `having`, `order_by`, `limit`, `offset`;
    /// a bound literal (a byte string), a list, and one value repeated. `n` varies the values.
    fn everywhere(n: i64) -> QueryData {
        // Long enough to be moved rather than cloned.
        let name = format!("name {n} {}", "x".repeat(MOVE_AT_LEAST));
        Query::table("users")
            .join_table(
                JoinKind::Left,
                "posts",
                Expr::binary(BinOp::Eq, field(1, "title"), text(&name)),
                None,
            )
            .filter(Expr::binary(
                BinOp::And,
                Expr::Like {
                    expr: Box::new(field(0, "name")),
                    pattern: Box::new(text("A%")),
                    case_insensitive: true,
                },
                Expr::InParam {
                    expr: Box::new(field(0, "id")),
                    list: Array::Text(vec![name.clone(), format!("{n}"), "z".into()]),
                },
            ))
            .filter(Expr::InList {
                expr: Box::new(field(0, "email")),
                list: vec![text(&name), Expr::Lit(Value::I32(1)), text("e")],
            })
            .select(Select::Tuple(vec![
                Selected::Expr(Expr::Coalesce(vec![
                    field(0, "email"),
                    text(&name),
                    Expr::Lit(Value::Bytes(vec![1, 2])),
                ])),
                Selected::Expr(Expr::Aggregate {
                    func: AggFunc::Max,
                    arg: Some(Box::new(Expr::Unary {
                        op: recto_core::UnOp::Neg,
                        expr: Box::new(Expr::Param(Value::I64(n))),
                    })),
                    distinct: false,
                    filter: None,
                }),
            ]))
            .group_by(vec![field(0, "email"), field(0, "age")])
            .having(Expr::IsNil(Box::new(Expr::Param(Value::Null(Ty::Text)))))
            .order_by(vec![recto_core::OrderTerm {
                direction: Direction::Desc,
                expr: Expr::binary(BinOp::Add, field(0, "age"), Expr::Param(Value::I64(n))),
            }])
            .limit(Expr::Param(Value::I64(10)))
            .offset(Expr::Param(Value::I64(n)))
            .data()
            .clone()
    }

    /// Both walks find the same slots: the same places in memory, in the same order.
    #[test]
    fn the_mutable_walk_finds_the_key_walks_slots() {
        let mut query = everywhere(3);
        let shared: Vec<usize> = {
            let (mut key, mut slots) = (Vec::new(), Vec::new());
            assert_eq!(encode(&query, true, false, &mut key, &mut slots), Ok(()));
            slots
                .iter()
                .map(|slot| match slot {
                    Slot::Value(value) => std::ptr::from_ref(*value).addr(),
                    Slot::List(list) => std::ptr::from_ref(*list).addr(),
                })
                .collect()
        };
        // Counted in `everywhere`: join 1, where 2 (the pattern and the list), the
        // `IN (…)` list 2 (its integer literal is printed), select 3 (the byte-string literal is bound),
        // having 1, order_by 1, limit and offset 2.
        assert_eq!(shared.len(), 12);
        let mut owned = Vec::new();
        slots_mut(&mut query, &mut owned, usize::MAX);
        let addresses: Vec<usize> = owned
            .iter_mut()
            .map(|slot| match slot {
                SlotMut::Value(value) => std::ptr::from_mut(*value).addr(),
                SlotMut::List(list) => std::ptr::from_mut(*list).addr(),
            })
            .collect();
        assert_eq!(addresses, shared);
    }

    /// On a miss and on a hit, in every dialect (numbered placeholders shared by equal
    /// values, lists bound whole and expanded with padding), consuming the query gives
    /// exactly what rendering it by reference gives.
    #[test]
    fn consuming_a_query_renders_as_borrowing_it() {
        for n in [1, 2, 2, 3] {
            let query = everywhere(n);
            let both = |owned: Result<crate::Sql, recto_core::Error>,
                        borrowed: Result<crate::Sql, recto_core::Error>| {
                (
                    owned.map_err(|e| e.to_string()),
                    borrowed.map_err(|e| e.to_string()),
                )
            };
            let (owned, borrowed) = both(query.clone().into_sql(Postgres), query.to_sql(Postgres));
            assert!(owned.is_ok(), "{owned:?}");
            assert_eq!(owned, borrowed, "PostgreSQL, {n}");
            let (owned, borrowed) = both(query.clone().into_sql(MySql), query.to_sql(MySql));
            assert_eq!(owned, borrowed, "MySQL, {n}");
            let (owned, borrowed) = both(query.clone().into_sql(Sqlite), query.to_sql(Sqlite));
            assert_eq!(owned, borrowed, "SQLite, {n}");
        }
    }

    /// A slot two parameters take is cloned for the first and moved into the last; a
    /// source that does not fit its slot moves nothing.
    #[test]
    fn a_slot_taken_twice_is_cloned_then_moved() {
        let mut value = Value::Text("v".into());
        let mut list = Array::Text(vec!["a".into(), "b".into()]);
        let mut last = Vec::new();
        let mut params = vec![Value::Bool(false); 4];
        params[1] = Value::I64(7);
        let pending = [
            (0, Source::Value(0)),
            (2, Source::Value(0)),
            (3, Source::List(1)),
        ];
        let mut slots = [SlotMut::Value(&mut value), SlotMut::List(&mut list)];
        assert_eq!(fill(&mut params, &pending, &mut slots, &mut last), Some(()));
        let v = || Value::Text("v".into());
        let whole = Value::Array(Array::Text(vec!["a".into(), "b".into()]));
        assert_eq!(params, [v(), Value::I64(7), v(), whole]);
        assert_eq!(value, Value::Bool(false));
        assert_eq!(list, Array::Bool(Vec::new()));

        let mut value = Value::Text("v".into());
        let mut slots = [SlotMut::Value(&mut value)];
        let wrong = [(0, Source::Value(0)), (1, Source::List(0))];
        assert_eq!(fill(&mut params, &wrong, &mut slots, &mut last), None);
        assert_eq!(value, Value::Text("v".into()));
    }
}
