//! The sea-query half of the corpus: the ten queries of `recto_benches`, built with
//! sea-query 1.0's builder from the same seeds, as its users write them.
//!
//! Each statement is built in place (`let mut q = Query::select(); q.…; q`) rather than
//! with `.to_owned()`, which would clone the whole statement and charge sea-query for a copy
//! its users can avoid. Identifiers are `&'static str`, which sea-query treats as the
//! derived `Iden` enums (a static name, no allocation). Aliases are recto's (`u0`, `o1`,
//! …) so the two texts differ only in quoting and parentheses.

use recto_benches::small;
use sea_query::extension::postgres::PgExpr;
use sea_query::{Expr, ExprTrait, Func, JoinType, Order, Query, SelectStatement};

/// Which backend a statement is built for: only query 7 differs, because `ILIKE` exists on
/// PostgreSQL only and a sea-query user writes `LOWER(x) LIKE LOWER(p)` for SQLite (as
/// recto's SQLite adapter renders `ilike`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Backend {
    /// PostgreSQL: the dialect that is timed.
    Postgres,
    /// SQLite: the dialect the start-up check executes.
    Sqlite,
}

/// 1. One user by primary key, every field selected.
fn by_id(seed: u64) -> SelectStatement {
    let id = 1 + small(seed, 8);
    let mut q = Query::select();
    q.columns([
        ("u0", "id"),
        ("u0", "name"),
        ("u0", "email"),
        ("u0", "age"),
        ("u0", "org_id"),
    ])
    .from_as("users", "u0")
    .and_where(Expr::col(("u0", "id")).eq(id));
    q
}

/// 2. A conjunction of ten bound conditions over one table.
fn ten_conditions(seed: u64) -> SelectStatement {
    let s = small(seed, 3);
    let (min_age, max_age) = (18 + s, 80 - s);
    let (min_id, max_id) = (s, 100 + s);
    let not_org = 99 + s;
    let max_org = 50 + s;
    let not_age = 200 + s as i32;
    let mut q = Query::select();
    q.columns([("u0", "id"), ("u0", "name")])
        .from_as("users", "u0")
        .and_where(Expr::col(("u0", "age")).gte(min_age as i32))
        .and_where(Expr::col(("u0", "age")).lte(max_age as i32))
        .and_where(Expr::col(("u0", "id")).gt(min_id))
        .and_where(Expr::col(("u0", "id")).lt(max_id))
        .and_where(Expr::col(("u0", "name")).ne("Nobody".to_string()))
        .and_where(Expr::col(("u0", "name")).gte("A".to_string()))
        .and_where(Expr::col(("u0", "name")).lt("Z".to_string()))
        .and_where(Expr::col(("u0", "org_id")).ne(not_org))
        .and_where(Expr::col(("u0", "org_id")).lte(max_org))
        .and_where(Expr::col(("u0", "age")).ne(not_age));
    q
}

/// 3. An inner join with a bound filter, a sort, and paging.
fn join_paging(seed: u64) -> SelectStatement {
    let per_page = 2 + small(seed, 2);
    let offset = small(seed, 2);
    let mut q = Query::select();
    q.columns([("u0", "id"), ("u0", "name"), ("o1", "name")])
        .from_as("users", "u0")
        .join_as(
            JoinType::InnerJoin,
            "orgs",
            "o1",
            Expr::col(("o1", "id")).equals(("u0", "org_id")),
        )
        .and_where(Expr::col(("o1", "active")).eq(true))
        .order_by(("u0", "id"), Order::Asc)
        .limit(per_page as u64)
        .offset(offset as u64);
    q
}

/// 4. Two left joins from users: their organisation and their posts.
fn three_table_left_join(seed: u64) -> SelectStatement {
    let min_age = 20 + small(seed, 5) as i32;
    let mut q = Query::select();
    q.columns([("u0", "name"), ("o1", "name"), ("p2", "title")])
        .from_as("users", "u0")
        .join_as(
            JoinType::LeftJoin,
            "orgs",
            "o1",
            Expr::col(("o1", "id")).equals(("u0", "org_id")),
        )
        .join_as(
            JoinType::LeftJoin,
            "posts",
            "p2",
            Expr::col(("p2", "user_id")).equals(("u0", "id")),
        )
        .and_where(Expr::col(("u0", "age")).gt(min_age));
    q
}

/// 5. Posts counted per user, keeping users with more than a bound number of posts.
fn group_having(seed: u64) -> SelectStatement {
    let at_least = 1 + small(seed, 2);
    let mut q = Query::select();
    q.column(("u0", "id"))
        .expr(Func::count(Expr::col(("p1", "id"))))
        .from_as("users", "u0")
        .join_as(
            JoinType::InnerJoin,
            "posts",
            "p1",
            Expr::col(("p1", "user_id")).equals(("u0", "id")),
        )
        .group_by_col(("u0", "id"))
        .and_having(Func::count(Expr::col(("p1", "id"))).gt(at_least));
    q
}

/// 6. Membership in a bound list of ten ids.
fn in_list(seed: u64) -> SelectStatement {
    let ids: Vec<i64> = (0..10).map(|k| 1 + small(seed + k, 8)).collect();
    let mut q = Query::select();
    q.columns([("u0", "id"), ("u0", "name")])
        .from_as("users", "u0")
        .and_where(Expr::col(("u0", "id")).is_in(ids));
    q
}

/// 7. Pattern matching, case-insensitive matching and a NULL test.
fn patterns(seed: u64, backend: Backend) -> SelectStatement {
    let prefix = ["A%", "G%"][small(seed, 2) as usize].to_string();
    let domain = "%@ACME.TEST".to_string();
    let email_matches = match backend {
        Backend::Postgres => Expr::col(("u0", "email")).ilike(domain),
        Backend::Sqlite => Func::lower(Expr::col(("u0", "email"))).like(domain.to_lowercase()),
    };
    let mut q = Query::select();
    q.columns([("u0", "id"), ("u0", "name")])
        .from_as("users", "u0")
        .and_where(
            Expr::col(("u0", "name"))
                .like(prefix)
                .and(email_matches.or(Expr::col(("u0", "email")).is_null())),
        );
    q
}

/// 8a. The first half of the composed query: users at least `min_age` old.
fn adults(min_age: i32) -> SelectStatement {
    let mut q = Query::select();
    q.from_as("users", "u0")
        .and_where(Expr::col(("u0", "age")).gte(min_age));
    q
}

/// 8b. The second half: a page of any user query, newest ids first.
fn newest_page(mut q: SelectStatement, per_page: i64) -> SelectStatement {
    q.columns([("u0", "id"), ("u0", "name")])
        .and_where(Expr::col(("u0", "org_id")).ne(0_i64))
        .order_by(("u0", "id"), Order::Desc)
        .limit(per_page as u64);
    q
}

/// 8. A query built by two functions.
fn composed(seed: u64) -> SelectStatement {
    newest_page(adults(18 + small(seed, 3) as i32), 3 + small(seed, 2))
}

/// 9. Arithmetic in the filter and the selection, with `COALESCE` over a nullable column.
fn arithmetic(seed: u64) -> SelectStatement {
    let factor = 2 + small(seed, 2) as i32;
    let floor = 5 + small(seed, 3) as i32;
    let score = || Func::coalesce([Expr::col(("p0", "score")), Expr::val(0_i32)]);
    let mut q = Query::select();
    q.column(("p0", "id"))
        .expr(score().mul(factor).sub(1))
        .from_as("posts", "p0")
        .and_where(score().mul(factor).add(1).gt(floor));
    q
}

/// 10. A sort on four keys in mixed directions, with a bound filter.
fn four_key_order(seed: u64) -> SelectStatement {
    let min_id = small(seed, 2);
    let mut q = Query::select();
    q.columns([
        ("u0", "id"),
        ("u0", "org_id"),
        ("u0", "age"),
        ("u0", "name"),
    ])
    .from_as("users", "u0")
    .and_where(Expr::col(("u0", "id")).gt(min_id))
    .order_by(("u0", "org_id"), Order::Asc)
    .order_by(("u0", "age"), Order::Desc)
    .order_by(("u0", "name"), Order::Asc)
    .order_by(("u0", "id"), Order::Desc);
    q
}

/// Builds corpus query `index` (as in `recto_benches::NAMES`) from `seed` for `backend`.
pub fn build(index: usize, seed: u64, backend: Backend) -> SelectStatement {
    match index {
        0 => by_id(seed),
        1 => ten_conditions(seed),
        2 => join_paging(seed),
        3 => three_table_left_join(seed),
        4 => group_having(seed),
        5 => in_list(seed),
        6 => patterns(seed, backend),
        7 => composed(seed),
        8 => arithmetic(seed),
        _ => four_key_order(seed),
    }
}
