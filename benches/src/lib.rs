//! The recto half of the side-by-side benchmark corpus of issue 7: three schemas and ten
//! queries written as users write them, through `from!` over `#[derive(Schema)]` types.
//!
//! Each query is a function of a seed, so that a benchmark can build the same shape with
//! other parameter values on every iteration (the "repeated shape" measurement) while the
//! sea-query half (in `benches/side_by_side/peer.rs`) builds the same query from the same
//! seed. This crate knows nothing of sea-query: the peer is a dev-dependency of the
//! benchmarks only, so the library stays free of it.

use recto::prelude::*;

pub mod alloc;

/// The tables the corpus queries and the SQLite fixture creates.
pub mod schema {
    use recto::Schema;

    /// A user, as in the README.
    #[derive(Schema, Debug, PartialEq, sqlx::FromRow)]
    #[recto(table = "users")]
    pub struct User {
        /// The primary key.
        #[recto(primary_key)]
        pub id: i64,
        /// The user's name.
        pub name: String,
        /// An optional e-mail address.
        pub email: Option<String>,
        /// The age in years.
        pub age: i32,
        /// The organisation the user belongs to.
        pub org_id: i64,
    }

    /// An organisation.
    #[derive(Schema, Debug, PartialEq, sqlx::FromRow)]
    #[recto(table = "orgs")]
    pub struct Org {
        /// The primary key.
        #[recto(primary_key)]
        pub id: i64,
        /// The organisation's name.
        pub name: String,
        /// Whether the organisation is active.
        pub active: bool,
    }

    /// A post written by a user.
    #[derive(Schema, Debug, PartialEq, sqlx::FromRow)]
    #[recto(table = "posts")]
    pub struct Post {
        /// The primary key.
        #[recto(primary_key)]
        pub id: i64,
        /// The author.
        pub user_id: i64,
        /// The title.
        pub title: String,
        /// A score, missing until someone rates the post.
        pub score: Option<i32>,
    }
}

use schema::{Org, Post, User};

/// The statements that create and fill the tables of [`schema`] on SQLite, chosen so that
/// every corpus query returns rows for the seeds the benchmarks use.
pub const FIXTURE: &[&str] = &[
    "CREATE TABLE orgs (id INTEGER PRIMARY KEY, name TEXT NOT NULL, active BOOLEAN NOT NULL)",
    "CREATE TABLE users (id INTEGER PRIMARY KEY, name TEXT NOT NULL, email TEXT, \
     age INTEGER NOT NULL, org_id INTEGER NOT NULL)",
    "CREATE TABLE posts (id INTEGER PRIMARY KEY, user_id INTEGER NOT NULL, \
     title TEXT NOT NULL, score INTEGER)",
    "INSERT INTO orgs (id, name, active) VALUES (1, 'Acme', 1), (2, 'Globex', 1), \
     (3, 'Initech', 0)",
    "INSERT INTO users (id, name, email, age, org_id) VALUES \
     (1, 'Ada', 'ada@acme.test', 36, 1), (2, 'Alan', NULL, 41, 1), \
     (3, 'Grace', 'grace@globex.test', 45, 2), (4, 'Linus', NULL, 17, 2), \
     (5, 'Barbara', 'Barbara@initech.test', 52, 3), (6, 'Anita', 'anita@acme.test', 29, 1), \
     (7, 'Edsger', NULL, 70, 3), (8, 'Alonzo', 'ALONZO@globex.test', 33, 2)",
    "INSERT INTO posts (id, user_id, title, score) VALUES \
     (1, 1, 'Notes', 10), (2, 1, 'Engines', NULL), (3, 1, 'Loops', 7), \
     (4, 3, 'Compilers', 9), (5, 3, 'Bugs', 3), (6, 3, 'Cobol', NULL), \
     (7, 5, 'Liskov', 8), (8, 8, 'Lambda', 6)",
];

/// [`FIXTURE`] for PostgreSQL: the same tables and rows, with PostgreSQL's column types
/// (`BIGINT` keys, as the schemas' `i64` fields decode only from `INT8` there) and boolean
/// literals.
pub const POSTGRES_FIXTURE: &[&str] = &[
    "CREATE TABLE orgs (id BIGINT PRIMARY KEY, name TEXT NOT NULL, active BOOLEAN NOT NULL)",
    "CREATE TABLE users (id BIGINT PRIMARY KEY, name TEXT NOT NULL, email TEXT, \
     age INTEGER NOT NULL, org_id BIGINT NOT NULL)",
    "CREATE TABLE posts (id BIGINT PRIMARY KEY, user_id BIGINT NOT NULL, \
     title TEXT NOT NULL, score INTEGER)",
    "INSERT INTO orgs (id, name, active) VALUES (1, 'Acme', TRUE), (2, 'Globex', TRUE), \
     (3, 'Initech', FALSE)",
    FIXTURE[4],
    FIXTURE[5],
];

/// The names of the ten corpus queries, in the order of [`build`]'s index.
pub const NAMES: [&str; 10] = [
    "select by id",
    "10-condition where",
    "join with paging",
    "3-table left join",
    "group/having",
    "in ^list of 10",
    "like/ilike/is_nil",
    "composed (2 fns)",
    "arith + coalesce",
    "4-key order_by",
];

/// A small number derived from `seed`, so values vary between iterations but stay inside
/// the fixture's ranges.
pub fn small(seed: u64, modulo: u64) -> i64 {
    (seed % modulo) as i64
}

/// 1. One user by primary key, every field selected.
pub fn by_id(seed: u64) -> Query<User> {
    let id = 1 + small(seed, 8);
    from!(u in User, where: u.id == ^id, select: u)
}

/// 2. A conjunction of ten bound conditions over one table.
pub fn ten_conditions(seed: u64) -> Query<User, (i64, String)> {
    let s = small(seed, 3);
    let (min_age, max_age) = (18 + s, 80 - s);
    let (min_id, max_id) = (s, 100 + s);
    let not_name = "Nobody".to_string();
    let min_name = "A".to_string();
    let max_name = "Z".to_string();
    let not_org = 99 + s;
    let max_org = 50 + s;
    let not_age = 200 + s as i32;
    from!(u in User,
          where: u.age >= ^(min_age as i32) && u.age <= ^(max_age as i32) && u.id > ^min_id
              && u.id < ^max_id && u.name != ^not_name && u.name >= ^min_name
              && u.name < ^max_name && u.org_id != ^not_org && u.org_id <= ^max_org
              && u.age != ^not_age,
          select: (u.id, u.name))
}

/// 3. An inner join with a bound filter, a sort, and bound paging.
pub fn join_paging(seed: u64) -> Query<(User, Org), (i64, String, String)> {
    let per_page = 2 + small(seed, 2);
    let offset = small(seed, 2);
    let active = true;
    from!(u in User, join: o in Org, on: o.id == u.org_id,
          where: o.active == ^active,
          order_by: u.id,
          limit: ^per_page, offset: ^offset,
          select: (u.id, u.name, o.name))
}

/// A row of query 4: a user's name, and the names of the left-joined organisation and post.
pub type UserOrgPost = (String, Option<String>, Option<String>);

/// 4. Two left joins from users: their organisation and their posts.
pub fn three_table_left_join(seed: u64) -> Query<(User, Org, Post), UserOrgPost> {
    let min_age = 20 + small(seed, 5) as i32;
    from!(u in User,
          left_join: o in Org, on: o.id == u.org_id,
          left_join: p in Post, on: p.user_id == u.id,
          where: u.age > ^min_age,
          select: (u.name, o.name, p.title))
}

/// 5. Posts counted per user, keeping users with more than a bound number of posts.
pub fn group_having(seed: u64) -> Query<(User, Post), (i64, i64)> {
    let at_least = 1 + small(seed, 2);
    from!(u in User, join: p in Post, on: p.user_id == u.id,
          group_by: u.id,
          having: count(p.id) > ^at_least,
          select: (u.id, count(p.id)))
}

/// 6. Membership in a bound list of ten ids.
pub fn in_list(seed: u64) -> Query<User, (i64, String)> {
    let ids: Vec<i64> = (0..10).map(|k| 1 + small(seed + k, 8)).collect();
    from!(u in User, where: u.id in ^ids, select: (u.id, u.name))
}

/// 7. Pattern matching, case-insensitive matching and a NULL test.
pub fn patterns(seed: u64) -> Query<User, (i64, String)> {
    let prefix = ["A%", "G%"][small(seed, 2) as usize].to_string();
    let domain = "%@ACME.TEST".to_string();
    from!(u in User,
          where: like(u.name, ^prefix) && (ilike(u.email, ^domain) || is_nil(u.email)),
          select: (u.id, u.name))
}

/// 8a. The first half of the composed query: users at least `min_age` old.
pub fn adults(min_age: i32) -> Query<User> {
    from!(u in User, where: u.age >= ^min_age)
}

/// 8b. The second half: a page of any user query, newest ids first.
pub fn newest_page(q: Query<User>, per_page: i64) -> Query<User, (i64, String)> {
    from!(u in q, where: u.org_id != ^0_i64, order_by: [desc: u.id], limit: ^per_page,
          select: (u.id, u.name))
}

/// 8. A query built by two functions, as composition across modules does.
pub fn composed(seed: u64) -> Query<User, (i64, String)> {
    newest_page(adults(18 + small(seed, 3) as i32), 3 + small(seed, 2))
}

/// 9. Arithmetic in the filter and the selection, with `coalesce` over a nullable column.
pub fn arithmetic(seed: u64) -> Query<Post, (i64, i32)> {
    let factor = 2 + small(seed, 2) as i32;
    let floor = 5 + small(seed, 3) as i32;
    let missing = 0_i32;
    from!(p in Post,
          where: coalesce(p.score, ^missing) * ^factor + 1 > ^floor,
          select: (p.id, coalesce(p.score, ^missing) * ^factor - 1))
}

/// 10. A sort on four keys in mixed directions, with a bound filter.
pub fn four_key_order(seed: u64) -> Query<User, (i64, i64, i32, String)> {
    let min_id = small(seed, 2);
    from!(u in User, where: u.id > ^min_id,
          order_by: [asc: u.org_id, desc: u.age, asc: u.name, desc: u.id],
          select: (u.id, u.org_id, u.age, u.name))
}

/// Builds corpus query `index` (0..10, as in [`NAMES`]) from `seed`.
///
/// The queries have different row types; erasing them (a move, no copy) gives a uniform
/// driver one type to render, as a service that stores queries of many shapes has.
pub fn build(index: usize, seed: u64) -> Query<recto::Erased> {
    match index {
        0 => by_id(seed).erase(),
        1 => ten_conditions(seed).erase(),
        2 => join_paging(seed).erase(),
        3 => three_table_left_join(seed).erase(),
        4 => group_having(seed).erase(),
        5 => in_list(seed).erase(),
        6 => patterns(seed).erase(),
        7 => composed(seed).erase(),
        8 => arithmetic(seed).erase(),
        _ => four_key_order(seed).erase(),
    }
}

/// The 10-condition where (query 1) with an eleventh condition on a text of `len` bytes:
/// what `IntoSql` moves rather than clones when the text is long enough.
pub fn ten_conditions_and_text(seed: u64, len: usize) -> Query<recto::Erased> {
    let text = format!("{seed} {}", "x".repeat(len));
    ten_conditions(seed)
        .filter(recto::Expr::binary(
            recto::BinOp::Ne,
            recto::Expr::field(recto::BindingRef::Index(0), "name"),
            recto::Expr::Param(recto::Value::Text(text)),
        ))
        .erase()
}
