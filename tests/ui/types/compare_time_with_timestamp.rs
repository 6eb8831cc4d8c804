use recto::chrono::{NaiveDate, NaiveTime};
use recto::prelude::*;

#[derive(Schema)]
#[recto(table = "shifts")]
pub struct Shift {
    #[recto(primary_key)]
    pub id: i64,
    pub starts: NaiveTime,
}

fn main() {
    // A time of day is not a timestamp: the engines would compare them each their own way.
    let noon = NaiveDate::from_ymd_opt(2024, 2, 29)
        .unwrap()
        .and_hms_opt(12, 0, 0)
        .unwrap();
    let _ = from!(s in Shift, where: s.starts < ^noon);
}
