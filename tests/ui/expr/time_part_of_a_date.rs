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
    // A date has no time of day: neither an hour to read nor to move by.
    let _ = from!(u in User, select: extract(hour, u.born));
    let _ = from!(u in User, select: date_add(u.born, 1, hour));
    // A timestamp has one.
    let _ = from!(u in User, select: (extract(hour, u.seen), datetime_add(u.seen, 1, hour)));
}
