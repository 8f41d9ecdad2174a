//! Front-end assets, embedded in the binary at build time (no disk reads at run
//! time) and served under `/assets/`, where the vendored CSS expects them.

use axum::extract::Path;
use axum::http::{HeaderValue, header};
use axum::response::{IntoResponse, Response};

use crate::error::AppError;

const CSS: &str = "text/css; charset=utf-8";
const JS: &str = "text/javascript; charset=utf-8";
const SVG: &str = "image/svg+xml";

/// Assets may be cached for a day: they change only with a new release.
const CACHE: &str = "public, max-age=86400";

macro_rules! asset {
    ($name:literal, $file:literal, $content_type:expr) => {
        ($name, $content_type, include_bytes!($file).as_slice())
    };
}

/// Every served asset: path under `/assets/`, content type, bytes.
static ASSETS: &[(&str, &str, &[u8])] = &[
    asset!("caseline.css", "../assets/caseline.css", CSS),
    asset!(
        "govuk-frontend.min.js",
        "../assets/govuk-frontend.min.js",
        JS
    ),
    asset!("moj-frontend.min.js", "../assets/moj-frontend.min.js", JS),
    asset!("init.js", "../assets_src/init.js", JS),
    asset!(
        "images/icon-close-cross-black.svg",
        "../assets/images/icon-close-cross-black.svg",
        SVG
    ),
    asset!(
        "images/icon-document.svg",
        "../assets/images/icon-document.svg",
        SVG
    ),
    asset!(
        "images/icon-progress-tick.svg",
        "../assets/images/icon-progress-tick.svg",
        SVG
    ),
    asset!(
        "images/icon-tag-remove-cross-white.svg",
        "../assets/images/icon-tag-remove-cross-white.svg",
        SVG
    ),
    asset!(
        "images/icon-tag-remove-cross.svg",
        "../assets/images/icon-tag-remove-cross.svg",
        SVG
    ),
    asset!(
        "images/icon-toggle-plus-minus.svg",
        "../assets/images/icon-toggle-plus-minus.svg",
        SVG
    ),
    asset!(
        "images/icon-wysiwyg-bold.svg",
        "../assets/images/icon-wysiwyg-bold.svg",
        SVG
    ),
    asset!(
        "images/icon-wysiwyg-italic.svg",
        "../assets/images/icon-wysiwyg-italic.svg",
        SVG
    ),
    asset!(
        "images/icon-wysiwyg-ordered-list.svg",
        "../assets/images/icon-wysiwyg-ordered-list.svg",
        SVG
    ),
    asset!(
        "images/icon-wysiwyg-underline.svg",
        "../assets/images/icon-wysiwyg-underline.svg",
        SVG
    ),
    asset!(
        "images/icon-wysiwyg-unordered-list.svg",
        "../assets/images/icon-wysiwyg-unordered-list.svg",
        SVG
    ),
];

/// `GET /assets/{*path}`.
pub(crate) async fn asset(Path(path): Path<String>) -> Result<Response, AppError> {
    let (_, content_type, bytes) = ASSETS
        .iter()
        .find(|(name, _, _)| *name == path)
        .ok_or(AppError::PageNotFound)?;
    Ok((
        [
            (header::CONTENT_TYPE, HeaderValue::from_static(content_type)),
            (header::CACHE_CONTROL, HeaderValue::from_static(CACHE)),
        ],
        *bytes,
    )
        .into_response())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_shipped_image_is_served() {
        let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/assets/images");
        let mut on_disk: Vec<String> = std::fs::read_dir(dir)
            .into_iter()
            .flatten()
            .flatten()
            .map(|e| format!("images/{}", e.file_name().to_string_lossy()))
            .collect();
        on_disk.sort();
        let mut served: Vec<String> = ASSETS
            .iter()
            .filter(|(n, _, _)| n.starts_with("images/"))
            .map(|(n, _, _)| (*n).to_owned())
            .collect();
        served.sort();
        assert!(!on_disk.is_empty());
        assert_eq!(served, on_disk);
    }
}
