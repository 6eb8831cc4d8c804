use recto::prelude::*;
use recto::serde_json::json;

#[derive(Schema)]
#[recto(table = "events")]
pub struct Event {
    #[recto(primary_key)]
    pub id: i64,
    pub meta: recto::serde_json::Value,
}

fn main() {
    // The engines order documents differently: `<` does not apply to them.
    let _ = from!(e in Event, where: e.meta < ^json!({"a": 1}));
}
