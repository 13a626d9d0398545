//! Stable codes of what reading a brought referential reports (an RNCP export, a fiche, a pasted
//! list, a `repere.referential` file, the trainer's draft): each is the key of its template in
//! `locales/*.json`, rendered like the dossier import's problems
//! ([`ImportProblem`](crate::core::exchange::ImportProblem)), with the fiche and the block named.

use crate::core::exchange::{ImportFailure, ImportProblem};

// Reading a file as a whole.
pub const TOO_LARGE: &str = "import.referential.too_large";
pub const EMPTY: &str = "import.referential.empty";
pub const NOT_XML_OR_JSON: &str = "import.referential.not_xml_or_json";
pub const NOT_RNCP: &str = "import.referential.not_rncp";
pub const XML_MALFORMED: &str = "import.referential.xml_malformed";
pub const XML_MALFORMED_IN_FICHE: &str = "import.referential.xml_malformed_in_fiche";
pub const TRUNCATED: &str = "import.referential.truncated";
pub const TRUNCATED_IN_FICHE: &str = "import.referential.truncated_in_fiche";
pub const NO_FICHE: &str = "import.referential.no_fiche";
pub const NOT_UTF8: &str = "import.referential.not_utf8";
pub const NOT_UTF8_FILE: &str = "import.referential.not_utf8_file";
pub const TOO_DEEP: &str = "import.referential.too_deep";
pub const ELEMENT_TOO_LARGE: &str = "import.referential.element_too_large";
// One fiche.
pub const FICHE_TOO_LARGE: &str = "import.referential.fiche_too_large";
pub const FICHE_NO_NUMBER: &str = "import.referential.fiche_no_number";
pub const FICHE_BAD_NUMBER: &str = "import.referential.fiche_bad_number";
pub const NOT_A_FICHE: &str = "import.referential.not_a_fiche";
pub const FICHE_MISMATCH: &str = "import.referential.fiche_mismatch";
pub const TEXT_TOO_LONG: &str = "import.referential.text_too_long";
pub const TEXT_TOO_LONG_IN_BLOCK: &str = "import.referential.text_too_long_in_block";
pub const FICHE_NO_BLOCK: &str = "import.referential.fiche_no_block";
pub const TOO_MANY_BLOCKS: &str = "import.referential.too_many_blocks";
pub const BLOCK_EMPTY_LIST: &str = "import.referential.block_empty_list";
pub const BLOCK_NO_ITEM: &str = "import.referential.block_no_item";
pub const DUPLICATE_BLOCK_CODE: &str = "import.referential.duplicate_block_code";
pub const BLOCK_ONE_ITEM: &str = "import.referential.block_one_item";
pub const BLOCK_LONG_ITEM: &str = "import.referential.block_long_item";
// A pasted list.
pub const PASTE_TOO_LONG: &str = "import.referential.paste_too_long";
pub const PASTE_NO_ITEM: &str = "import.referential.paste_no_item";
// A `repere.referential` file.
pub const JSON_SYNTAX: &str = "import.referential.json_syntax";
pub const JSON_TRUNCATED: &str = "import.referential.json_truncated";
pub const JSON_SHAPE: &str = "import.referential.json_shape";
pub const WRONG_FORMAT: &str = "import.referential.wrong_format";
pub const NEWER_VERSION: &str = "import.referential.newer_version";
pub const VERSION_INVALID: &str = "import.referential.version_invalid";
pub const BUNDLED_ID: &str = "import.referential.bundled_id";
pub const INVALID_ID: &str = "import.referential.invalid_id";
// The rules of `data/FORMAT.md` a brought referential must keep.
pub const DUPLICATE_ID: &str = "import.referential.duplicate_id";
pub const INVALID_ITEM_ID: &str = "import.referential.invalid_item_id";
pub const EMPTY_TEXT: &str = "import.referential.empty_text";
pub const STRING_TOO_LONG: &str = "import.referential.string_too_long";
pub const TOO_MANY_ITEMS: &str = "import.referential.too_many_items";
pub const FIELD_SHAPE: &str = "import.referential.field_shape";
pub const UNKNOWN_BLOCK: &str = "import.referential.unknown_block";
pub const UNKNOWN_MODALITY: &str = "import.referential.unknown_modality";
pub const UNKNOWN_PIVOT: &str = "import.referential.unknown_pivot";
pub const TOO_MANY_PIVOTS: &str = "import.referential.too_many_pivots";
pub const PIVOT_TWICE: &str = "import.referential.pivot_twice";
pub const TARGET_MISSING: &str = "import.referential.target_missing";
pub const TARGET_OUT_OF_RANGE: &str = "import.referential.target_out_of_range";
pub const WEIGHT_INVALID: &str = "import.referential.weight_invalid";
pub const UNRATED_WITH_VALUES: &str = "import.referential.unrated_with_values";
pub const ECF_LEVELS: &str = "import.referential.ecf_levels";
pub const NO_RATED_ITEM: &str = "import.referential.no_rated_item";
pub const BLOCK_WITHOUT_ITEM: &str = "import.referential.block_without_item";
pub const ITEM_WITHOUT_BLOCK: &str = "import.referential.item_without_block";
pub const PROVENANCE_INVALID: &str = "import.referential.provenance_invalid";

/// Every code above, for the tests that check the locales and the messages.
pub const ALL: [&str; 58] = [
    TOO_LARGE,
    EMPTY,
    NOT_XML_OR_JSON,
    NOT_RNCP,
    XML_MALFORMED,
    XML_MALFORMED_IN_FICHE,
    TRUNCATED,
    TRUNCATED_IN_FICHE,
    NO_FICHE,
    NOT_UTF8,
    NOT_UTF8_FILE,
    TOO_DEEP,
    ELEMENT_TOO_LARGE,
    FICHE_TOO_LARGE,
    FICHE_NO_NUMBER,
    FICHE_BAD_NUMBER,
    NOT_A_FICHE,
    FICHE_MISMATCH,
    TEXT_TOO_LONG,
    TEXT_TOO_LONG_IN_BLOCK,
    FICHE_NO_BLOCK,
    TOO_MANY_BLOCKS,
    BLOCK_EMPTY_LIST,
    BLOCK_NO_ITEM,
    DUPLICATE_BLOCK_CODE,
    BLOCK_ONE_ITEM,
    BLOCK_LONG_ITEM,
    PASTE_TOO_LONG,
    PASTE_NO_ITEM,
    JSON_SYNTAX,
    JSON_TRUNCATED,
    JSON_SHAPE,
    WRONG_FORMAT,
    NEWER_VERSION,
    VERSION_INVALID,
    BUNDLED_ID,
    INVALID_ID,
    DUPLICATE_ID,
    INVALID_ITEM_ID,
    EMPTY_TEXT,
    STRING_TOO_LONG,
    TOO_MANY_ITEMS,
    FIELD_SHAPE,
    UNKNOWN_BLOCK,
    UNKNOWN_MODALITY,
    UNKNOWN_PIVOT,
    TOO_MANY_PIVOTS,
    PIVOT_TWICE,
    TARGET_MISSING,
    TARGET_OUT_OF_RANGE,
    WEIGHT_INVALID,
    UNRATED_WITH_VALUES,
    ECF_LEVELS,
    NO_RATED_ITEM,
    BLOCK_WITHOUT_ITEM,
    ITEM_WITHOUT_BLOCK,
    PROVENANCE_INVALID,
    crate::core::exchange::code::MORE_PROBLEMS,
];

/// One problem: `code` and the values its templates take.
pub fn problem(code: &'static str, args: Vec<(&'static str, String)>) -> ImportProblem {
    ImportProblem::new(code, args)
}

/// A failure with one problem.
pub fn failure(code: &'static str, args: Vec<(&'static str, String)>) -> ImportFailure {
    ImportFailure::one(problem(code, args))
}

/// `("name", value)`, the shape of a problem's argument.
pub fn arg(name: &'static str, value: impl ToString) -> (&'static str, String) {
    (name, value.to_string())
}
