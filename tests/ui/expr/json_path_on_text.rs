use recto::prelude::*;

#[derive(Schema)]
#[recto(table = "docs")]
pub struct Doc {
    #[recto(primary_key)]
    pub id: i64,
    pub meta: recto::serde_json::Value,
    pub name: String,
}

fn main() {
    // A JSON path starts at a JSON document; `name` is text.
    let _ = from!(d in Doc, select: d.name["a"]);
}
