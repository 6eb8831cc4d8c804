//! Forms each engine needed its own SQL for (docs/dialects.md): a bound value in an
//! expression written twice, `having:` over grouped expressions and alone, and `distinct:`
//! sorted or skipped, which MariaDB gets wrong inside the `DISTINCT`.

use recto::prelude::*;

use crate::common::{Org, Post, User};

/// An expression holding a bound value, written in `select:` and `order_by:` of a
/// `distinct:` query: PostgreSQL matches them only with one placeholder.
pub fn distinct_sorted_by_a_repeated_param_expression() -> Query {
    from!(u in User,
          distinct: true,
          select: coalesce(u.email, "none"),
          order_by: coalesce(u.email, "none"))
    .erase()
}

/// A grouped expression holding a bound value, selected and sorted by.
pub fn grouped_by_a_repeated_param_expression() -> Query {
    let one = 1;
    from!(u in User,
          group_by: u.age + ^one,
          order_by: u.age + ^one,
          select: (u.age + ^one, count()))
    .erase()
}

/// `having:` over a grouped expression, which MariaDB resolves only inside an aggregate.
pub fn having_over_a_grouped_expression() -> Query {
    from!(u in User,
          group_by: coalesce(u.org_id, u.id),
          having: coalesce(u.org_id, u.id) > 1,
          select: (coalesce(u.org_id, u.id), count()))
    .erase()
}

/// `having:` over a grouped nullable column, NULL group included.
pub fn having_over_a_nullable_grouped_column() -> Query {
    from!(u in User,
          group_by: u.email,
          having: is_nil(u.email) || u.email > "b",
          select: (u.email, count()))
    .erase()
}

/// `having:` over a column the grouped primary key determines.
pub fn having_over_a_column_of_a_grouped_key() -> Query {
    from!(u in User, group_by: u.id, having: u.age > 35, select: (u.id, u.name)).erase()
}

/// `having:` without `group_by:` or an aggregate: the whole table is one group.
pub fn having_alone_is_one_group() -> Query {
    from!(u in User, having: true, select: 1).erase()
}

/// The same over no rows: still one group, so one row.
pub fn having_alone_over_no_rows() -> Query {
    let max = 100;
    from!(u in User, where: u.id > ^max, having: true, select: 1).erase()
}

/// A false `having:` alone: no row.
pub fn having_alone_false() -> Query {
    let wanted = false;
    from!(u in User, having: ^wanted, select: 1).erase()
}

/// A grouped `distinct:` sorted by an aggregate that can be NULL, which MariaDB 10.11 got
/// wrong through the NULL-ordering emulation.
pub fn distinct_grouped_sorted_by_an_average() -> Query {
    from!(p in Post,
          group_by: [p.published_at, p.user_id],
          distinct: true,
          order_by: [asc: avg(p.score), asc: p.user_id],
          select: (p.user_id, avg(p.score)))
    .erase()
}

/// `distinct:` over constants only, skipped past its one row.
pub fn distinct_constant_with_an_offset() -> Query {
    let k = 5;
    from!(u in User, distinct: true, select: ^k, limit: 10, offset: 4).erase()
}

/// The same without skipping: one row.
pub fn distinct_constant_without_an_offset() -> Query {
    let k = 5;
    from!(u in User, distinct: true, select: ^k, limit: 10, offset: 0).erase()
}

/// `having:` over a column the grouped primary key determines, which the query does not
/// select: MariaDB resolves it only inside an aggregate.
pub fn having_over_an_unselected_column_of_a_grouped_key() -> Query {
    from!(u in User, group_by: u.id, having: u.age > 35, select: u.id).erase()
}

/// `having:` over an unselected grouped column, with group keys from two joined tables.
pub fn having_over_grouped_columns_of_two_tables() -> Query {
    from!(u in User,
          join: o in Org, on: o.id == u.org_id,
          group_by: [o.name, u.name],
          having: u.name > "B",
          select: o.name)
    .erase()
}

/// `having:` over an unselected primary key, with the keys of two joined tables grouped.
pub fn having_over_grouped_keys_of_two_tables() -> Query {
    from!(u in User,
          join: o in Org, on: o.id == u.org_id,
          group_by: [u.id, o.id],
          having: u.id != 2,
          select: count())
    .erase()
}

/// `coalesce` of a boolean column (NULL through a left join) and a bound boolean: a
/// boolean on every engine.
pub fn coalesce_of_booleans() -> Query {
    let otherwise = false;
    from!(u in User,
          left_join: o in Org, on: o.id == u.org_id,
          select: (u.id, coalesce(o.active, ^otherwise)))
    .erase()
}

/// The same with a NULL boolean bound: the `coalesce` is NULL without an org.
pub fn coalesce_of_a_boolean_and_a_null_boolean() -> Query {
    let otherwise: Option<bool> = None;
    from!(u in User,
          left_join: o in Org, on: o.id == u.org_id,
          select: (u.id, coalesce(o.active, ^otherwise)))
    .erase()
}

/// An `i64` literal small enough for an `i32`, the widest operand of its expression: the
/// result is an `i64` on every engine.
pub fn small_i64_literals_are_64_bit() -> Query {
    from!(u in User,
          where: u.id <= 2,
          select: (u.id, u.age + 3i64, coalesce(u.age, 3i64)))
    .erase()
}

/// `distinct:` over an average per group: the same average of two groups is one row.
pub fn distinct_averages_of_groups() -> Query {
    from!(u in User, group_by: u.age, distinct: true, select: avg(u.id)).erase()
}

/// The same with two group keys and a `having:`.
pub fn distinct_averages_of_groups_with_two_keys() -> Query {
    from!(u in User,
          group_by: [u.org_id, u.age],
          having: count() >= 1,
          distinct: true,
          select: avg(u.age))
    .erase()
}

/// `having:` over an aggregate the select list does not hold, without `group_by:`: the
/// whole table is one group.
pub fn having_an_aggregate_without_group_by() -> Query {
    from!(u in User, having: count() > 5, select: 0).erase()
}

/// The same over no rows: one group, whose count is zero.
pub fn having_an_aggregate_over_no_rows() -> Query {
    let max = 100;
    from!(u in User, where: u.id > ^max, having: count() == 0, select: 0).erase()
}

/// `order_by:` an aggregate the select list does not hold, without `group_by:`: one group,
/// one row.
pub fn order_by_an_aggregate_without_group_by() -> Query {
    from!(u in User, order_by: sum(u.age), select: 0).erase()
}
