//! The time and fresh ids the app state stamps on what it stores.

pub fn now() -> String {
    js_sys::Date::new_0().to_iso_string().into()
}

pub fn new_id() -> String {
    let a = (js_sys::Math::random() * 4_294_967_296.0) as u64;
    let b = (js_sys::Math::random() * 4_294_967_296.0) as u64;
    format!("{:08x}{:08x}", a, b)
}
