//! Dates of the RNCP export: `JJ/MM/AAAA` in the fiches, `AAAA-MM-JJ` in the export's file name
//! (`export_fiches_RNCP_V4_1_2025-06-03.xml`). Kept as a plain calendar date; shown in ISO form
//! in stored data and rendered by the UI.

use std::fmt;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date {
    pub year: u16,
    pub month: u8,
    pub day: u8,
}

impl Date {
    /// A date of the Gregorian calendar, or `None`.
    pub fn new(year: u16, month: u8, day: u8) -> Option<Date> {
        let leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
        let days = match month {
            1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
            4 | 6 | 9 | 11 => 30,
            2 if leap => 29,
            2 => 28,
            _ => return None,
        };
        ((1..=days).contains(&day) && (1900..=2999).contains(&year)).then_some(Date {
            year,
            month,
            day,
        })
    }

    /// `JJ/MM/AAAA` as the fiches write it (surrounding spaces ignored; `J/M/AAAA` accepted).
    pub fn parse_fr(s: &str) -> Option<Date> {
        let mut parts = s.trim().split('/');
        let (d, m, y) = (parts.next()?, parts.next()?, parts.next()?);
        if parts.next().is_some() || y.len() != 4 || d.len() > 2 || m.len() > 2 {
            return None;
        }
        let all_digits = [d, m, y]
            .iter()
            .all(|p| !p.is_empty() && p.bytes().all(|b| b.is_ascii_digit()));
        if !all_digits {
            return None;
        }
        Date::new(y.parse().ok()?, m.parse().ok()?, d.parse().ok()?)
    }

    /// `AAAA-MM-JJ`.
    pub fn parse_iso(s: &str) -> Option<Date> {
        let b = s.as_bytes();
        if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
            return None;
        }
        let digits = |r: std::ops::Range<usize>| {
            let part = &s[r];
            part.bytes()
                .all(|c| c.is_ascii_digit())
                .then(|| part.parse::<u16>().ok())
                .flatten()
        };
        Date::new(digits(0..4)?, digits(5..7)? as u8, digits(8..10)? as u8)
    }

    /// The last `AAAA-MM-JJ` or `AAAAMMJJ` in the name of the export file, if any: the export
    /// carries its date in its name, not in its content.
    pub fn from_file_name(name: &str) -> Option<Date> {
        let b = name.as_bytes();
        (0..b.len()).rev().find_map(|i| {
            let iso = name.get(i..i + 10).and_then(Date::parse_iso);
            let compact = name.get(i..i + 8).filter(|s| {
                s.bytes().all(|c| c.is_ascii_digit())
                    && !b.get(i + 8).is_some_and(u8::is_ascii_digit)
                    && (i == 0 || !b[i - 1].is_ascii_digit())
            });
            iso.or_else(|| {
                let s = compact?;
                Date::new(
                    s[0..4].parse().ok()?,
                    s[4..6].parse().ok()?,
                    s[6..8].parse().ok()?,
                )
            })
        })
    }

    /// `AAAA-MM-JJ`.
    pub fn iso(&self) -> String {
        self.to_string()
    }

    /// `JJ/MM/AAAA`.
    pub fn fr(&self) -> String {
        format!("{:02}/{:02}/{:04}", self.day, self.month, self.year)
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn french_dates() {
        assert_eq!(Date::parse_fr("31/12/2027"), Date::new(2027, 12, 31));
        assert_eq!(Date::parse_fr(" 1/2/2024 "), Date::new(2024, 2, 1));
        assert_eq!(
            Date::parse_fr("29/02/2024").map(|d| d.iso()).as_deref(),
            Some("2024-02-29")
        );
        for bad in [
            "29/02/2023",
            "31/04/2024",
            "00/01/2024",
            "12/13/2024",
            "1/1/24",
            "a/b/cdef",
            "",
            "1/1/2024/1",
            "+1/1/2024",
        ] {
            assert_eq!(Date::parse_fr(bad), None, "{bad}");
        }
        assert_eq!(Date::new(2024, 2, 1).unwrap().fr(), "01/02/2024");
    }

    #[test]
    fn dates_in_file_names() {
        assert_eq!(
            Date::from_file_name("export_fiches_RNCP_V4_1_2025-06-03.xml"),
            Date::new(2025, 6, 3)
        );
        assert_eq!(
            Date::from_file_name("export-fiches-rncp-20240115.zip"),
            Date::new(2024, 1, 15)
        );
        assert_eq!(Date::from_file_name("extrait.xml"), None);
        assert_eq!(Date::from_file_name("RNCP37674.xml"), None);
        assert_eq!(Date::from_file_name("v4_1_2025-13-03.xml"), None);
    }
}
