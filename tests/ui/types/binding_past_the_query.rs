use recto::prelude::*;

#[derive(Schema)]
#[recto(table = "users")]
pub struct User {
    #[recto(primary_key)]
    pub id: i64,
    pub age: i32,
}

fn main() {
    let adults = from!(u in User, where: u.age >= 18);
    let _ = from!([u, p] in adults, where: p.id > 1);
}
