use recto::prelude::*;

#[derive(Schema)]
#[recto(table = "users")]
pub struct User {
    #[recto(primary_key)]
    pub id: i64,
    pub name: String,
    pub age: i32,
}

fn main() {
    let _ = from!(u in User, where: (u.id,) == (1,), select: u.id);
}
