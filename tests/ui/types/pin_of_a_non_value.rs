use recto::prelude::*;

#[derive(Schema)]
#[recto(table = "users")]
pub struct User {
    #[recto(primary_key)]
    pub id: i64,
}

struct Id(i64);

fn main() {
    let id = Id(1);
    let _ = from!(u in User, where: u.id == ^id);
}
