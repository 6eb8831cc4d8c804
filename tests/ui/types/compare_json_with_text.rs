use recto::prelude::*;

#[derive(Schema)]
#[recto(table = "events")]
pub struct Event {
    #[recto(primary_key)]
    pub id: i64,
    pub meta: recto::serde_json::Value,
}

fn main() {
    // A document is `jsonb` on PostgreSQL and canonical text elsewhere: compare it with a
    // `serde_json::Value`, not with its text.
    let text = String::from(r#"{"a":1}"#);
    let _ = from!(e in Event, where: e.meta == ^text);
}
