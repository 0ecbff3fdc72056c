//! Calendar arithmetic on day numbers (days since 1970-01-01, proleptic Gregorian)
//! and the normalized value type with its string form.

use crate::types::Precision;

/// Day number of a civil date (no validation).
pub(crate) fn dfc(y: i32, m: u32, d: u32) -> i64 {
    let y = i64::from(if m <= 2 { y - 1 } else { y });
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let m = i64::from(m);
    let d = i64::from(d);
    let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// Civil date of a day number.
pub(crate) fn cfd(z: i64) -> (i32, u32, u32) {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let y = yoe + era * 400;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    let y = if m <= 2 { y + 1 } else { y };
    (y as i32, m as u32, d as u32)
}

/// Weekday of a day number, 0 = Monday … 6 = Sunday.
pub(crate) fn weekday(z: i64) -> u32 {
    (z + 3).rem_euclid(7) as u32
}

/// Number of days in a month.
pub(crate) fn dim(y: i32, m: u32) -> u32 {
    match m {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if (y % 4 == 0 && y % 100 != 0) || y % 400 == 0 => 29,
        2 => 28,
        _ => 0,
    }
}

/// True when the date exists.
pub(crate) fn valid(y: i32, m: u32, d: u32) -> bool {
    (1..=12).contains(&m) && d >= 1 && d <= dim(y, m)
}

/// ISO (year, week) of a day.
pub(crate) fn iso_week(z: i64) -> (i32, u32) {
    let thu = z - i64::from(weekday(z)) + 3;
    let (ty, _, _) = cfd(thu);
    let jan1 = dfc(ty, 1, 1);
    (ty, ((thu - jan1) / 7 + 1) as u32)
}

/// Monday of an ISO week.
pub(crate) fn week_monday(iy: i32, w: u32) -> i64 {
    let jan4 = dfc(iy, 1, 4);
    jan4 - i64::from(weekday(jan4)) + 7 * (i64::from(w) - 1)
}

/// Adds `n` months to (y, m).
pub(crate) fn add_months(y: i32, m: u32, n: i32) -> (i32, u32) {
    let t = y * 12 + (m as i32 - 1) + n;
    (t.div_euclid(12), (t.rem_euclid(12) + 1) as u32)
}

/// Same day `n` months later, clamped to the month's end.
pub(crate) fn add_months_day(z: i64, n: i32) -> i64 {
    let (y, m, d) = cfd(z);
    let (y2, m2) = add_months(y, m, n);
    dfc(y2, m2, d.min(dim(y2, m2)))
}

/// Easter Sunday (anonymous Gregorian algorithm).
pub(crate) fn easter(y: i32) -> i64 {
    let a = y % 19;
    let b = y / 100;
    let c = y % 100;
    let d = b / 4;
    let e = b % 4;
    let f = (b + 8) / 25;
    let g = (b - f + 1) / 3;
    let h = (19 * a + b - d - g + 15) % 30;
    let i = c / 4;
    let k = c % 4;
    let l = (32 + 2 * e + 2 * i - h - k) % 7;
    let m = (a + 11 * h + 22 * l) / 451;
    let month = (h + l - 7 * m + 114) / 31;
    let day = (h + l - 7 * m + 114) % 31 + 1;
    dfc(y, month as u32, day as u32)
}

/// The `n`-th (1-based) weekday `wd` of a month; `n = 0` means the last one.
pub(crate) fn nth_weekday(y: i32, m: u32, wd: u32, n: u32) -> Option<i64> {
    if n == 0 {
        let last = dfc(y, m, dim(y, m));
        let back = (weekday(last) + 7 - wd) % 7;
        return Some(last - i64::from(back));
    }
    let first = dfc(y, m, 1);
    let fwd = (wd + 7 - weekday(first)) % 7;
    let z = first + i64::from(fwd) + 7 * i64::from(n - 1);
    let (_, m2, _) = cfd(z);
    (m2 == m).then_some(z)
}

/// Seasons in TIMEX3 order.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Season {
    Spring,
    Summer,
    Fall,
    Winter,
}

impl Season {
    fn code(self) -> &'static str {
        match self {
            Season::Spring => "SP",
            Season::Summer => "SU",
            Season::Fall => "FA",
            Season::Winter => "WI",
        }
    }
    /// Month in which the season starts.
    pub(crate) fn start_month(self) -> u32 {
        match self {
            Season::Spring => 3,
            Season::Summer => 6,
            Season::Fall => 9,
            Season::Winter => 12,
        }
    }
}

/// A normalized temporal value.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum Val {
    Day(i64),
    Week(i32, u32),
    Weekend(i32, u32),
    Month(i32, u32),
    Quarter(i32, u32),
    Half(i32, u32),
    Season(i32, Season),
    Year(i32),
    Range(Box<Val>, Box<Val>),
    After(Box<Val>),
    Before(Box<Val>),
}

impl Val {
    /// Week value of a day.
    pub(crate) fn week_of(z: i64) -> Val {
        let (y, w) = iso_week(z);
        Val::Week(y, w)
    }
    /// First day covered (seasons: start of the season's first month).
    pub(crate) fn first(&self) -> Option<i64> {
        Some(match *self {
            Val::Day(z) => z,
            Val::Week(y, w) => week_monday(y, w),
            Val::Weekend(y, w) => week_monday(y, w) + 5,
            Val::Month(y, m) => dfc(y, m, 1),
            Val::Quarter(y, q) => dfc(y, 3 * q - 2, 1),
            Val::Half(y, h) => dfc(y, 6 * h - 5, 1),
            Val::Season(y, s) => dfc(y, s.start_month(), 21),
            Val::Year(y) => dfc(y, 1, 1),
            Val::Range(ref a, _) | Val::After(ref a) => return a.first(),
            Val::Before(_) => return None,
        })
    }

    /// Last day covered.
    pub(crate) fn last(&self) -> Option<i64> {
        Some(match *self {
            Val::Day(z) => z,
            Val::Week(y, w) => week_monday(y, w) + 6,
            Val::Weekend(y, w) => week_monday(y, w) + 6,
            Val::Month(y, m) => dfc(y, m, dim(y, m)),
            Val::Quarter(y, q) => dfc(y, 3 * q, dim(y, 3 * q)),
            Val::Half(y, h) => dfc(y, 6 * h, dim(y, 6 * h)),
            Val::Season(y, s) => add_months_day(dfc(y, s.start_month(), 20), 3),
            Val::Year(y) => dfc(y, 12, 31),
            Val::Range(_, ref b) | Val::Before(ref b) => return b.last(),
            Val::After(_) => return None,
        })
    }

    /// The precision of the value.
    pub(crate) fn precision(&self) -> Precision {
        match self {
            Val::Day(_) => Precision::Day,
            Val::Week(..) | Val::Weekend(..) => Precision::Week,
            Val::Month(..) => Precision::Month,
            Val::Quarter(..) => Precision::Quarter,
            Val::Half(..) => Precision::Half,
            Val::Season(..) => Precision::Season,
            Val::Year(_) => Precision::Year,
            Val::Range(..) | Val::After(_) | Val::Before(_) => Precision::Range,
        }
    }

    /// The year the value starts in, when bounded below.
    pub(crate) fn year(&self) -> Option<i32> {
        self.first().map(|z| cfd(z).0)
    }

    /// True when every year in it is a plausible 4-digit year.
    pub(crate) fn sane(&self) -> bool {
        let ok = |z: Option<i64>| z.is_none_or(|z| (1..=9999).contains(&cfd(z).0));
        ok(self.first()) && ok(self.last())
    }

    /// The string form (`YYYY-MM-DD`, `YYYY-Www`, `A/B`…).
    pub(crate) fn render(&self) -> String {
        let mut out = String::with_capacity(24);
        self.render_into(&mut out);
        out
    }

    /// Appends [`Val::render`] to `out`, digits written by hand (no formatting machinery).
    fn render_into(&self, out: &mut String) {
        match *self {
            Val::Day(z) => {
                let (y, m, d) = cfd(z);
                year(out, y);
                out.push('-');
                two(out, m);
                out.push('-');
                two(out, d);
            }
            Val::Week(y, w) => {
                year(out, y);
                out.push_str("-W");
                two(out, w);
            }
            Val::Weekend(y, w) => {
                year(out, y);
                out.push_str("-W");
                two(out, w);
                out.push_str("-WE");
            }
            Val::Month(y, m) => {
                year(out, y);
                out.push('-');
                two(out, m);
            }
            Val::Quarter(y, q) => {
                year(out, y);
                out.push_str("-Q");
                digits(out, q);
            }
            // (The annotation format has no half-year: its months, as a range.)
            Val::Half(y, h) => {
                year(out, y);
                out.push('-');
                two(out, 6 * h - 5);
                out.push('/');
                year(out, y);
                out.push('-');
                two(out, 6 * h);
            }
            Val::Season(y, s) => {
                year(out, y);
                out.push('-');
                out.push_str(s.code());
            }
            Val::Year(y) => year(out, y),
            Val::Range(ref a, ref b) => {
                a.render_into(out);
                out.push('/');
                b.render_into(out);
            }
            Val::After(ref a) => {
                a.render_into(out);
                out.push_str("/..");
            }
            Val::Before(ref b) => {
                out.push_str("../");
                b.render_into(out);
            }
        }
    }
}

/// `{v}`.
fn digits(out: &mut String, v: u32) {
    if v < 10 {
        out.push(char::from(b'0' + v as u8));
    } else {
        digits(out, v / 10);
        out.push(char::from(b'0' + (v % 10) as u8));
    }
}

/// `{v:02}`.
fn two(out: &mut String, v: u32) {
    if v < 10 {
        out.push('0');
    }
    digits(out, v);
}

/// `{y:04}` (a sign first when negative, as `format!` writes it).
fn year(out: &mut String, y: i32) {
    if y < 0 {
        use std::fmt::Write;
        let _ = write!(out, "{y:04}");
        return;
    }
    let v = y.unsigned_abs();
    for p in [1000, 100, 10] {
        if v < p {
            out.push('0');
        }
    }
    digits(out, v);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn roundtrip_and_weeks() {
        for z in -1000..40_000 {
            let (y, m, d) = cfd(z);
            assert_eq!(dfc(y, m, d), z);
        }
        assert_eq!(weekday(dfc(2013, 2, 12)), 1);
        assert_eq!(iso_week(dfc(2016, 11, 7)), (2016, 45));
        assert_eq!(iso_week(dfc(2021, 1, 3)), (2020, 53));
        assert_eq!(week_monday(2016, 45), dfc(2016, 11, 7));
        assert_eq!(easter(2024), dfc(2024, 3, 31));
        assert_eq!(nth_weekday(2017, 6, 6, 3), Some(dfc(2017, 6, 18)));
        assert_eq!(Val::Season(2017, Season::Fall).render(), "2017-FA");
        for y in [-12, -1, 0, 7, 42, 999, 1000, 2024, 9999, 12345] {
            assert_eq!(Val::Year(y).render(), format!("{y:04}"));
            assert_eq!(Val::Month(y, 3).render(), format!("{y:04}-03"));
            assert_eq!(Val::Quarter(y, 12).render(), format!("{y:04}-Q12"));
            assert_eq!(Val::Week(y, 123).render(), format!("{y:04}-W123"));
        }
        let z = dfc(2024, 2, 9);
        assert_eq!(Val::Day(z).render(), "2024-02-09");
        let r = Val::Range(Box::new(Val::Day(z)), Box::new(Val::Weekend(2024, 7)));
        assert_eq!(r.render(), "2024-02-09/2024-W07-WE");
        assert_eq!(Val::After(Box::new(Val::Year(5))).render(), "0005/..");
        assert_eq!(
            Val::Before(Box::new(Val::Month(2020, 11))).render(),
            "../2020-11"
        );
    }
}
