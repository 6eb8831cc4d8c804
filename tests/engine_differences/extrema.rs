//! `min` and `max` of types PostgreSQL has no `min`/`max` for: bytes, and fields of a
//! schemaless binding, whose type the plan cannot tell (a boolean there is neither known to
//! need `bool_and` nor allowed in `min`). recto writes `(array_agg(x ORDER BY x ...))[1]` on
//! PostgreSQL; MariaDB and SQLite order bytes the same way (memcmp, a prefix first).

use super::*;

/// [`Number`]'s table with a nullable bytes column `bin`.
fn with_bytes(kind: Kind, table: &str) -> String {
    let bytes = match kind {
        Kind::Postgres => "BYTEA",
        Kind::MySql => "LONGBLOB",
        Kind::Sqlite => "BLOB",
    };
    let base = Kind::create_table(kind, table);
    let columns = base.strip_suffix(')').expect("CREATE TABLE ends with `)`");
    format!("{columns}, bin {bytes})")
}

/// The bytes table read through a schema that knows `bin` is bytes.
#[derive(Schema, Debug, Clone, PartialEq)]
#[recto(table = "blobs")]
struct Blob {
    #[recto(primary_key)]
    id: i64,
    maybe: Option<i32>,
    bin: Option<Vec<u8>>,
}

fn blobs(table: &str) -> Query<Blob> {
    let mut query = Query::<Blob>::from_schema();
    if let Source::Schema(meta) = &mut query.data_mut().from.source {
        meta.table = table.to_owned().into();
    }
    query
}

/// Groups by `maybe`: 1 holds `01` and `01 00` (a prefix sorts first), 2 holds `ff`, the
/// empty string and NULL (the empty string is the least value, not NULL), 3 only NULL.
#[tokio::test]
async fn min_and_max_of_bytes_order_them_bytewise() {
    let mut rows: Vec<Number> = (1..=6).map(|id| row(id, None)).collect();
    for (row, maybe) in rows.iter_mut().zip([1, 1, 2, 2, 2, 3]) {
        row.maybe = Some(maybe);
    }
    on_every_engine(with_bytes, &rows, |kind, repo, t| async move {
        let name = kind.name();
        let bins: [Option<&[u8]>; 6] = [
            Some(&[1]),
            Some(&[1, 0]),
            Some(&[0xff]),
            Some(&[]),
            None,
            None,
        ];
        for (id, bin) in (1i64..).zip(bins) {
            let update = RawSql::new(sqlx::AssertSqlSafe(format!(
                "UPDATE {t} SET bin = $1 WHERE id = $2"
            )))
            .bind(bin.map(<[u8]>::to_vec))
            .bind(id);
            repo.execute_sql(&update).await.unwrap();
        }

        let q = from!(b in blobs(&t), group_by: b.maybe, order_by: b.maybe,
                      select: (b.maybe, min(b.bin), max(b.bin)));
        type Row = (Option<i32>, Option<Vec<u8>>, Option<Vec<u8>>);
        let got: Vec<Row> = repo.all(&q).await.unwrap_or_else(|e| panic!("{name}: {e}"));
        let expected: Vec<Row> = vec![
            (Some(1), Some(vec![1]), Some(vec![1, 0])),
            (Some(2), Some(vec![]), Some(vec![0xff])),
            (Some(3), None, None),
        ];
        assert_eq!(got, expected, "{name}");

        let none = from!(b in blobs(&t), where: b.id > 99, select: (min(b.bin), max(b.bin)));
        let got: (Option<Vec<u8>>, Option<Vec<u8>>) = repo.one(&none).await.unwrap();
        assert_eq!(got, (None, None), "{name}");
    })
    .await;
}

/// Schemaless fields: a boolean, an integer and a nullable integer, over the table and per
/// group (the `false` group's `maybe` is all NULL).
#[tokio::test]
async fn min_and_max_of_schemaless_fields_keep_their_type() {
    let mut rows: Vec<Number> = (1..=4).map(|id| row(id, None)).collect();
    for (row, (flag, n, maybe)) in rows.iter_mut().zip([
        (true, 5, Some(2)),
        (false, -3, None),
        (true, 7, Some(9)),
        (false, 0, None),
    ]) {
        (row.flag, row.n, row.maybe) = (flag, n, maybe);
    }
    on_every_engine(Kind::create_table, &rows, |kind, repo, t| async move {
        let name = kind.name();
        let q = from!(x in Query::table(t.clone()),
                      select: (min(x["flag"]), max(x["flag"]), min(x["n"]), max(x["n"]),
                               min(x["maybe"]), max(x["maybe"])));
        type Row = (
            Option<bool>,
            Option<bool>,
            Option<i32>,
            Option<i32>,
            Option<i32>,
            Option<i32>,
        );
        let got: Row = repo.one(&q).await.unwrap_or_else(|e| panic!("{name}: {e}"));
        assert_eq!(
            got,
            (Some(false), Some(true), Some(-3), Some(7), Some(2), Some(9)),
            "{name}"
        );

        let grouped = from!(x in Query::table(t.clone()), group_by: x["flag"],
                            order_by: x["flag"],
                            select: (x["flag"], min(x["maybe"]), max(x["n"])));
        let got: Vec<(bool, Option<i32>, Option<i32>)> = repo
            .all(&grouped)
            .await
            .unwrap_or_else(|e| panic!("{name}: {e}"));
        assert_eq!(
            got,
            [(false, None, Some(0)), (true, Some(2), Some(7))],
            "{name}"
        );
    })
    .await;
}
