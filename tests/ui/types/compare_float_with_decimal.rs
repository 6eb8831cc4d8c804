use recto::prelude::*;
use recto::rust_decimal::Decimal;

#[derive(Schema)]
#[recto(table = "prices")]
pub struct Price {
    #[recto(primary_key)]
    pub id: i64,
    pub weight: f64,
    #[recto(decimal(15, 2))]
    pub amount: Decimal,
}

fn main() {
    // A float compared with an exact decimal would be compared as doubles: compare decimals
    // with decimals (or integers).
    let limit = Decimal::new(1050, 2);
    let _ = from!(p in Price, where: p.weight == ^limit);
}
