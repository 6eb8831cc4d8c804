//! Forms each engine needed its own SQL for (docs/dialects.md): a bound value in an
//! expression written twice, `having:` over grouped expressions and alone, and `distinct:`
//! sorted or skipped, which MariaDB gets wrong inside the `DISTINCT`.

use recto::prelude::*;

use crate::common::{Post, User};

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
