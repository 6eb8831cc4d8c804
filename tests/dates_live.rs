//! Date and time functions on every engine, with values reasoned from the fixture
//! (`tests/fixture`): users (id, born) 1 1989-12-10 (a Sunday), 2 1985-03-01 (a Friday),
//! 3 1989-07-04 (a Tuesday), 4 2008-11-30 (a Sunday, in a leap year), 5 1961-02-28 (a
//! Tuesday), 6 1997-01-01 (a Wednesday), with org_id NULL for user 5; posts (id,
//! published_at) 1 2024-01-15 09:30:00, 2 2024-01-15 09:30:00.500, 3 2023-12-31
//! 23:59:59, 4 2025-02-28 00:00:00, 5 2024-06-01 12:00:00.

mod common;
mod fixture;
mod servers;

use fixture::on_every_engine;
use recto::chrono::{DateTime, Months, NaiveDate, NaiveDateTime, TimeDelta, Utc};
use recto::prelude::*;

use common::{Post, User};
use fixture::{at, date};

#[tokio::test]
async fn extract_reads_every_part_of_a_date() {
    on_every_engine(|repo, name| async move {
        let q = from!(u in User, order_by: u.id,
            select: (extract(year, u.born), extract(quarter, u.born), extract(month, u.born),
                     extract(day, u.born), extract(dow, u.born), extract(doy, u.born)));
        let rows = repo.all(q).await.unwrap_or_else(|e| panic!("{name}: {e}"));
        // The day of the week counts from Sunday as 0; the day of the year of 2008-11-30
        // counts February 29th (305 days before November, and 30).
        let expected = [
            (1989, 4, 12, 10, 0, 344),
            (1985, 1, 3, 1, 5, 60),
            (1989, 3, 7, 4, 2, 185),
            (2008, 4, 11, 30, 0, 335),
            (1961, 1, 2, 28, 2, 59),
            (1997, 1, 1, 1, 3, 1),
        ];
        assert_eq!(rows, expected, "{name}");
        let q = from!(u in User, where: extract(month, u.born) == 12, select: u.id);
        assert_eq!(repo.all(q).await.unwrap(), [1], "{name}");
    })
    .await;
}

#[tokio::test]
async fn extract_reads_the_time_of_a_timestamp() {
    on_every_engine(|repo, name| async move {
        let q = from!(p in Post, order_by: p.id,
            select: (extract(year, p.published_at), extract(day, p.published_at),
                     extract(hour, p.published_at), extract(minute, p.published_at),
                     extract(second, p.published_at)));
        let rows = repo.all(q).await.unwrap_or_else(|e| panic!("{name}: {e}"));
        // Post 2's half second is dropped, not rounded; post 3, a second before midnight
        // on New Year's Eve, is still in 2023.
        let expected = [
            (2024, 15, 9, 30, 0),
            (2024, 15, 9, 30, 0),
            (2023, 31, 23, 59, 59),
            (2025, 28, 0, 0, 0),
            (2024, 1, 12, 0, 0),
        ];
        assert_eq!(rows, expected, "{name}");
    })
    .await;
}

#[tokio::test]
async fn extract_of_null_and_of_a_parameter() {
    on_every_engine(|repo, name| async move {
        let (none, leap): (Option<NaiveDate>, NaiveDate) = (None, date(2024, 2, 29));
        let stamp = at(2024, 2, 29, 23, 59, 59, 999);
        let q = from!(u in User, where: u.id == 1,
            select: (extract(year, ^none), extract(doy, ^leap), extract(dow, ^leap),
                     extract(quarter, ^stamp), extract(second, ^stamp)));
        let row = repo.one(q).await.unwrap_or_else(|e| panic!("{name}: {e}"));
        // 2024-02-29 is the 60th day, a Thursday; 59.999 seconds are 59.
        assert_eq!(row, (None, 60, 4, 1, 59), "{name}");
    })
    .await;
}

#[tokio::test]
async fn date_add_clamps_to_the_end_of_the_month() {
    on_every_engine(|repo, name| async move {
        let q = from!(u in User, order_by: u.id, select: date_add(u.born, 3, month));
        let rows = repo.all(q).await.unwrap_or_else(|e| panic!("{name}: {e}"));
        // 2008-11-30 lands on February 30th, which 2009 has not: its last day.
        let expected = [
            date(1990, 3, 10),
            date(1985, 6, 1),
            date(1989, 10, 4),
            date(2009, 2, 28),
            date(1961, 5, 28),
            date(1997, 4, 1),
        ];
        assert_eq!(rows, expected, "{name}");

        let (jan31, feb29, mar31) = (date(2024, 1, 31), date(2024, 2, 29), date(2024, 3, 31));
        let q = from!(u in User, where: u.id == 1,
            select: (date_add(^jan31, 1, month), date_add(^feb29, 1, year),
                     date_add(^mar31, -1, month), date_add(^feb29, -1, year),
                     date_add(^feb29, 4, year), date_add(^jan31, 13, month)));
        let row = repo.one(q).await.unwrap_or_else(|e| panic!("{name}: {e}"));
        assert_eq!(
            row,
            (
                date(2024, 2, 29),
                date(2025, 2, 28),
                date(2024, 2, 29),
                date(2023, 2, 28),
                date(2028, 2, 29),
                date(2025, 2, 28),
            ),
            "{name}"
        );
    })
    .await;
}

#[tokio::test]
async fn date_add_by_days_weeks_and_null() {
    on_every_engine(|repo, name| async move {
        let (n, none): (i64, Option<i64>) = (-1, None);
        let q = from!(u in User, order_by: u.id,
            select: (date_add(u.born, ^n, day), date_add(u.born, 2, week),
                     date_add(u.born, u.org_id, day), date_add(u.born, ^none, year)));
        let rows = repo.all(q).await.unwrap_or_else(|e| panic!("{name}: {e}"));
        // The day before 1985-03-01 is February 28th (1985 is no leap year), the day before
        // 1997-01-01 in 1996; user 5 has no organisation, so a NULL count of days.
        let expected = [
            (
                date(1989, 12, 9),
                date(1989, 12, 24),
                Some(date(1989, 12, 11)),
                None,
            ),
            (
                date(1985, 2, 28),
                date(1985, 3, 15),
                Some(date(1985, 3, 2)),
                None,
            ),
            (
                date(1989, 7, 3),
                date(1989, 7, 18),
                Some(date(1989, 7, 6)),
                None,
            ),
            (
                date(2008, 11, 29),
                date(2008, 12, 14),
                Some(date(2008, 12, 2)),
                None,
            ),
            (date(1961, 2, 27), date(1961, 3, 14), None, None),
            (
                date(1996, 12, 31),
                date(1997, 1, 15),
                Some(date(1997, 1, 4)),
                None,
            ),
        ];
        assert_eq!(rows, expected, "{name}");
        let none: Option<NaiveDate> = None;
        let q = from!(u in User, where: u.id == 1, select: date_add(^none, 1, day));
        assert_eq!(repo.one(q).await.unwrap(), None, "{name}");
        // A moved date compares with a date column: users born less than 18 years before
        // 2026-01-01.
        let day = date(2026, 1, 1);
        let q = from!(u in User, where: date_add(u.born, 18, year) > ^day, select: u.id);
        assert_eq!(repo.all(q).await.unwrap(), [4], "{name}");
    })
    .await;
}

#[tokio::test]
async fn datetime_add_keeps_the_time_and_its_fraction() {
    on_every_engine(|repo, name| async move {
        let q = from!(p in Post, order_by: p.id,
            select: (datetime_add(p.published_at, 1, month),
                     datetime_add(p.published_at, 1, second),
                     datetime_add(p.published_at, -10, hour),
                     datetime_add(p.published_at, 1, year)));
        let rows: Vec<(NaiveDateTime, NaiveDateTime, NaiveDateTime, NaiveDateTime)> =
            repo.all(q).await.unwrap_or_else(|e| panic!("{name}: {e}"));
        let expected = [
            (
                at(2024, 2, 15, 9, 30, 0, 0),
                at(2024, 1, 15, 9, 30, 1, 0),
                at(2024, 1, 14, 23, 30, 0, 0),
                at(2025, 1, 15, 9, 30, 0, 0),
            ),
            (
                at(2024, 2, 15, 9, 30, 0, 500),
                at(2024, 1, 15, 9, 30, 1, 500),
                at(2024, 1, 14, 23, 30, 0, 500),
                at(2025, 1, 15, 9, 30, 0, 500),
            ),
            // A second past the last of 2023 is New Year's midnight; a month after
            // December 31st is January 31st.
            (
                at(2024, 1, 31, 23, 59, 59, 0),
                at(2024, 1, 1, 0, 0, 0, 0),
                at(2023, 12, 31, 13, 59, 59, 0),
                at(2024, 12, 31, 23, 59, 59, 0),
            ),
            (
                at(2025, 3, 28, 0, 0, 0, 0),
                at(2025, 2, 28, 0, 0, 1, 0),
                at(2025, 2, 27, 14, 0, 0, 0),
                at(2026, 2, 28, 0, 0, 0, 0),
            ),
            (
                at(2024, 7, 1, 12, 0, 0, 0),
                at(2024, 6, 1, 12, 0, 1, 0),
                at(2024, 6, 1, 2, 0, 0, 0),
                at(2025, 6, 1, 12, 0, 0, 0),
            ),
        ];
        assert_eq!(rows, expected, "{name}");
        // A timestamp moved by nothing equals the stored one, fraction and all (on SQLite
        // the very text).
        let q = from!(p in Post, where: p.published_at == datetime_add(p.published_at, 0, day)
                && p.published_at == datetime_add(p.published_at, 0, month),
            select: count(p.id));
        assert_eq!(repo.one(q).await.unwrap(), 5, "{name}");
        // A parameter, clamped to February's last day with its time, and a NULL.
        let (stamp, none) = (at(2024, 1, 31, 23, 30, 0, 250), None::<NaiveDateTime>);
        let q = from!(p in Post, where: p.id == 1,
            select: (datetime_add(^stamp, 1, month), datetime_add(^stamp, 2, minute),
                     datetime_add(^none, 1, hour)));
        assert_eq!(
            repo.one(q).await.unwrap_or_else(|e| panic!("{name}: {e}")),
            (
                at(2024, 2, 29, 23, 30, 0, 250),
                at(2024, 1, 31, 23, 32, 0, 250),
                None
            ),
            "{name}"
        );
        // Posts within three hours after post 1, which post 2 is.
        let start = at(2024, 1, 15, 9, 0, 0, 0);
        let q = from!(p in Post, order_by: p.id,
            where: p.published_at >= ^start && p.published_at < datetime_add(^start, 3, hour),
            select: p.id);
        assert_eq!(repo.all(q).await.unwrap(), [1, 2], "{name}");
    })
    .await;
}

#[tokio::test]
async fn ago_and_from_now_are_the_current_utc_time() {
    on_every_engine(|repo, name| async move {
        let before = Utc::now().naive_utc();
        // A unit is a bare word, or a string as Ecto writes it (`"month"`).
        let q = from!(u in User, where: u.id == 1,
            select: (ago(1, day), from_now(2, hour), ago(1, "month"), from_now(0, second)));
        let (day_ago, in_two_hours, month_ago, now) =
            repo.one(q).await.unwrap_or_else(|e| panic!("{name}: {e}"));
        let after = Utc::now().naive_utc();
        // SQLite's clock has milliseconds, so `now` may be up to one below `before`; the
        // engines' clocks are this machine's.
        let slack = TimeDelta::milliseconds(1);
        let within = |value: NaiveDateTime, low: NaiveDateTime, high: NaiveDateTime| {
            assert!(
                low - slack <= value && value <= high + slack,
                "{name}: {value} not in {low} ..= {high}"
            );
        };
        within(now, before, after);
        within(
            day_ago,
            before - TimeDelta::days(1),
            after - TimeDelta::days(1),
        );
        within(
            in_two_hours,
            before + TimeDelta::hours(2),
            after + TimeDelta::hours(2),
        );
        let month = |t: NaiveDateTime| t.checked_sub_months(Months::new(1)).expect("a month");
        within(month_ago, month(before), month(after));
        // Every post is in the past and none in the future; a NULL count is NULL.
        let q = from!(p in Post, where: p.published_at < ago(0, day), select: count(p.id));
        assert_eq!(repo.one(q).await.unwrap(), 5, "{name}");
        let q = from!(p in Post, where: p.published_at > from_now(-1, minute), select: count(p.id));
        assert_eq!(repo.one(q).await.unwrap(), 0, "{name}");
        let none: Option<i64> = None;
        let q =
            from!(u in User, where: u.id == 1, select: (ago(^none, day), from_now(^none, year)));
        assert_eq!(repo.one(q).await.unwrap(), (None, None), "{name}");
    })
    .await;
}

#[tokio::test]
async fn date_diff_counts_days() {
    on_every_engine(|repo, name| async move {
        let july4 = date(1989, 7, 4);
        let q = from!(u in User, order_by: u.id, where: u.id in [1, 3, 4],
            select: (date_diff(u.born, ^july4), date_diff(^july4, u.born)));
        let rows = repo.all(q).await.unwrap_or_else(|e| panic!("{name}: {e}"));
        // 1989-07-04 to 1989-12-10: 27 days left in July, 122 in August to November, and
        // 10. To 2008-11-30: 19 years of 365 days and 5 leap days (1992 to 2008) is 6940
        // days to 2008-07-04, then 27 + 31 + 30 + 31 + 30 = 149.
        let expected = [(159, -159), (0, 0), (7089, -7089)];
        assert_eq!(rows, expected, "{name}");
        let (mar1, feb1, none) = (date(2024, 3, 1), date(2024, 2, 1), None::<NaiveDate>);
        let q = from!(u in User, where: u.id == 1,
            select: (date_diff(^mar1, ^feb1), date_diff(date_add(^feb1, 1, month), ^mar1),
                     date_diff(^none, ^mar1)));
        assert_eq!(
            repo.one(q).await.unwrap_or_else(|e| panic!("{name}: {e}")),
            (29, 0, None),
            "{name}"
        );
    })
    .await;
}

#[tokio::test]
async fn instants_are_read_and_moved_in_utc() {
    on_every_engine(|repo, name| async move {
        // A Wednesday, half an hour before midnight in UTC.
        let instant: DateTime<Utc> = at(2024, 1, 31, 23, 30, 0, 250).and_utc();
        let q = from!(u in User, where: u.id == 1,
            select: (extract(hour, ^instant), extract(day, ^instant), extract(dow, ^instant),
                     datetime_add(^instant, 1, month), datetime_add(^instant, 1, hour),
                     datetime_add(^instant, -1, year)));
        let row = repo.one(q).await.unwrap_or_else(|e| panic!("{name}: {e}"));
        assert_eq!(
            row,
            (
                23,
                31,
                3,
                at(2024, 2, 29, 23, 30, 0, 250).and_utc(),
                at(2024, 2, 1, 0, 30, 0, 250).and_utc(),
                at(2023, 1, 31, 23, 30, 0, 250).and_utc(),
            ),
            "{name}"
        );
        // Moved by nothing, an instant equals itself (on SQLite, the very RFC 3339 text).
        let q = from!(u in User,
            where: datetime_add(^instant, 0, day) == ^instant
                && datetime_add(^instant, 0, month) == ^instant,
            select: count(u.id));
        assert_eq!(repo.one(q).await.unwrap(), 6, "{name}");
    })
    .await;
}
