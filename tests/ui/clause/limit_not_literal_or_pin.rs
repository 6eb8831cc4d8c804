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
    let n = 10;
    let _ = from!(u in User, limit: n);
    let _ = from!(u in User, offset: 5 + 5);
}
