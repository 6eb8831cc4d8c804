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
    // `name` is text, not a date.
    let _ = from!(u in User, select: date_add(u.name, 1, month));
    let _ = from!(u in User, select: extract(year, u.name));
    // A date is not a timestamp.
    let _ = from!(u in User, select: datetime_add(u.born, 1, hour));
    // An amount is a whole number.
    let _ = from!(u in User, select: date_add(u.born, u.name, day));
}
