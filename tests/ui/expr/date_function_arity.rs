use recto::chrono::{NaiveDate, NaiveDateTime};
use recto::prelude::*;

#[derive(Schema)]
#[recto(table = "users")]
pub struct User {
    #[recto(primary_key)]
    pub id: i64,
    pub name: String,
    pub born: NaiveDate,
    pub seen: NaiveDateTime,
}

fn main() {
    let _ = from!(u in User, select: date_add(u.born, 1));
    let _ = from!(u in User, select: ago(1));
    let _ = from!(u in User, select: date_diff(u.born));
}
