//! Several named dossiers per browser (shared classroom computers): create, rename, open, delete.

use crate::ui::i18n::use_i18n;
use crate::ui::state::use_app_state;
use leptos::prelude::*;

#[component]
pub fn DossiersPage() -> impl IntoView {
    let i18n = use_i18n();
    let state = use_app_state();
    crate::ui::router::focus_after_render(None);
    let (new_name, set_new_name) = signal(String::new());
    let create = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        state.create_dossier(&new_name.get_untracked());
        set_new_name.set(String::new());
    };
    let rows = move || {
        let active = state.index.with(|i| i.active.clone());
        state
            .index
            .get()
            .dossiers
            .into_iter()
            .map(|meta| {
                let is_active = active.as_deref() == Some(meta.id.as_str());
                view! { <DossierRow id=meta.id name=meta.name updated=meta.updated_at active=is_active/> }
            })
            .collect_view()
    };
    view! {
        <section class="dossiers">
            <crate::ui::components::page_head::PageHead route=crate::core::route::Route::Dossiers/>
            <ul class="dossier-list" data-testid="dossier-list">{rows}</ul>
            <form class="inline-form" on:submit=create>
                <label for="new-dossier">{move || i18n.t("dossier.new_label")}</label>
                <input id="new-dossier" type="text" maxlength="60" autocomplete="off"
                    prop:value=move || new_name.get() on:input=move |ev| set_new_name.set(event_target_value(&ev))/>
                <button type="submit" class="primary">{move || i18n.t("dossier.create")}</button>
            </form>
            <crate::ui::components::transfer_panel::TransferPanel/>
        </section>
    }
}

#[component]
fn DossierRow(id: String, name: String, updated: String, active: bool) -> impl IntoView {
    let i18n = use_i18n();
    let state = use_app_state();
    let (editing, set_editing) = signal(false);
    let (confirming, set_confirming) = signal(false);
    let (draft, set_draft) = signal(name.clone());
    let (id1, id2, id3) = (id.clone(), id.clone(), id.clone());
    let name_for_confirm = name.clone();
    let input_id = format!("rename-{id}");
    let date = updated.get(..10).unwrap_or_default().to_owned();
    view! {
        <li class=if active { "dossier active" } else { "dossier" } data-testid="dossier" data-dossier=id.clone()>
            <p class="dossier-name">
                <strong>{name.clone()}</strong>
                {active.then(|| view! { " " <span class="badge">{move || i18n.t("dossier.active")}</span> })}
                <span class="muted">" · "{move || i18n.t_with("dossier.updated", &[("date", &date)])}</span>
            </p>
            <Show when=move || editing.get()>
                <form class="inline-form" on:submit={
                    let id = id1.clone();
                    move |ev: leptos::ev::SubmitEvent| {
                        ev.prevent_default();
                        state.rename_dossier(&id, &draft.get_untracked());
                        set_editing.set(false);
                    }
                }>
                    <label for=input_id.clone()>{move || i18n.t("dossier.rename_label")}</label>
                    <input id=input_id.clone() type="text" maxlength="60" prop:value=move || draft.get()
                        on:input=move |ev| set_draft.set(event_target_value(&ev))/>
                    <button type="submit" class="primary">{move || i18n.t("dossier.save")}</button>
                    <button type="button" class="secondary" on:click=move |_| set_editing.set(false)>{move || i18n.t("dossier.cancel")}</button>
                </form>
            </Show>
            <Show when=move || confirming.get()>
                <div class="confirm" role="alertdialog" aria-live="assertive">
                    <p>{let n = name_for_confirm.clone(); move || i18n.t_with("dossier.confirm_delete", &[("name", &n)])}</p>
                    <button type="button" class="danger" on:click={
                        let id = id2.clone();
                        move |_| { state.delete_dossier(&id); set_confirming.set(false); }
                    }>{move || i18n.t("dossier.confirm_yes")}</button>
                    <button type="button" class="secondary" on:click=move |_| set_confirming.set(false)>{move || i18n.t("dossier.cancel")}</button>
                </div>
            </Show>
            <p class="actions">
                {(!active).then(|| {
                    let id = id3.clone();
                    view! { <button type="button" class="primary" on:click=move |_| state.switch_dossier(&id)>{move || i18n.t("dossier.open")}</button> }
                })}
                <button type="button" class="secondary" on:click=move |_| set_editing.set(true)>{move || i18n.t("dossier.rename")}</button>
                <button type="button" class="secondary" on:click=move |_| set_confirming.set(true)>{move || i18n.t("dossier.delete")}</button>
            </p>
        </li>
    }
}
