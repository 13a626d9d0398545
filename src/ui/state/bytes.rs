//! Bytes the browser moves for a brought referential (SPEC §13): files fetched beside the app
//! (the build's files for a SCORM package, a package's referential file), and the browser's own
//! `CompressionStream` / `DecompressionStream` in deflate-raw form for the referential link. No
//! compression code of ours: the browser's zlib does it.
//!
//! web-sys exposes the compression streams only behind `--cfg=web_sys_unstable_apis`, which
//! would change how the whole crate builds; the few calls needed are bound here instead.

use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;

#[wasm_bindgen]
extern "C" {
    #[wasm_bindgen(js_name = fetch)]
    fn fetch_url(url: &str) -> js_sys::Promise;

    type Response;
    #[wasm_bindgen(constructor)]
    fn new(body: &JsValue) -> Response;
    #[wasm_bindgen(method, getter)]
    fn ok(this: &Response) -> bool;
    #[wasm_bindgen(method, getter)]
    fn status(this: &Response) -> u16;
    #[wasm_bindgen(method, getter)]
    fn body(this: &Response) -> ReadableStream;
    #[wasm_bindgen(method, js_name = arrayBuffer)]
    fn array_buffer(this: &Response) -> js_sys::Promise;

    type CompressionStream;
    #[wasm_bindgen(constructor, catch)]
    fn new(format: &str) -> Result<CompressionStream, JsValue>;

    type DecompressionStream;
    #[wasm_bindgen(constructor, catch)]
    fn new(format: &str) -> Result<DecompressionStream, JsValue>;

    type ReadableStream;
    #[wasm_bindgen(method, js_name = pipeThrough)]
    fn pipe_through(this: &ReadableStream, transform: &JsValue) -> ReadableStream;
    #[wasm_bindgen(method, js_name = getReader)]
    fn get_reader(this: &ReadableStream) -> StreamReader;

    type StreamReader;
    #[wasm_bindgen(method)]
    fn read(this: &StreamReader) -> js_sys::Promise;
    #[wasm_bindgen(method)]
    fn cancel(this: &StreamReader) -> js_sys::Promise;
}

/// Why bytes could not be had.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum BytesError {
    /// The server answered with this HTTP status.
    Status(u16),
    /// No answer (offline, blocked), or the browser lacks the streams.
    Unavailable,
    /// The compressed bytes are not deflate-raw.
    Damaged,
    /// Inflating them gives more than the limit: not what Repère writes.
    TooLarge,
}

/// The bytes of `url` (relative to the page), through the service worker when it holds them.
pub async fn fetch_bytes(url: &str) -> Result<js_sys::Uint8Array, BytesError> {
    let response: Response = JsFuture::from(fetch_url(url))
        .await
        .map_err(|_| BytesError::Unavailable)?
        .unchecked_into();
    if !response.ok() {
        return Err(BytesError::Status(response.status()));
    }
    let buffer = JsFuture::from(response.array_buffer())
        .await
        .map_err(|_| BytesError::Unavailable)?;
    Ok(js_sys::Uint8Array::new(&buffer))
}

fn stream_of(bytes: &[u8]) -> ReadableStream {
    Response::new(&js_sys::Uint8Array::from(bytes)).body()
}

/// `bytes` compressed in deflate-raw form (RFC 1951) by the browser.
pub async fn deflate_raw(bytes: &[u8]) -> Result<Vec<u8>, BytesError> {
    let transform = CompressionStream::new("deflate-raw").map_err(|_| BytesError::Unavailable)?;
    let out = stream_of(bytes).pipe_through(&transform);
    let buffer = JsFuture::from(Response::new(&out).array_buffer())
        .await
        .map_err(|_| BytesError::Unavailable)?;
    Ok(js_sys::Uint8Array::new(&buffer).to_vec())
}

/// `bytes` inflated from deflate-raw form by the browser, read piece by piece and stopped past
/// `max` bytes (a link of 32 KiB could otherwise inflate to megabytes).
pub async fn inflate_raw(bytes: &[u8], max: usize) -> Result<Vec<u8>, BytesError> {
    let transform = DecompressionStream::new("deflate-raw").map_err(|_| BytesError::Unavailable)?;
    let reader = stream_of(bytes).pipe_through(&transform).get_reader();
    let mut out = Vec::new();
    loop {
        let chunk = JsFuture::from(reader.read())
            .await
            .map_err(|_| BytesError::Damaged)?;
        let done = js_sys::Reflect::get(&chunk, &"done".into())
            .ok()
            .and_then(|d| d.as_bool())
            .unwrap_or(true);
        if done {
            return Ok(out);
        }
        let value =
            js_sys::Reflect::get(&chunk, &"value".into()).map_err(|_| BytesError::Damaged)?;
        out.extend(value.unchecked_into::<js_sys::Uint8Array>().to_vec());
        if out.len() > max {
            let _ = reader.cancel();
            return Err(BytesError::TooLarge);
        }
    }
}
