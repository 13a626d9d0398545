//! Rendering of referential text: fields, multi-paragraph texts, tables. Always `lang="fr"`.

use crate::core::model::Field;
use leptos::prelude::*;

/// A text whose lines are paragraphs, with runs of `- ` lines rendered as a list.
#[component]
pub fn RichText(text: String) -> impl IntoView {
    let mut parts: Vec<AnyView> = Vec::new();
    let mut bullets: Vec<String> = Vec::new();
    let flush = |bullets: &mut Vec<String>, parts: &mut Vec<AnyView>| {
        if !bullets.is_empty() {
            let items = std::mem::take(bullets);
            parts.push(view! { <ul>{items.into_iter().map(|b| view! { <li>{b}</li> }).collect_view()}</ul> }.into_any());
        }
    };
    for line in text.lines().map(str::trim).filter(|l| !l.is_empty()) {
        if let Some(b) = line.strip_prefix("- ") {
            bullets.push(b.to_owned());
        } else {
            flush(&mut bullets, &mut parts);
            parts.push(view! { <p>{line.to_owned()}</p> }.into_any());
        }
    }
    flush(&mut bullets, &mut parts);
    view! { <div class="rich-text" lang="fr">{parts}</div> }
}

#[component]
pub fn FieldValue(field: Field) -> impl IntoView {
    if let Some(t) = field.text {
        view! { <RichText text=t/> }.into_any()
    } else if let Some(list) = field.list {
        view! { <ul class="field-list" lang="fr">{list.into_iter().map(|x| view! { <li>{x}</li> }).collect_view()}</ul> }
            .into_any()
    } else if let Some(table) = field.table {
        let has_head = table.head.iter().any(|h| !h.is_empty());
        // The first column names each row only when its header cell is empty (e.g. « Travail en
        // extérieur | X | »); otherwise it is data like the others.
        let row_headers = table.head.first().is_none_or(|h| h.is_empty());
        // The scrollable region needs a name; seeds give a few tables no heading.
        let label = if field.label.is_empty() {
            table.head.join(" ").trim().to_owned()
        } else {
            field.label.clone()
        };
        view! {
            <div class="table-scroll" tabindex="0" role="region" aria-label=label>
                <table lang="fr">
                    {has_head.then(|| view! {
                        <thead><tr>{table.head.iter().map(|h| if h.is_empty() {
                            view! { <td></td> }.into_any()
                        } else {
                            view! { <th scope="col">{h.clone()}</th> }.into_any()
                        }).collect_view()}</tr></thead>
                    })}
                    <tbody>
                        {table.rows.into_iter().map(|row| {
                            let mut cells = row.into_iter();
                            let first = cells.next().unwrap_or_default();
                            view! {
                                <tr>
                                    {if row_headers && !first.is_empty() {
                                        view! { <th scope="row"><Lines text=first/></th> }.into_any()
                                    } else {
                                        view! { <td><Lines text=first/></td> }.into_any()
                                    }}
                                    {cells.map(|c| view! { <td><Lines text=c/></td> }).collect_view()}
                                </tr>
                            }
                        }).collect_view()}
                    </tbody>
                </table>
            </div>
        }
        .into_any()
    } else {
        ().into_any()
    }
}

/// A table cell whose lines stay on separate lines.
#[component]
fn Lines(text: String) -> impl IntoView {
    let lines: Vec<String> = text.lines().map(str::to_owned).collect();
    let n = lines.len();
    lines
        .into_iter()
        .enumerate()
        .map(|(i, l)| view! { {l}{(i + 1 < n).then(|| view! { <br/> })} })
        .collect_view()
}

/// The fields of a card or a group, each under the seed's own label.
#[component]
pub fn FieldList(fields: Vec<Field>) -> impl IntoView {
    (!fields.is_empty()).then(|| {
        view! {
            <div class="fields">
                {fields.into_iter().map(|f| {
                    let label = f.label.clone();
                    view! {
                        <div class="field">
                            {(!label.is_empty()).then(|| view! { <p class="field-label" lang="fr">{label}</p> })}
                            <div class="field-value"><FieldValue field=f/></div>
                        </div>
                    }
                }).collect_view()}
            </div>
        }
    })
}
