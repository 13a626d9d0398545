//! The SCORM 1.2 data model as Repère writes it: the values for one report, which of them the
//! LMS has not received yet, `cmi.core.session_time`, the learner's name and the error codes.

use super::report::LmsReport;
use std::collections::BTreeMap;

pub const SUSPEND_DATA: &str = "cmi.suspend_data";
pub const SESSION_TIME: &str = "cmi.core.session_time";

/// Every value that describes `report` and the answers (`suspend_data`), in the order they must
/// be set: an objective's `id` before its other fields, objectives in index order.
pub fn values(report: &LmsReport, suspend_data: &str) -> Vec<(String, String)> {
    let mut v: Vec<(String, String)> = vec![
        ("cmi.core.score.min".into(), "0".into()),
        ("cmi.core.score.max".into(), "100".into()),
        ("cmi.core.score.raw".into(), report.score.to_string()),
        (
            "cmi.core.lesson_status".into(),
            report.status.as_str().into(),
        ),
        ("cmi.core.exit".into(), "suspend".into()),
    ];
    for (n, o) in report.objectives.iter().enumerate() {
        let field = |name: &str| format!("cmi.objectives.{n}.{name}");
        v.push((field("id"), o.id.clone()));
        v.push((field("score.min"), "0".into()));
        v.push((field("score.max"), "100".into()));
        v.push((field("score.raw"), o.score.to_string()));
        v.push((field("status"), o.status.as_str().into()));
    }
    v.push((SUSPEND_DATA.into(), suspend_data.into()));
    v
}

/// The values the LMS does not hold yet (`sent`: what it accepted so far), in setting order: a
/// value it refused stays pending and is sent again at the next commit.
pub fn pending<'a>(
    desired: &'a [(String, String)],
    sent: &BTreeMap<String, String>,
) -> Vec<&'a (String, String)> {
    desired
        .iter()
        .filter(|(k, v)| sent.get(k) != Some(v))
        .collect()
}

/// `cmi.core.session_time` (CMITimespan, `HHHH:MM:SS.SS`) for a duration in milliseconds; at most
/// 9999:59:59.99.
pub fn session_time(millis: f64) -> String {
    let centis = if millis.is_finite() && millis > 0.0 {
        ((millis / 10.0).floor() as u64).min(9999 * 360_000 + 359_999)
    } else {
        0
    };
    let (h, rest) = (centis / 360_000, centis % 360_000);
    let (m, rest) = (rest / 6000, rest % 6000);
    let (s, c) = (rest / 100, rest % 100);
    format!("{h:04}:{m:02}:{s:02}.{c:02}")
}

/// `cmi.core.student_name` is `Last, First` in SCORM 1.2: « First Last » to greet the learner.
/// Anything else is shown as given, trimmed.
pub fn display_name(student_name: &str) -> String {
    let name = student_name.trim();
    match name.split_once(',') {
        Some((last, first)) if !first.trim().is_empty() && !last.trim().is_empty() => {
            format!("{} {}", first.trim(), last.trim())
        }
        _ => name.to_owned(),
    }
}

/// The locale key that explains a SCORM 1.2 error code in plain words (the code is shown too).
pub fn error_key(code: &str) -> &'static str {
    match code.trim() {
        "101" => "lms.error.101",
        "201" => "lms.error.201",
        "202" => "lms.error.202",
        "203" => "lms.error.203",
        "301" => "lms.error.301",
        "401" => "lms.error.401",
        "402" => "lms.error.402",
        "403" => "lms.error.403",
        "404" => "lms.error.404",
        "405" => "lms.error.405",
        _ => "lms.error.other",
    }
}

/// An id for the learner's dossier in the package's namespace, stable across sessions:
/// `lms-` and a 64-bit FNV-1a hash of `cmi.core.student_id` in hex (ids must be `[a-z0-9-]`).
pub fn learner_dossier_id(student_id: &str) -> String {
    let hash = student_id.bytes().fold(0xcbf2_9ce4_8422_2325u64, |h, b| {
        (h ^ u64::from(b)).wrapping_mul(0x0000_0100_0000_01b3)
    });
    format!("lms-{hash:016x}")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::dossier::valid_id;
    use crate::core::scorm::report::{Objective, Status};

    #[test]
    fn session_times() {
        assert_eq!(session_time(0.0), "0000:00:00.00");
        assert_eq!(session_time(-5.0), "0000:00:00.00");
        assert_eq!(session_time(f64::NAN), "0000:00:00.00");
        assert_eq!(session_time(1234.0), "0000:00:01.23");
        assert_eq!(
            session_time(((2 * 3600 + 5 * 60 + 9) * 1000) as f64 + 999.0),
            "0002:05:09.99"
        );
        assert_eq!(session_time(3_600_000.0 * 12_000.0), "9999:59:59.99");
        // The pattern the SCORM 1.2 runtime of the tests checks, HHHH:MM:SS.SS.
        for ms in [0.0, 59_999.0, 61_000.0, 86_400_000.0] {
            let t = session_time(ms);
            let parts: Vec<&str> = t.split([':', '.']).collect();
            assert_eq!(
                parts.iter().map(|p| p.len()).collect::<Vec<_>>(),
                [4, 2, 2, 2],
                "{t}"
            );
        }
    }

    #[test]
    fn names() {
        assert_eq!(display_name("Martin, Camille"), "Camille Martin");
        assert_eq!(display_name("  Martin ,  Camille "), "Camille Martin");
        assert_eq!(display_name("Camille Martin"), "Camille Martin");
        assert_eq!(display_name("Martin,"), "Martin,");
        assert_eq!(display_name(""), "");
    }

    #[test]
    fn values_in_setting_order_and_what_is_pending() {
        let report = LmsReport {
            score: 42,
            status: Status::Incomplete,
            objectives: vec![
                Objective {
                    id: "BC01".into(),
                    score: 80,
                    status: Status::Passed,
                },
                Objective {
                    id: "BC02".into(),
                    score: 10,
                    status: Status::Incomplete,
                },
            ],
        };
        let v = values(&report, "repere:1:x");
        let keys: Vec<&str> = v.iter().map(|(k, _)| k.as_str()).collect();
        assert_eq!(
            keys[..5],
            [
                "cmi.core.score.min",
                "cmi.core.score.max",
                "cmi.core.score.raw",
                "cmi.core.lesson_status",
                "cmi.core.exit"
            ]
        );
        assert_eq!(keys[5], "cmi.objectives.0.id");
        assert_eq!(keys[10], "cmi.objectives.1.id");
        assert_eq!(v[8], ("cmi.objectives.0.score.raw".into(), "80".into()));
        assert_eq!(v[9], ("cmi.objectives.0.status".into(), "passed".into()));
        assert_eq!(
            v.last().unwrap(),
            &(SUSPEND_DATA.to_string(), "repere:1:x".to_string())
        );

        let mut sent = BTreeMap::new();
        assert_eq!(pending(&v, &sent).len(), v.len());
        for (k, val) in &v {
            sent.insert(k.clone(), val.clone());
        }
        assert!(pending(&v, &sent).is_empty());
        sent.insert("cmi.core.score.raw".into(), "41".into());
        assert_eq!(
            pending(&v, &sent),
            vec![&("cmi.core.score.raw".to_string(), "42".to_string())]
        );
    }

    #[test]
    fn errors_and_ids() {
        for code in [
            "101", "201", "202", "203", "301", "401", "402", "403", "404", "405",
        ] {
            assert_eq!(error_key(code), format!("lms.error.{code}"));
        }
        assert_eq!(error_key("999"), "lms.error.other");
        let a = learner_dossier_id("learner-42");
        assert!(valid_id(&a), "{a}");
        assert_eq!(a, learner_dossier_id("learner-42"));
        assert_ne!(a, learner_dossier_id("learner-43"));
        assert_eq!(a.len(), 20);
    }
}
