//! Engine bugs recto writes around, pinned as each engine answers the plain SQL (so a fixed
//! engine shows up here), and limits that depend on the whole statement.

use super::*;

/// Four rows, each its own group of `(id, flag)`: ids 1 to 4, `flag` false, true, false,
/// true and `ratio` 0.5, 0.25, 0.5, -1, so the distinct `(flag, ratio)` are three.
fn grouped_rows() -> Vec<Number> {
    let mut rows: Vec<Number> = (1..=4).map(|id| row(id, None)).collect();
    for (row, ratio) in rows.iter_mut().zip([0.5, 0.25, 0.5, -1.0]) {
        row.ratio = ratio;
        row.flag = row.id % 2 == 0;
    }
    rows
}

/// MariaDB 10.11 returns one row for a grouped `DISTINCT` sorted by an expression over an
/// `avg` it selects — the `avg(x) IS NULL, avg(x)` that places NULLs — where the other
/// engines return every distinct row; it also keeps the one row of a `DISTINCT` over
/// constants past an `OFFSET`. recto sorts and skips outside the `DISTINCT`, in a derived
/// table, on MySQL, and gets every engine's right answer.
#[tokio::test]
async fn mariadb_loses_rows_of_a_distinct_sorted_or_skipped_inside_it() {
    on_every_engine(
        Kind::create_table,
        &grouped_rows(),
        |kind, repo, t| async move {
            let name = kind.name();
            // PostgreSQL sorts a `DISTINCT` only by selected expressions, and places NULLs
            // itself.
            let nulls_last = match kind {
                Kind::Postgres => "avg(ratio) NULLS LAST",
                _ => "avg(ratio) IS NULL, avg(ratio)",
            };
            let plain = RawSql::new(sqlx::AssertSqlSafe(format!(
                "SELECT DISTINCT flag, avg(ratio) FROM {t} GROUP BY id, flag ORDER BY {nulls_last}"
            )));
            let rows: Vec<(bool, Option<f64>)> = repo.all_sql(&plain).await.unwrap();
            let expected_plain = if kind == Kind::MySql { 1 } else { 3 };
            assert_eq!(rows.len(), expected_plain, "{name}: {rows:?}");

            let q = from!(n in numbers(&t), group_by: [n.id, n.flag], distinct: true,
                      order_by: [asc: avg(n.ratio), asc: n.flag],
                      select: (n.flag, avg(n.ratio)));
            let rows: Vec<(bool, Option<f64>)> =
                repo.all(&q).await.unwrap_or_else(|e| panic!("{name}: {e}"));
            let expected = [(true, Some(-1.0)), (true, Some(0.25)), (false, Some(0.5))];
            assert_eq!(rows, expected, "{name}");

            let plain = RawSql::new(sqlx::AssertSqlSafe(format!(
                "SELECT DISTINCT 5 FROM {t} LIMIT 10 OFFSET 1"
            )));
            let rows: Vec<i32> = repo.all_sql(&plain).await.unwrap();
            let expected_plain = if kind == Kind::MySql { 1 } else { 0 };
            assert_eq!(rows.len(), expected_plain, "{name}: {rows:?}");

            let five = 5;
            let q = from!(n in numbers(&t), distinct: true, select: ^five, offset: 1);
            let rows: Vec<i32> = repo.all(&q).await.unwrap_or_else(|e| panic!("{name}: {e}"));
            assert_eq!(rows, Vec::<i32>::new(), "{name}");
        },
    )
    .await;
}

/// Four rows in three groups of `n` (1, 2, 3, 1) whose `ratio` averages are 0.5, 0.5 and
/// 0.25: two distinct averages. MariaDB 10.11 keeps both 0.5s of `SELECT DISTINCT avg(..)
/// ... GROUP BY n` (`count(*)` there deduplicates); recto applies the `DISTINCT` outside
/// the groups on MySQL and gets every engine's answer.
#[tokio::test]
async fn mariadb_keeps_duplicates_of_a_grouped_distinct() {
    let mut rows: Vec<Number> = (1..=4).map(|id| row(id, None)).collect();
    for (row, (n, ratio)) in rows
        .iter_mut()
        .zip([(1, 0.5), (2, 0.5), (3, 0.25), (1, 0.5)])
    {
        (row.n, row.ratio) = (n, ratio);
    }
    on_every_engine(Kind::create_table, &rows, |kind, repo, t| async move {
        let name = kind.name();
        let plain = RawSql::new(sqlx::AssertSqlSafe(format!(
            "SELECT DISTINCT avg(ratio) FROM {t} GROUP BY n"
        )));
        let rows: Vec<f64> = repo.all_sql(&plain).await.unwrap();
        let expected_plain = if kind == Kind::MySql { 3 } else { 2 };
        assert_eq!(rows.len(), expected_plain, "{name}: {rows:?}");

        let q = from!(n in numbers(&t), group_by: n.n, distinct: true, select: avg(n.ratio));
        let mut rows: Vec<Option<f64>> =
            repo.all(&q).await.unwrap_or_else(|e| panic!("{name}: {e}"));
        rows.sort_by(|a, b| a.partial_cmp(b).expect("no NaN"));
        assert_eq!(rows, [Some(0.25), Some(0.5)], "{name}");
    })
    .await;
}

/// An `in ^list` of 31,000 ids with 1,100 more parameters: padded, the list would take
/// SQLite past its 32,766 parameters, so it is bound unpadded there (32,100 parameters)
/// and every engine runs it.
#[tokio::test]
async fn a_long_list_with_other_parameters_runs_unpadded_within_the_limit() {
    on_every_engine(
        Kind::create_table,
        &grouped_rows(),
        |kind, repo, t| async move {
            let name = kind.name();
            let ids: Vec<i64> = (2..31_002).collect();
            let labels: Vec<String> = (0..1_100).map(|n| format!("l{n}")).collect();
            let q = from!(n in numbers(&t), where: n.id in ^ids || n.label in ^labels,
                      order_by: n.id, select: n.id);
            let sql = repo.to_sql(&q).unwrap();
            let expected_params = match kind {
                Kind::Postgres => 2,
                Kind::MySql => 31_744 + 2_048,
                Kind::Sqlite => 32_100,
            };
            assert_eq!(sql.params.len(), expected_params, "{name}");
            let rows: Vec<i64> = repo.all(&q).await.unwrap_or_else(|e| panic!("{name}: {e}"));
            assert_eq!(ids_of(rows), [2, 3, 4], "{name}");
        },
    )
    .await;
}

fn ids_of(rows: Vec<i64>) -> Vec<i64> {
    rows
}

/// A position of a value that is no array: PostgreSQL's `jsonb -> 0` of a scalar and
/// MariaDB's `$[0]` of anything (autowrapping) give the value itself, where SQLite finds
/// nothing; MariaDB 10.11 finds no key that begins with `-`, quoted or not; and MariaDB
/// and SQLite read a position past 32 bits wrapped (`$[4294967296]` is `$[0]`). recto's paths find nothing in
/// the first case on every engine (docs/dialects.md, "JSON path"), refuse the second on
/// MySQL, and refuse positions above 2147483647 everywhere.
#[tokio::test]
async fn json_positions_of_scalars_and_keys_beginning_with_a_dash() {
    on_every_engine(
        Kind::create_table,
        &grouped_rows(),
        |kind, repo, _t| async move {
            let name = kind.name();
            let (scalar, dash, wrapped) = match kind {
                Kind::Postgres => (
                    "SELECT CAST(CAST('5' AS jsonb) -> 0 AS text)",
                    r#"SELECT CAST(CAST('{"-a": 1}' AS jsonb) -> '-a' AS text)"#,
                    "SELECT CAST(jsonb_path_query_first('[10, 11]', 'strict $[4294967296]', \
                     '{}', true) AS text)",
                ),
                Kind::MySql => (
                    "SELECT JSON_EXTRACT('5', '$[0]')",
                    r#"SELECT JSON_EXTRACT('{"-a": 1}', '$."-a"')"#,
                    "SELECT JSON_EXTRACT('[10, 11]', '$[4294967296]')",
                ),
                Kind::Sqlite => (
                    "SELECT '5' -> '$[0]'",
                    r#"SELECT '{"-a": 1}' -> '$."-a"'"#,
                    "SELECT '[10, 11]' -> '$[4294967296]'",
                ),
            };
            let plain = |sql: &'static str| RawSql::new(sqlx::AssertSqlSafe(sql));
            let rows: Vec<Option<String>> = repo.all_sql(&plain(scalar)).await.unwrap();
            let expected = match kind {
                Kind::Sqlite => None,
                _ => Some("5".to_owned()),
            };
            assert_eq!(rows, [expected], "{name}");
            let rows: Vec<Option<String>> = repo.all_sql(&plain(dash)).await.unwrap();
            let expected = match kind {
                Kind::MySql => None,
                _ => Some("1".to_owned()),
            };
            assert_eq!(rows, [expected], "{name}");
            let rows: Vec<Option<String>> = repo.all_sql(&plain(wrapped)).await.unwrap();
            let expected = match kind {
                Kind::Postgres => None,
                _ => Some("10".to_owned()),
            };
            assert_eq!(rows, [expected], "{name}");
        },
    )
    .await;
}
