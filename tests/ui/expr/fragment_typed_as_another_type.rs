use recto::prelude::*;

#[derive(Schema)]
#[recto(table = "users")]
pub struct User {
    #[recto(primary_key)]
    pub id: i64,
    pub name: String,
}

fn main() {
    let _ = from!(u in User, select: fragment::<u8>("?", u.id));
    let _ = from!(u in User, where: fragment::<i64>("?", u.id));
}
