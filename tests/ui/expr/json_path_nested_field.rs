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
    // A document's keys are written in brackets.
    let _ = from!(d in Doc, select: d.meta.a);
}
