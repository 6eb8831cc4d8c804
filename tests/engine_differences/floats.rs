//! NaN and infinities: every engine compares with them, MariaDB cannot compute with them.

use super::*;

/// Whether `rows` is the typed rejection of a non-finite float in arithmetic.
fn rejected<T: std::fmt::Debug>(rows: &Result<T, Error>) -> bool {
    matches!(rows, Err(Error::Unsupported { .. }))
}

/// Runs the plain SQL `sql` with `value` bound: MariaDB fails it with "DOUBLE value is out
/// of range", the others select the ids `expected`.
async fn out_of_range_on_mysql(kind: Kind, repo: &Repo, sql: String, value: f64, expected: &[i64]) {
    let name = kind.name();
    let plain = RawSql::new(sqlx::AssertSqlSafe(sql)).bind(value);
    let rows = repo.all_sql::<i64>(&plain).await;
    match kind {
        Kind::MySql => {
            let error = rows.unwrap_err().to_string();
            assert!(error.contains("out of range"), "{name}: {error}");
        }
        _ => assert_eq!(ids(rows.unwrap()), expected, "{name}"),
    }
}

/// The ratios of `number_rows` are 0.5, 0.25 and -1. Every one is below infinity and none
/// is minus infinity, on every engine; plus infinity, every one is above 0 on PostgreSQL and
/// SQLite, while MariaDB fails the plain SQL with 1690 "DOUBLE value is out of range".
/// recto rejects that arithmetic on MySQL before any SQL, and so an infinity compared equal
/// to a float column in a statement that computes, which MariaDB propagates into the
/// arithmetic on that column.
#[tokio::test]
async fn non_finite_floats_compare_everywhere_and_compute_except_on_mysql() {
    on_every_engine(
        Kind::create_table,
        &number_rows(),
        |kind, repo, t| async move {
            let name = kind.name();
            let (inf, minus_inf) = (f64::INFINITY, f64::NEG_INFINITY);

            let q = from!(n in numbers(&t), where: n.ratio < ^inf, order_by: n.id, select: n.id);
            let rows = repo.all::<i64>(&q).await;
            assert_eq!(ids(rows.unwrap()), [1, 2, 3], "{name}");

            let plain = format!("SELECT id FROM {t} WHERE ratio + $1 > 0 ORDER BY id");
            out_of_range_on_mysql(kind, &repo, plain, inf, &[1, 2, 3]).await;

            let q = from!(n in numbers(&t), where: n.ratio + ^inf > 0.0, order_by: n.id,
                          select: n.id);
            let rows = repo.all::<i64>(&q).await;
            match kind {
                Kind::MySql => assert!(rejected(&rows), "{name}: {rows:?}"),
                _ => assert_eq!(ids(rows.unwrap()), [1, 2, 3], "{name}"),
            }

            let plain = format!("SELECT id FROM {t} WHERE ratio = $1 AND -ratio + 9 < ratio");
            out_of_range_on_mysql(kind, &repo, plain, minus_inf, &[]).await;

            let q = from!(n in numbers(&t),
                          where: n.ratio == ^minus_inf && -n.ratio + 9.0 < n.ratio,
                          select: n.id);
            let rows = repo.all::<i64>(&q).await;
            match kind {
                Kind::MySql => assert!(rejected(&rows), "{name}: {rows:?}"),
                _ => assert_eq!(ids(rows.unwrap()), Vec::<i64>::new(), "{name}"),
            }

            // Without arithmetic, the same equality runs everywhere.
            let q = from!(n in numbers(&t), where: n.ratio == ^minus_inf, select: n.id);
            let rows = repo.all::<i64>(&q).await;
            assert_eq!(ids(rows.unwrap()), Vec::<i64>::new(), "{name}");
        },
    )
    .await;
}
