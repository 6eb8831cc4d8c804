use recto::prelude::*;

#[derive(Schema)]
#[recto(table = "tokens")]
pub struct Token {
    #[recto(primary_key)]
    pub id: recto::uuid::Uuid,
}

fn main() {
    // A UUID is bytes on MySQL and SQLite and its own type on PostgreSQL: compare it with a
    // `Uuid`, not with its text.
    let text = String::from("00000000-0000-0000-0000-000000000000");
    let _ = from!(t in Token, where: t.id == ^text);
}
