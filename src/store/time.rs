//! Timestamps: Unix seconds in the database, RFC 3339 (UTC) in exports, "3 d ago" on screen.

use std::time::{SystemTime, UNIX_EPOCH};

/// Now, in nanoseconds since the epoch, as file times are kept.
pub fn now_nanos() -> i64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| i64::try_from(d.as_nanos()).unwrap_or(i64::MAX))
}

pub fn now() -> i64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| i64::try_from(d.as_secs()).unwrap_or(i64::MAX))
}

/// Days since 1970-01-01 to (year, month, day), proleptic Gregorian.
fn civil(days: i64) -> (i64, u32, u32) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let month = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    let year = yoe + era * 400 + i64::from(month <= 2);
    (year, month, day)
}

/// (year, month, day) to days since 1970-01-01.
fn days_from_civil(year: i64, month: u32, day: u32) -> i64 {
    let year = year - i64::from(month <= 2);
    let era = year.div_euclid(400);
    let yoe = year.rem_euclid(400);
    let month = i64::from(month);
    let doy = (153 * (if month > 2 { month - 3 } else { month + 9 }) + 2) / 5 + i64::from(day) - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// `2026-11-25T21:55:10Z`.
pub fn rfc3339(secs: i64) -> String {
    let (year, month, day) = civil(secs.div_euclid(86_400));
    let s = secs.rem_euclid(86_400);
    format!(
        "{year:04}-{month:02}-{day:02}T{:02}:{:02}:{:02}Z",
        s / 3600,
        s / 60 % 60,
        s % 60
    )
}

/// `2026-11-25`.
pub fn date(secs: i64) -> String {
    rfc3339(secs)[..10].to_owned()
}

/// `Tue 2 Dec 09:12` (UTC): when something was, in a line a person reads.
pub fn weekday_date_time(secs: i64) -> String {
    const DAYS: [&str; 7] = ["Thu", "Fri", "Sat", "Sun", "Mon", "Tue", "Wed"];
    const MONTHS: [&str; 12] = [
        "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
    ];
    let days = secs.div_euclid(86_400);
    let (_, month, day) = civil(days);
    let s = secs.rem_euclid(86_400);
    format!(
        "{} {day} {} {:02}:{:02}",
        DAYS[days.rem_euclid(7) as usize],
        MONTHS[(month - 1) as usize],
        s / 3600,
        s / 60 % 60
    )
}

/// Reads what [`rfc3339`] writes (a `Z` or `+00:00` zone; fractions of a second ignored).
pub fn parse_rfc3339(text: &str) -> Option<i64> {
    let text = text.trim();
    let num = |range: std::ops::Range<usize>| text.get(range)?.parse::<i64>().ok();
    if text.len() < 19 || &text[4..5] != "-" || &text[10..11] != "T" {
        return None;
    }
    let (year, month, day) = (num(0..4)?, num(5..7)?, num(8..10)?);
    let (hour, minute, second) = (num(11..13)?, num(14..16)?, num(17..19)?);
    if !(1..=12).contains(&month) || !(1..=31).contains(&day) || hour > 23 || minute > 59 {
        return None;
    }
    let days = days_from_civil(year, month as u32, day as u32);
    Some(days * 86_400 + hour * 3600 + minute * 60 + second.min(60))
}

/// How long ago, as people say it: `just now`, `5 min ago`, `3 h ago`, `2 d ago`, then the date.
pub fn ago(now: i64, then: i64) -> String {
    let secs = now - then;
    match secs {
        i64::MIN..=59 => "just now".to_owned(),
        60..=3599 => format!("{} min ago", secs / 60),
        3600..=86_399 => format!("{} h ago", secs / 3600),
        86_400..=604_799 => format!("{} d ago", secs / 86_400),
        _ => date(then),
    }
}

/// A file's date as a list shows it: `today 09:14`, `3 d ago`, then the date (UTC).
pub fn when(now: i64, then: i64) -> String {
    let today = now.div_euclid(86_400);
    let day = then.div_euclid(86_400);
    if day == today {
        let s = then.rem_euclid(86_400);
        format!("today {:02}:{:02}", s / 3600, s / 60 % 60)
    } else if day == today - 1 {
        "yesterday".to_owned()
    } else if (0..7).contains(&(today - day)) {
        format!("{} d ago", today - day)
    } else {
        date(then)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rfc3339_round_trips() {
        for secs in [0, 951_782_400, 1_764_107_710, 4_102_444_799] {
            assert_eq!(parse_rfc3339(&rfc3339(secs)), Some(secs), "{secs}");
        }
        assert_eq!(rfc3339(1_764_107_710), "2025-11-25T21:55:10Z");
        assert_eq!(rfc3339(951_782_400), "2000-02-29T00:00:00Z");
        assert_eq!(parse_rfc3339("yesterday"), None);
    }

    #[test]
    fn ago_reads_as_people_say_it() {
        let now = 1_764_107_710;
        assert_eq!(ago(now, now - 5), "just now");
        assert_eq!(ago(now, now - 300), "5 min ago");
        assert_eq!(ago(now, now - 3 * 3600), "3 h ago");
        assert_eq!(ago(now, now - 2 * 86_400), "2 d ago");
        assert_eq!(ago(now, 951_782_400), "2000-02-29");
    }

    #[test]
    fn a_weekday_a_date_and_a_time() {
        // 2026-12-02 was a Wednesday
        assert_eq!(weekday_date_time(1_796_202_720), "Wed 2 Dec 09:12");
        assert_eq!(weekday_date_time(0), "Thu 1 Jan 00:00");
    }

    #[test]
    fn when_reads_as_a_list_says_it() {
        let now = 1_764_107_710; // 2025-11-25 21:55:10
        assert_eq!(when(now, now - 3600), "today 20:55");
        assert_eq!(when(now, now - 86_400), "yesterday");
        assert_eq!(when(now, now - 3 * 86_400), "3 d ago");
        assert_eq!(when(now, 951_782_400), "2000-02-29");
    }
}
