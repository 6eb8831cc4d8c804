use recto::prelude::*;

#[derive(Schema)]
#[recto(table = "docs")]
pub struct Doc {
    #[recto(primary_key)]
    pub id: i64,
    pub meta: recto::serde_json::Value,
}

fn main() {
    // Ecto's spelling; recto writes the path in brackets.
    let _ = from!(d in Doc, select: json_extract_path(d.meta, ["a", 0]));
}
