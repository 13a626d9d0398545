//! The SCORM 1.2 API object of the LMS (`window.API`), found by the standard discovery walk, and
//! its calls. Every call that fails comes back as an [`LmsFailure`] with the LMS's error code
//! (`LMSGetLastError`) and its texts, so that the shell can say what went wrong.

use wasm_bindgen::{JsCast, JsValue};

/// How many parents the walk climbs at most (ADL's reference implementation uses 7; LMS players
/// nest the content a few frames deep).
const MAX_PARENTS: usize = 10;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LmsFailure {
    /// `LMSGetLastError`: `101`, `405`…; `101` when the LMS gave nothing usable.
    pub code: String,
    /// `LMSGetErrorString` of the code, as the LMS words it (may be empty).
    pub text: String,
}

/// The LMS's API object.
#[derive(Clone)]
pub struct Api(JsValue);

/// `win.API` when it is there and readable (a window of another origin throws: no API there).
fn api_of(win: &JsValue) -> Option<JsValue> {
    js_sys::Reflect::get(win, &JsValue::from_str("API"))
        .ok()
        .filter(|api| api.is_object())
}

fn parent_of(win: &JsValue) -> Option<JsValue> {
    js_sys::Reflect::get(win, &JsValue::from_str("parent"))
        .ok()
        .filter(|p| p.is_object() && !js_sys::Object::is(p, win))
}

/// `win.API`, else the nearest ancestor's.
fn find_from(win: JsValue) -> Option<JsValue> {
    let mut current = win;
    for _ in 0..=MAX_PARENTS {
        if let Some(api) = api_of(&current) {
            return Some(api);
        }
        current = parent_of(&current)?;
    }
    None
}

impl Api {
    /// The discovery walk of SCORM 1.2: `window.API` up the parent chain, then up the chain of
    /// `window.opener` (content launched in a new window).
    pub fn find() -> Option<Api> {
        let win: JsValue = leptos::prelude::window().into();
        find_from(win.clone())
            .or_else(|| {
                let opener = js_sys::Reflect::get(&win, &JsValue::from_str("opener")).ok()?;
                (opener.is_object()).then_some(opener).and_then(find_from)
            })
            .map(Api)
    }

    /// Calls `name(args…)`; `None` when the method is missing or throws.
    fn call(&self, name: &str, args: &[&str]) -> Option<JsValue> {
        let f = js_sys::Reflect::get(&self.0, &JsValue::from_str(name))
            .ok()?
            .dyn_into::<js_sys::Function>()
            .ok()?;
        let args: js_sys::Array = args.iter().map(|a| JsValue::from_str(a)).collect();
        f.apply(&self.0, &args).ok()
    }

    fn text(&self, name: &str, args: &[&str]) -> String {
        self.call(name, args)
            .filter(|v| !v.is_undefined() && !v.is_null())
            // Some LMSs answer numbers rather than strings: JavaScript's own toString.
            .map(|v| {
                v.as_string()
                    .unwrap_or_else(|| v.unchecked_ref::<js_sys::Object>().to_string().into())
            })
            .unwrap_or_default()
    }

    /// `"true"` (some LMSs answer `true`) is success; anything else asks `LMSGetLastError` why.
    fn status(&self, name: &str, args: &[&str]) -> Result<(), LmsFailure> {
        let ok = self
            .call(name, args)
            .is_some_and(|v| v.as_bool() == Some(true) || v.as_string().as_deref() == Some("true"));
        if ok {
            Ok(())
        } else {
            Err(self.last_error())
        }
    }

    pub fn last_error(&self) -> LmsFailure {
        let code = self.text("LMSGetLastError", &[]);
        let code = if code.trim().is_empty() || code.trim() == "0" {
            "101".to_owned()
        } else {
            code.trim().to_owned()
        };
        let text = self.text("LMSGetErrorString", &[&code]);
        LmsFailure { code, text }
    }

    pub fn initialize(&self) -> Result<(), LmsFailure> {
        self.status("LMSInitialize", &[""])
    }

    /// A value of the data model; an element the LMS does not have reads as empty.
    pub fn get(&self, element: &str) -> String {
        self.text("LMSGetValue", &[element])
    }

    pub fn set(&self, element: &str, value: &str) -> Result<(), LmsFailure> {
        self.status("LMSSetValue", &[element, value])
    }

    pub fn commit(&self) -> Result<(), LmsFailure> {
        self.status("LMSCommit", &[""])
    }

    pub fn finish(&self) -> Result<(), LmsFailure> {
        self.status("LMSFinish", &[""])
    }
}
