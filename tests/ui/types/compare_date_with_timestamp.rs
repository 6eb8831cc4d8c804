use recto::chrono::{NaiveDate, NaiveDateTime};
use recto::prelude::*;

#[derive(Schema)]
#[recto(table = "events")]
pub struct Event {
    #[recto(primary_key)]
    pub id: i64,
    pub day: NaiveDate,
    pub at: NaiveDateTime,
}

fn main() {
    // A DATE and a TIMESTAMP compare differently on each engine: cast one side instead.
    let noon = NaiveDate::from_ymd_opt(2024, 2, 29)
        .unwrap()
        .and_hms_opt(12, 0, 0)
        .unwrap();
    let _ = from!(e in Event, where: e.day < ^noon);
}
