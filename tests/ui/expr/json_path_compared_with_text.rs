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
    // A path is a JSON document: its string's text is `json_text(..)`.
    let _ = from!(d in Doc, where: d.meta["name"] == "Ada", select: d.id);
}
