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
    let base = from!(u in User).erase();
    let _ = from!(u in base, where: u.age > 18);
}
