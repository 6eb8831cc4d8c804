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
    // A key chosen at run time would have to be bound inside the path text.
    let key = "a";
    let _ = from!(d in Doc, select: d.meta[^key]);
}
