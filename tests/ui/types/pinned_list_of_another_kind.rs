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
    let names = vec!["Ann".to_owned()];
    let _ = from!(u in User, where: u.id in ^names);
    let adults = from!(u in User, where: u.age >= 18);
    let min = "18";
    let _ = from!(u in adults, where: u.age >= ^min);
}
