use recto::chrono::{DateTime, NaiveDate, Utc};
use recto::prelude::*;

#[derive(Schema)]
#[recto(table = "deliveries")]
pub struct Delivery {
    #[recto(primary_key)]
    pub id: i64,
    pub at: DateTime<Utc>,
}

fn main() {
    // A naive timestamp is an instant only in some time zone: convert it first.
    let noon = NaiveDate::from_ymd_opt(2024, 2, 29)
        .unwrap()
        .and_hms_opt(12, 0, 0)
        .unwrap();
    let _ = from!(d in Delivery, where: d.at < ^noon);
}
