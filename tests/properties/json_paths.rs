//! JSON paths agree with serde_json: a random document (adversarial keys and strings,
//! integers of every size, floats, `null`), stored through recto, and a random path into it
//! (keys it has and keys it lacks, positions inside and past its arrays, steps into
//! scalars) give on every engine the value serde_json finds there, as a document and as
//! `json_text`.

use proptest::prelude::*;
use recto::serde_json::Value as Json;
use recto::{Expr, JsonAs, PathStep, Query, Schema, Select, Selected, Value};

use crate::fixture::TestDb;
use crate::{adversarial_text, dialect, execute, insert, json_document, property, shown};

/// The one row of a case.
#[derive(Schema, Debug, Clone, PartialEq)]
#[recto(table = "json_path_samples")]
struct Sample {
    #[recto(primary_key)]
    id: i64,
    doc: recto::serde_json::Value,
}

async fn create_samples(db: &TestDb) -> Result<(), String> {
    let ddl =
        recto::ddl::create_table(&Sample::META, dialect(&db.repo)).map_err(|e| e.to_string())?;
    execute(&db.repo, ddl).await
}

/// The path `choices` make into `doc`, and what serde_json finds at its end. Each choice
/// mostly follows the document (one of an object's keys, a position inside an array or
/// just past it) and otherwise takes its own key, a small position or a large one, which
/// the value there may not have.
fn path_into(doc: &Json, choices: &[(u8, String)]) -> (Vec<PathStep>, Option<Json>) {
    let mut at = Some(doc);
    let mut path = Vec::new();
    for (pick, key) in choices {
        let pick = usize::from(*pick);
        let step = match at {
            Some(Json::Object(map)) if !map.is_empty() && pick % 4 != 0 => PathStep::Key(
                map.keys()
                    .nth(pick % map.len())
                    .cloned()
                    .unwrap_or_default()
                    .into(),
            ),
            Some(Json::Array(items)) if pick % 4 != 0 => {
                PathStep::Index(i64::try_from(pick % (items.len() + 1)).unwrap_or(0))
            }
            _ if pick % 2 == 0 => PathStep::Key(key.clone().into()),
            // Now and then a position far past any array, up to the largest recto takes.
            _ if pick % 16 == 1 => PathStep::Index([65_536, 2_147_483_647][pick / 16 % 2]),
            _ => PathStep::Index(i64::try_from(pick / 2 % 3).unwrap_or(0)),
        };
        at = match &step {
            PathStep::Key(key) => at.and_then(|v| v.as_object()?.get(key.as_ref())),
            PathStep::Index(n) => at.and_then(|v| v.as_array()?.get(usize::try_from(*n).ok()?)),
            _ => None,
        };
        path.push(step);
    }
    (path, at.cloned())
}

/// Whether a key of `path` begins with `-`.
fn leading_dash(path: &[PathStep]) -> bool {
    path.iter()
        .any(|step| matches!(step, PathStep::Key(key) if key.starts_with('-')))
}

#[test]
fn paths_find_what_serde_json_finds() {
    let case = (
        json_document(3),
        proptest::collection::vec((any::<u8>(), adversarial_text(3)), 0..5),
    );
    property(
        "json_paths::paths_find_what_serde_json_finds",
        96,
        case,
        create_samples,
        async |dbs: &[TestDb], (doc, choices): (Json, Vec<(u8, String)>)| {
            let (path, found) = path_into(&doc, &choices);
            let text = found.as_ref().and_then(Json::as_str).map(str::to_owned);
            let at = |as_| {
                Selected::Expr(Expr::JsonPath {
                    expr: Box::new(Expr::field(recto::BindingRef::Index(0), "doc")),
                    path: path.clone(),
                    as_,
                })
            };
            let query = Query::<Sample>::from_schema()
                .select(Select::Tuple(vec![at(JsonAs::Json), at(JsonAs::Text)]));
            for db in dbs {
                let (name, repo) = (db.name, &db.repo);
                let table = dialect(repo);
                let mut delete = String::from("DELETE FROM ");
                table.push_identifier(&mut delete, &Sample::META.table);
                execute(repo, delete).await?;
                let row = vec![Value::I64(1), Value::Json(doc.clone())];
                repo.execute_sql(&insert(table, &Sample::META, row))
                    .await
                    .map_err(|e| format!("{name}: inserting {doc} failed: {e}"))?;
                let back: Result<(Option<Json>, Option<String>), _> = repo.one(&query).await;
                let back = match back {
                    // docs/dialects.md: MariaDB finds no key that begins with `-`.
                    Err(recto::Error::Unsupported { .. })
                        if repo.engine() == recto::Engine::MySql && leading_dash(&path) =>
                    {
                        continue;
                    }
                    back => back.map_err(|e| {
                        format!("{name} failed: {e}\n  SQL: {}", shown(repo, &query))
                    })?,
                };
                if back != (found.clone(), text.clone()) {
                    return Err(format!(
                        "{name} found {back:?}, not {:?}, at {path:?} of {doc}\n  SQL: {}",
                        (&found, &text),
                        shown(repo, &query)
                    ));
                }
            }
            Ok(())
        },
    );
}
