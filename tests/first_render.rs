//! The static copy of the home in `index.html` (SPEC §11, static first paint) may only show when
//! the app's first render is the French default home. An inline guard decides it before the body
//! is parsed, in JavaScript (`scripts/static-home.mjs`, tested on the same cases by
//! `tests/build/static-home.test.mjs`); this test holds each case of
//! `tests/fixtures/first-render.json` against what the app reads at start (`ui::start`): the
//! route of the hash, embed and LMS parameters, the language they or the stored preference name.

use repere::core::embed;
use repere::core::i18n::Lang;
use repere::core::outline::Outline;
use repere::core::route::Route;
use repere::core::scorm::launch;
use serde_json::Value;

/// As `ui::start` and `ui::App` decide: the route, the modes, the language of the first render.
fn first_render_is_french_home(hash: &str, search: &str, stored: Option<&str>) -> bool {
    let embedded = embed::parse(search, &Outline);
    let lms = launch::parse(search, &Outline);
    let lang = embedded
        .as_ref()
        .and_then(|e| e.lang)
        .or_else(|| lms.as_ref().and_then(|l| l.as_ref().ok()?.lang))
        .or_else(|| stored.and_then(Lang::from_code))
        .unwrap_or_default();
    Route::parse(hash) == Route::Home && embedded.is_none() && lms.is_none() && lang == Lang::Fr
}

#[test]
fn each_case_of_the_guard_fixture_is_what_the_app_renders_first() {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/first-render.json"
    );
    let fixture: Value = serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
    let cases = fixture["cases"].as_array().unwrap();
    assert!(cases.len() > 20, "the fixture lost its cases");
    let (mut homes, mut others) = (0, 0);
    for case in cases {
        let hash = case["hash"].as_str().unwrap();
        let search = case["search"].as_str().unwrap();
        let stored = case["stored"].as_str();
        let expected = case["home"].as_bool().unwrap();
        assert_eq!(
            first_render_is_french_home(hash, search, stored),
            expected,
            "hash {hash:?}, query {search:?}, stored language {stored:?}"
        );
        if expected {
            homes += 1;
        } else {
            others += 1;
        }
    }
    assert!(homes > 5 && others > 5, "both outcomes are covered");
}
