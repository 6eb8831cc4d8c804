//! Every query of the rendering suite (`tests/cases`), run on SQLite, PostgreSQL and MariaDB
//! over the same fixture (`tests/fixture`). Each engine's rows must equal the expected rows,
//! which are reasoned from the fixture's rows (see the comments there), so the engines also
//! agree with each other. `ordered` cases order totally and are compared in order;
//! `unordered` ones as multisets.
//!
//! Each test gets its own database per engine and drops it, so the suite runs in parallel
//! and leaves nothing behind.

mod cases;
mod common;
mod fixture;
mod servers;

use std::fmt::Debug;

use recto::chrono::{NaiveDate, NaiveDateTime};
use recto::{FromRecord, Query};

use cases::{Authorship, Summary};
use common::{Post, User};
use fixture::{at, date};
use recto::row::ByName;

/// Whether a case's rows come in a defined order.
#[derive(Clone, Copy, PartialEq)]
enum Order {
    Ordered,
    Unordered,
}

/// Runs `query` on every engine and compares its rows with `expected`.
async fn check<R>(case: &str, query: Query, order: Order, mut expected: Vec<R>)
where
    R: FromRecord + PartialEq + Debug,
{
    let dbs = fixture::databases().await;
    let mut results = Vec::with_capacity(dbs.len());
    for db in &dbs {
        let sql = db
            .repo
            .to_sql(&query)
            .map(|sql| sql.text)
            .unwrap_or_else(|e| format!("(no SQL: {e})"));
        results.push((db.name, sql, db.repo.all::<R>(&query).await));
    }
    // Drop every test database before asserting, so a failure leaves nothing behind.
    for db in dbs {
        db.drop().await;
    }
    if order == Order::Unordered {
        sort(&mut expected);
    }
    for (engine, sql, rows) in results {
        let mut rows =
            rows.unwrap_or_else(|e| panic!("{case} failed on {engine}: {e}\n  SQL: {sql}"));
        if order == Order::Unordered {
            sort(&mut rows);
        }
        assert_eq!(rows, expected, "{case} on {engine}\n  SQL: {sql}");
    }
}

/// Sorts rows by their debug form: a total order for any row type, floats included.
fn sort<R: Debug>(rows: &mut [R]) {
    rows.sort_by_cached_key(|row| format!("{row:?}"));
}

fn s(text: &str) -> String {
    text.to_owned()
}

/// `case: RowType, ordered|unordered, [rows...];` — one line per case of `tests/cases`.
macro_rules! assert_rows {
    ($($case:ident: $row:ty, $order:ident, [$($expected:expr),* $(,)?];)*) => {$(
        #[tokio::test(flavor = "current_thread")]
        async fn $case() {
            let expected: Vec<$row> = vec![$($expected),*];
            check(stringify!($case), cases::$case(), assert_rows!(@order $order), expected).await;
        }
    )*};
    (@order ordered) => { Order::Ordered };
    (@order unordered) => { Order::Unordered };
}

fn user(
    id: i64,
    name: &str,
    email: Option<&str>,
    age: i32,
    org_id: Option<i64>,
    born: NaiveDate,
) -> User {
    User {
        id,
        name: s(name),
        email: email.map(s),
        age,
        org_id,
        born,
    }
}

fn post(
    id: i64,
    user_id: i64,
    title: &str,
    body: Option<&str>,
    score: f64,
    views: i64,
    published_at: NaiveDateTime,
) -> Post {
    Post {
        id,
        user_id,
        title: s(title),
        body: body.map(s),
        score,
        views,
        published_at,
    }
}

// The fixture, for reasoning (tests/fixture/mod.rs):
//   orgs:  1 Acme (active), 2 Globex (active), 3 Initech (inactive), 4 Umbrella (active, no users)
//   users: 1 Ada ada@acme.test 36 org 1 born 1989-12-10 | 2 Brian NULL 41 org 1 born 1985-03-01
//          3 Zoë zoe@globex.test 36 org 2 born 1989-07-04 | 4 O'Brien NULL 17 org 2 born 2008-11-30
//          5 alice alice@example.test 64 no org born 1961-02-28 | 6 日本 ni"hon@example.test 28 org 3 born 1997-01-01
//   posts: 1 by 1 "Hello" "first" 4.5 3000000000 at 2024-01-15 09:30:00
//          2 by 1 "Notes" NULL 2.0 -5 at 2024-01-15 09:30:00.5
//          3 by 3 "Zoë's post" "ünïcode" 3.0 0 at 2023-12-31 23:59:59
//          4 by 4 "It's \"quoted\"" NULL -1.25 9007199254740993 at 2025-02-28 00:00:00
//          5 by 5 "Tie" "x" 3.0 42 at 2024-06-01 12:00:00
//   tags:  (1, math), (1, poet), (3, ünï)
// Text sorts by code point: "Ada" < "Brian" < "O'Brien" < "Zoë" < "alice" < "日本".
assert_rows! {
    default_select: User, unordered, [
        user(1, "Ada", Some("ada@acme.test"), 36, Some(1), date(1989, 12, 10)),
        user(2, "Brian", None, 41, Some(1), date(1985, 3, 1)),
        user(3, "Zoë", Some("zoe@globex.test"), 36, Some(2), date(1989, 7, 4)),
        user(4, "O'Brien", None, 17, Some(2), date(2008, 11, 30)),
        user(5, "alice", Some("alice@example.test"), 64, None, date(1961, 2, 28)),
        user(6, "日本", Some("ni\"hon@example.test"), 28, Some(3), date(1997, 1, 1)),
    ];
    select_one_field: (String,), unordered, [
        (s("Ada"),), (s("Brian"),), (s("Zoë"),), (s("O'Brien"),), (s("alice"),), (s("日本"),),
    ];
    select_tuple: (i64, String, Option<String>), unordered, [
        (1, s("Ada"), Some(s("ada@acme.test"))),
        (2, s("Brian"), None),
        (3, s("Zoë"), Some(s("zoe@globex.test"))),
        (4, s("O'Brien"), None),
        (5, s("alice"), Some(s("alice@example.test"))),
        (6, s("日本"), Some(s("ni\"hon@example.test"))),
    ];
    // Every post has an existing author; `body` comes from the column `body_text`.
    select_binding_with_mapped_column: Post, unordered, [
        post(1, 1, "Hello", Some("first"), 4.5, 3_000_000_000, at(2024, 1, 15, 9, 30, 0, 0)),
        post(2, 1, "Notes", None, 2.0, -5, at(2024, 1, 15, 9, 30, 0, 500)),
        post(3, 3, "Zoë's post", Some("ünïcode"), 3.0, 0, at(2023, 12, 31, 23, 59, 59, 0)),
        post(4, 4, "It's \"quoted\"", None, -1.25, 9_007_199_254_740_993, at(2025, 2, 28, 0, 0, 0, 0)),
        post(5, 5, "Tie", Some("x"), 3.0, 42, at(2024, 6, 1, 12, 0, 0, 0)),
    ];
    select_struct: ByName<Summary>, unordered, [
        ByName(Summary { id: 1, years: 36 }), ByName(Summary { id: 2, years: 41 }), ByName(Summary { id: 3, years: 36 }),
        ByName(Summary { id: 4, years: 17 }), ByName(Summary { id: 5, years: 64 }), ByName(Summary { id: 6, years: 28 }),
    ];
    // Users 4 to 6 with their posts: O'Brien wrote post 4, alice post 5, 日本 none.
    select_struct_with_bindings: ByName<Authorship>, unordered, [
        ByName(Authorship {
            author: user(4, "O'Brien", None, 17, Some(2), date(2008, 11, 30)),
            post: Some(post(4, 4, "It's \"quoted\"", None, -1.25, 9_007_199_254_740_993, at(2025, 2, 28, 0, 0, 0, 0))),
            title: Some(s("It's \"quoted\"")),
        }),
        ByName(Authorship {
            author: user(5, "alice", Some("alice@example.test"), 64, None, date(1961, 2, 28)),
            post: Some(post(5, 5, "Tie", Some("x"), 3.0, 42, at(2024, 6, 1, 12, 0, 0, 0))),
            title: Some(s("Tie")),
        }),
        ByName(Authorship {
            author: user(6, "日本", Some("ni\"hon@example.test"), 28, Some(3), date(1997, 1, 1)),
            post: None,
            title: None,
        }),
    ];
    // Older than 30: Ada 36, Brian 41, Zoë 36, alice 64.
    schemaless_source: (i64, String), unordered, [
        (1, s("Ada")), (2, s("Brian")), (3, s("Zoë")), (5, s("alice")),
    ];
    quoted_identifiers: (String,), unordered, [(s("it works"),)];
    // 18 or older: all but O'Brien.
    where_param: (i64,), unordered, [(1,), (2,), (3,), (5,), (6,)];
    // Active orgs (all ids are non-zero and names non-empty).
    where_literals: (i64,), unordered, [(1,), (2,), (4,)];
    // Scores above 2.0: 4.5, 3.0, 3.0 (2.0 itself is not above).
    where_float_literal: (i64,), unordered, [(1,), (3,), (5,)];
    // (older than 60 or younger than 18) and with an email: alice; O'Brien has no email.
    where_and_or_where: (i64,), unordered, [(5,)];
    // age + 2 > 2 - 1 holds for everyone; (age + 1) * 2 <= 50 only for age <= 24: O'Brien.
    arithmetic_precedence: (i32,), unordered, [(-17,)];
    // Not strictly between 18 and 65: O'Brien (17); or id 1: Ada. alice (64) is between.
    logic_precedence: (i64,), unordered, [(1,), (4,)];
    in_literal_list: (i64,), unordered, [(1,), (2,), (3,)];
    in_empty_literal_list: (i64,), unordered, [];
    in_param_list: (i64,), unordered, [(1,), (2,), (3,)];
    in_empty_param_list: (i64,), unordered, [];
    // No email (Brian, O'Brien) or in an org (all but alice).
    is_nil_and_not: (i64,), unordered, [(1,), (2,), (3,), (4,), (6,)];
    // "A%" matches Ada; "%a%" in any case matches Ada, Brian and alice.
    like_and_ilike: (String,), unordered, [(s("Ada"),), (s("Brian"),), (s("alice"),)];
    // The email where there is one, else the name.
    coalesce_fields: (String,), unordered, [
        (s("ada@acme.test"),), (s("Brian"),), (s("zoe@globex.test"),), (s("O'Brien"),),
        (s("alice@example.test"),), (s("ni\"hon@example.test"),),
    ];
    // Six users, four emails, five distinct ages (36 twice).
    count_forms: (i64, i64, i64), unordered, [(6, 4, 5)];
    // Ages 36 + 41 + 36 + 17 + 64 + 28 = 222, average 37.0; the greatest name by code point
    // is "日本".
    numeric_aggregates: (Option<i64>, Option<f64>, Option<i32>, Option<String>), unordered, [
        (Some(222), Some(37.0), Some(17), Some(s("日本"))),
    ];
    // Org 1 and org 2 have two users; no org (alice, 64) has one but its oldest is 60 or
    // more; org 3 has one user aged 28.
    group_by_having: (Option<i64>, i64), unordered, [(Some(1), 2), (Some(2), 2), (None, 1)];
    group_by_list: (Option<i64>, i32, i64), unordered, [
        (Some(1), 36, 1), (Some(1), 41, 1), (Some(2), 36, 1), (Some(2), 17, 1), (None, 64, 1), (Some(3), 28, 1),
    ];
    distinct_rows: (i32,), unordered, [(36,), (41,), (17,), (64,), (28,)];
    // Age ascending (17, 28, 36, 36, 41, 64), ties by id descending (Zoë 3 before Ada 1).
    order_by_every_direction: (i64,), ordered, [(4,), (6,), (3,), (1,), (2,), (5,)];
    order_by_bare_expression: (i64,), ordered, [(1,), (2,), (4,), (3,), (5,), (6,)];
    limit_and_offset_literals: (i64,), ordered, [(2,), (3,)];
    // Page 1 of 2 per page: the third and fourth users.
    limit_and_offset_params: (i64,), ordered, [(3,), (4,)];
    offset_without_limit: (i64,), ordered, [(6,)];
    // Emails ascending, then the two users without one: NULL sorts last in ascending order
    // on every engine (docs/dialects.md).
    order_by_nullable_ascending: (i64,), ordered, [(1,), (5,), (6,), (3,), (2,), (4,)];
    // Descending: NULLs first, then emails from the greatest.
    order_by_nullable_descending: (i64,), ordered, [(2,), (4,), (3,), (6,), (5,), (1,)];
    order_by_ties_broken: (i64,), ordered, [(1,), (3,), (5,), (2,), (4,)];
    large_integers: (i64, i64), unordered, [(1, 3_000_000_000), (4, 9_007_199_254_740_993)];
    // Post 2 has negative views; post 4 a negative score.
    negative_numbers: (i64, f64), unordered, [(2, 2.0), (4, -1.25)];
    boolean_false: (String,), unordered, [(s("Initech"),)];
    // Born before 1990: Ada (1989-12-10), Brian (1985), Zoë (1989-07-04), alice (1961).
    dates_compared_with_a_param: (i64, NaiveDate), unordered, [
        (1, date(1989, 12, 10)), (2, date(1985, 3, 1)), (3, date(1989, 7, 4)), (5, date(1961, 2, 28)),
    ];
    // Published in 2024 or later, newest first; post 2 is half a second after post 1.
    timestamps_ordered: (i64, NaiveDateTime), ordered, [
        (4, at(2025, 2, 28, 0, 0, 0, 0)),
        (5, at(2024, 6, 1, 12, 0, 0, 0)),
        (2, at(2024, 1, 15, 9, 30, 0, 500)),
        (1, at(2024, 1, 15, 9, 30, 0, 0)),
    ];
    inner_join_named: (String, String), unordered, [
        (s("Ada"), s("Acme")), (s("Brian"), s("Acme")), (s("Zoë"), s("Globex")),
        (s("O'Brien"), s("Globex")), (s("日本"), s("Initech")),
    ];
    // Brian and 日本 have no posts.
    left_join: (i64, Option<String>), unordered, [
        (1, Some(s("Hello"))), (1, Some(s("Notes"))), (2, None), (3, Some(s("Zoë's post"))),
        (4, Some(s("It's \"quoted\""))), (5, Some(s("Tie"))), (6, None),
    ];
    // Posts scoring above 1.5: all but post 4.
    inner_join_keyword: (i64,), unordered, [(1,), (2,), (3,), (5,)];
    // Posts scoring 3.0 or more: Ada's "Hello", Zoë's post, alice's "Tie".
    positional_bindings_of_a_composed_query: (String, String), unordered, [
        (s("Ada"), s("Hello")), (s("Zoë"), s("Zoë's post")), (s("alice"), s("Tie")),
    ];
    // Users of active orgs: Ada and Brian (Acme), Zoë and O'Brien (Globex).
    named_binding_of_a_composed_query: (String,), unordered, [
        (s("Acme"),), (s("Acme"),), (s("Globex"),), (s("Globex"),),
    ];
    // Adults with their org, if any: alice has none.
    join_on_a_composed_query: (i64, Option<String>), unordered, [
        (1, Some(s("Acme"))), (2, Some(s("Acme"))), (3, Some(s("Globex"))), (5, None), (6, Some(s("Initech"))),
    ];
    schemaless_join: (i64, String), unordered, [(1, s("math")), (1, s("poet")), (3, s("ünï"))];
    // Older than 21.
    root_named_with_as: (i64,), unordered, [(1,), (2,), (3,), (5,), (6,)];
    // Umbrella has no users.
    left_join_without_match: (String,), unordered, [(s("Umbrella"),)];
    // An org without users is a group whose count is zero.
    empty_group_counts_zero: (String, i64), ordered, [
        (s("Acme"), 2), (s("Globex"), 2), (s("Initech"), 1), (s("Umbrella"), 0),
    ];
    // Name starting with "A", 21 or older, in org 1: Ada.
    dynamic_all_fields: (i64,), ordered, [(1,)];
    dynamic_no_fields: (i64,), ordered, [(1,), (2,), (3,), (4,), (5,), (6,)];
    lone_or_where: (i64,), unordered, [(1,)];
    select_literals_and_params: (i64, i32, i64, f64, bool, String), unordered, [
        (1, -7, 9_007_199_254_740_993, 2.0, true, s("tag")),
    ];
    // Age 36 (not 41) and id below 3: Ada; Zoë is 36 but id 3.
    comparison_operators: (i64,), unordered, [(1,)];
    // Ada 36: 36 / 7 = 5, -36 % 7 = -1 (truncating), 36 - -1 = 37; O'Brien 17: 2, -3, 18.
    integer_division_and_remainder: (i64, i32, i32, i32), unordered, [(1, 5, -1, 37), (4, 2, -3, 18)];
    float_division: (i64, f64), unordered, [(1, 2.25), (2, 1.0)];
    // NOT active = FALSE holds for the active orgs.
    not_as_an_operand: (i64,), unordered, [(1,), (2,), (4,)];
    not_in_empty_lists: (i64,), unordered, [(1,), (2,), (3,), (4,), (5,), (6,)];
    // Four of the five names exist; the padding repeats "O'Brien".
    in_param_list_padded: (i64,), unordered, [(1,), (3,), (4,), (6,)];
    // Only alice has no org, so only her `NOT o.active` is NULL.
    is_nil_of_not: (i64,), unordered, [(5,)];
    double_negation: (i32,), unordered, [(17,)];
    // "O'%" matches O'Brien; "_da" matches Ada (one character, then "da").
    like_wildcards_and_quotes: (i64,), unordered, [(1,), (4,)];
    // The greatest body of each user's posts: Ada "first", alice "x", Zoë "ünïcode" (code
    // point order); Brian and 日本 have no posts and O'Brien's has no body, so theirs is NULL,
    // which sorts last.
    order_by_an_aggregate_that_may_be_null: (i64, Option<String>), ordered, [
        (1, Some(s("first"))), (5, Some(s("x"))), (3, Some(s("ünïcode"))), (2, None), (4, None), (6, None),
    ];
    limit_zero: (i64,), ordered, [];
    offset_param_without_limit: (i64,), ordered, [(5,), (6,)];
    // Posts with more than 10 views: 1 (Ada), 4 (O'Brien), 5 (alice).
    join_on_with_params: (i64, i64), unordered, [(1, 1), (4, 4), (5, 5)];
    // Six users times four orgs.
    join_on_true: (i64,), unordered, [(24,)];
    // Posts whose author has an org: alice's "Tie" is left out.
    three_bindings: (String, String), unordered, [
        (s("Acme"), s("Hello")), (s("Acme"), s("Notes")), (s("Globex"), s("Zoë's post")),
        (s("Globex"), s("It's \"quoted\"")),
    ];
    // Users of active orgs (no one is over 100): Acme and Globex with two each, by name.
    every_clause: (String, i64), ordered, [(s("Acme"), 2), (s("Globex"), 2)];
    // Every field of Ada's org, then her name.
    select_a_whole_binding_in_a_tuple: (i64, String, bool, String), unordered, [(1, s("Acme"), true, s("Ada"))];
    // Emails, or "none" for Brian and O'Brien, once each, by code point ("ni" < "no").
    distinct_sorted_by_a_repeated_param_expression: (String,), ordered, [
        (s("ada@acme.test"),), (s("alice@example.test"),), (s("ni\"hon@example.test"),),
        (s("none"),), (s("zoe@globex.test"),),
    ];
    // Ages plus one: 18 (O'Brien), 29 (日本), 37 (Ada, Zoë), 42 (Brian), 65 (alice).
    grouped_by_a_repeated_param_expression: (i32, i64), ordered, [
        (18, 1), (29, 1), (37, 2), (42, 1), (65, 1),
    ];
    // The org, or the user's own id without one: 1 (Ada, Brian), 2 (Zoë, O'Brien), 5
    // (alice), 3 (日本); above 1: 2, 3 and 5.
    having_over_a_grouped_expression: (i64, i64), unordered, [(2, 2), (3, 1), (5, 1)];
    // The NULL group (Brian, O'Brien) and the emails after "b": "ni\"hon..." and "zoe...".
    having_over_a_nullable_grouped_column: (Option<String>, i64), unordered, [
        (None, 2), (Some(s("ni\"hon@example.test")), 1), (Some(s("zoe@globex.test")), 1),
    ];
    // Older than 35: Ada 36, Brian 41, Zoë 36, alice 64.
    having_over_a_column_of_a_grouped_key: (i64, String), unordered, [
        (1, s("Ada")), (2, s("Brian")), (3, s("Zoë")), (5, s("alice")),
    ];
    // One group, the whole table, whatever its rows.
    having_alone_is_one_group: (i32,), unordered, [(1,)];
    having_alone_over_no_rows: (i32,), unordered, [(1,)];
    having_alone_false: (i32,), unordered, [];
    // Every post is its own (published_at, user_id) group, so each average is its score:
    // -1.25 (post 4 by 4), 2.0 (post 2 by 1), 3.0 (posts 3 by 3 and 5 by 5), 4.5 (post 1 by 1).
    distinct_grouped_sorted_by_an_average: (i64, Option<f64>), ordered, [
        (4, Some(-1.25)), (1, Some(2.0)), (3, Some(3.0)), (5, Some(3.0)), (1, Some(4.5)),
    ];
    // DISTINCT of a constant is one row; the offset skips it.
    distinct_constant_with_an_offset: (i32,), ordered, [];
    distinct_constant_without_an_offset: (i32,), ordered, [(5,)];
    // Older than 35: Ada 36, Brian 41, Zoë 36, alice 64.
    having_over_an_unselected_column_of_a_grouped_key: (i64,), unordered, [(1,), (2,), (3,), (5,)];
    // Users with an org, one group each (names differ): Ada and Brian of Acme, Zoë and
    // O'Brien of Globex, 日本 of Initech; after "B" (code points): Brian, Zoë, O'Brien, 日本.
    having_over_grouped_columns_of_two_tables: (String,), unordered, [
        (s("Acme"),), (s("Globex"),), (s("Globex"),), (s("Initech"),),
    ];
    // The five users with an org, one group each; Brian (2) is left out.
    having_over_grouped_keys_of_two_tables: (i64,), unordered, [(1,), (1,), (1,), (1,)];
    // Acme and Globex are active, Initech not; alice has no org, so `false`.
    coalesce_of_booleans: (i64, bool), unordered, [
        (1, true), (2, true), (3, true), (4, true), (5, false), (6, false),
    ];
    coalesce_of_a_boolean_and_a_null_boolean: (i64, Option<bool>), unordered, [
        (1, Some(true)), (2, Some(true)), (3, Some(true)), (4, Some(true)), (5, None), (6, Some(false)),
    ];
    // Ada 36 and Brian 41, plus three, and their ages as `i64`.
    small_i64_literals_are_64_bit: (i64, i64, i64), unordered, [(1, 39, 36), (2, 44, 41)];
    // Ages 36 (Ada 1, Zoë 3: 2.0), 41 (Brian 2: 2.0), 17 (4), 64 (5), 28 (6).
    distinct_averages_of_groups: (f64,), unordered, [(2.0,), (4.0,), (5.0,), (6.0,)];
    // Groups (org, age): (1, 36), (1, 41), (2, 36), (2, 17), (none, 64), (3, 28): 36 twice.
    distinct_averages_of_groups_with_two_keys: (f64,), unordered, [
        (17.0,), (28.0,), (36.0,), (41.0,), (64.0,),
    ];
    // Six users: one group of six.
    having_an_aggregate_without_group_by: (i32,), unordered, [(0,)];
    // No user past id 100: still one group, of none.
    having_an_aggregate_over_no_rows: (i32,), unordered, [(0,)];
    order_by_an_aggregate_without_group_by: (i32,), unordered, [(0,)];
}
