use recto::prelude::*;

#[derive(Schema)]
#[recto(table = "users")]
pub struct User {
    #[recto(primary_key)]
    pub id: i64,
    pub name: String,
}

fn main() {
    let _ = from!(u in User, select: substring(u.name));
    let _ = from!(u in User, select: concat(u.name));
    let _ = from!(u in User, select: lower(u.name, u.name));
}
