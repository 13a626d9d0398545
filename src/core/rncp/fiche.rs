//! One fiche of the RNCP export, read in full from its bytes (the range the scan gave): the
//! elements SPEC §13 lists, every other one ignored. Texts are decoded (entities, CDATA, HTML of
//! older exports turned into line breaks); a block's `LISTE_COMPETENCES` is kept as written, for
//! the splitter and to be shown beside its split.

use super::date::Date;
use super::{referential_id, xml, MAX_DEPTH, MAX_FICHE_BYTES, MAX_TEXT_CHARS};
use crate::core::custom::code::{self, arg, failure};
use crate::core::exchange::{fr_mib, quote, ImportFailure};
use crate::core::text::fold_whitespace;
use quick_xml::events::Event;
use quick_xml::Reader;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CodeLabel {
    pub code: String,
    pub label: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct FicheBlock {
    /// `CODE` (« RNCP37674BC01 »), absent from some fiches.
    pub code: Option<String>,
    /// `LIBELLE`.
    pub title: String,
    /// `LISTE_COMPETENCES` as written (entities decoded, nothing else touched).
    pub list: String,
    /// `MODALITES_EVALUATION`, one paragraph per line.
    pub modalities: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Fiche {
    /// « RNCP37674 ».
    pub number: String,
    pub title: String,
    pub active: bool,
    /// `ETAT_FICHE` (« Publiée »…).
    pub state: String,
    /// `NOMENCLATURE_EUROPE/NIVEAU` (« NIV6 ») and its `INTITULE`.
    pub level: Option<String>,
    pub level_label: Option<String>,
    pub rome: Vec<CodeLabel>,
    pub nsf: Vec<CodeLabel>,
    pub certifiers: Vec<String>,
    /// `ACTIVITES_VISEES` and `CAPACITES_ATTESTEES`, one paragraph per line.
    pub activities: String,
    pub capacities: String,
    pub blocks: Vec<FicheBlock>,
    pub registered_until: Option<Date>,
    pub decided_on: Option<Date>,
}

impl Fiche {
    /// `rncp<digits>`.
    pub fn referential_id(&self) -> Option<String> {
        referential_id(&self.number)
    }

    /// The fiche's page on francecompetences.fr.
    pub fn url(&self) -> String {
        fiche_url(&self.number)
    }
}

/// `https://www.francecompetences.fr/recherche/rncp/<digits>/`.
pub fn fiche_url(number: &str) -> String {
    let digits: String = number.chars().filter(char::is_ascii_digit).collect();
    format!("https://www.francecompetences.fr/recherche/rncp/{digits}/")
}

/// Where a text goes, from the path of its element below `FICHE`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Slot {
    Number,
    Title,
    Active,
    State,
    Level,
    LevelLabel,
    RomeCode,
    RomeLabel,
    NsfCode,
    NsfLabel,
    Certifier,
    Activities,
    Capacities,
    RegisteredUntil,
    DecidedOn,
    BlockCode,
    BlockTitle,
    BlockList,
    BlockModalities,
}

fn slot(path: &[String]) -> Option<Slot> {
    let p: Vec<&str> = path.iter().map(String::as_str).collect();
    Some(match p.as_slice() {
        ["NUMERO_FICHE"] => Slot::Number,
        ["INTITULE"] => Slot::Title,
        ["ACTIF"] => Slot::Active,
        ["ETAT_FICHE"] => Slot::State,
        ["NOMENCLATURE_EUROPE", "NIVEAU"] => Slot::Level,
        ["NOMENCLATURE_EUROPE", "INTITULE"] => Slot::LevelLabel,
        ["CODES_ROME", "ROME", "CODE"] => Slot::RomeCode,
        ["CODES_ROME", "ROME", "LIBELLE"] => Slot::RomeLabel,
        ["CODES_NSF", "NSF", "CODE"] => Slot::NsfCode,
        ["CODES_NSF", "NSF", "LIBELLE"] => Slot::NsfLabel,
        ["CERTIFICATEURS", "CERTIFICATEUR", "NOM_CERTIFICATEUR"] => Slot::Certifier,
        ["ACTIVITES_VISEES"] => Slot::Activities,
        ["CAPACITES_ATTESTEES"] => Slot::Capacities,
        ["DATE_FIN_ENREGISTREMENT"] => Slot::RegisteredUntil,
        ["DATE_DECISION"] => Slot::DecidedOn,
        ["BLOCS_COMPETENCES", "BLOC_COMPETENCES", last] => match *last {
            "CODE" => Slot::BlockCode,
            "LIBELLE" => Slot::BlockTitle,
            "LISTE_COMPETENCES" => Slot::BlockList,
            "MODALITES_EVALUATION" => Slot::BlockModalities,
            _ => return None,
        },
        _ => return None,
    })
}

/// The parse under way: the element path below `FICHE`, the slot being read and its text.
struct Parse {
    fiche: Fiche,
    path: Vec<String>,
    /// The slot being read and the depth of its element.
    reading: Option<(Slot, usize)>,
    text: String,
}

/// Parses the bytes of one fiche, `<FICHE>…</FICHE>`, as the scan located it; `number` is the
/// number the scan read there (the bytes are read again from the file, which may have changed).
pub fn parse_fiche(bytes: &[u8], number: &str) -> Result<Fiche, ImportFailure> {
    let fiche = parse(bytes, number)?;
    if fiche.number != number {
        return Err(failure(
            code::FICHE_MISMATCH,
            vec![arg("expected", number), arg("found", quote(&fiche.number))],
        ));
    }
    Ok(fiche)
}

fn parse(bytes: &[u8], number: &str) -> Result<Fiche, ImportFailure> {
    let not_a_fiche = || failure(code::NOT_A_FICHE, vec![arg("fiche", number)]);
    if bytes.len() > MAX_FICHE_BYTES {
        return Err(failure(
            code::FICHE_TOO_LARGE,
            vec![
                arg("fiche", number),
                arg("size_fr", fr_mib(bytes.len() as u64)),
                arg("limit_fr", fr_mib(MAX_FICHE_BYTES as u64)),
            ],
        ));
    }
    let mut reader = Reader::from_reader(bytes);
    reader.config_mut().allow_dangling_amp = true;
    let mut p = Parse {
        fiche: Fiche {
            // Named in messages until the fiche's own number is read.
            number: number.to_string(),
            ..Fiche::default()
        },
        path: Vec::new(),
        reading: None,
        text: String::new(),
    };
    // 0 before and after the `FICHE` element, which is depth 1.
    let mut depth = 0usize;
    let mut done = false;
    loop {
        let at = reader.buffer_position() as usize;
        let event = match reader.read_event() {
            Ok(Event::Eof) => break,
            Ok(e) => e,
            Err(quick_xml::Error::Syntax(_)) if depth > 0 => return Err(p.truncated()),
            Err(_) if depth > 0 => return Err(p.malformed(bytes, at)),
            Err(_) => return Err(not_a_fiche()),
        };
        if depth == 0 {
            match event {
                Event::Start(e) if !done && e.name().as_ref() == b"FICHE" => depth = 1,
                Event::Text(t) if t.iter().all(u8::is_ascii_whitespace) => {}
                Event::Decl(_) | Event::Comment(_) | Event::PI(_) => {}
                _ => return Err(not_a_fiche()),
            }
            continue;
        }
        depth = p.on_event(event, depth)?;
        done = depth == 0;
    }
    if !done {
        return Err(if depth > 0 {
            p.truncated()
        } else {
            not_a_fiche()
        });
    }
    Ok(p.fiche)
}

impl Parse {
    /// One event inside the fiche, at `depth`; returns the depth after it.
    fn on_event(&mut self, event: Event<'_>, depth: usize) -> Result<usize, ImportFailure> {
        match event {
            Event::Start(e) => {
                if depth + 1 > MAX_DEPTH {
                    return Err(failure(code::TOO_DEEP, vec![arg("max", MAX_DEPTH)]));
                }
                self.open(depth + 1, &String::from_utf8_lossy(e.name().as_ref()));
                return Ok(depth + 1);
            }
            Event::Empty(e) => {
                self.open(depth + 1, &String::from_utf8_lossy(e.name().as_ref()));
                self.close(depth + 1);
            }
            Event::End(_) => {
                self.close(depth);
                return Ok(depth - 1);
            }
            Event::Text(t) if self.reading.is_some() => {
                xml::push_text(&mut self.text, &t).map_err(|_| self.not_utf8())?;
                self.check_length()?;
            }
            Event::CData(t) if self.reading.is_some() => {
                xml::push_cdata(&mut self.text, &t).map_err(|_| self.not_utf8())?;
                self.check_length()?;
            }
            Event::GeneralRef(r) if self.reading.is_some() => {
                xml::push_ref(&mut self.text, &r).map_err(|_| self.not_utf8())?;
            }
            Event::Text(t) => {
                // Text nobody reads must still be UTF-8: the file is damaged otherwise.
                t.decode().map_err(|_| self.not_utf8())?;
            }
            _ => {}
        }
        Ok(depth)
    }

    /// An element opens at `depth` (1 = `FICHE`).
    fn open(&mut self, depth: usize, name: &str) {
        if depth == 1 {
            return;
        }
        self.path.push(name.to_string());
        if let Some((_, d)) = self.reading {
            // HTML written unescaped inside a text: its paragraphs and breaks end lines.
            if d < depth && xml::element_breaks_line(name.as_bytes()) {
                self.text.push('\n');
            }
            return;
        }
        match self.path.as_slice() {
            [a, b] if a == "CODES_ROME" && b == "ROME" => self.fiche.rome.push(CodeLabel {
                code: String::new(),
                label: String::new(),
            }),
            [a, b] if a == "CODES_NSF" && b == "NSF" => self.fiche.nsf.push(CodeLabel {
                code: String::new(),
                label: String::new(),
            }),
            [a, b] if a == "BLOCS_COMPETENCES" && b == "BLOC_COMPETENCES" => {
                self.fiche.blocks.push(FicheBlock::default())
            }
            _ => {}
        }
        if let Some(s) = slot(&self.path) {
            self.reading = Some((s, depth));
            self.text.clear();
        }
    }

    fn close(&mut self, depth: usize) {
        if depth == 1 {
            return;
        }
        self.path.pop();
        if let Some((s, d)) = self.reading {
            if d == depth {
                self.reading = None;
                let text = std::mem::take(&mut self.text);
                self.store(s, text);
            }
        }
    }

    fn store(&mut self, s: Slot, text: String) {
        let line = || fold_whitespace(&xml::html_to_text(&text));
        let f = &mut self.fiche;
        match s {
            Slot::Number => f.number = line().to_ascii_uppercase(),
            Slot::Title => f.title = line(),
            Slot::Active => f.active = line().eq_ignore_ascii_case("oui"),
            Slot::State => f.state = line(),
            Slot::Level => f.level = Some(line()).filter(|l| !l.is_empty()),
            Slot::LevelLabel => f.level_label = Some(line()).filter(|l| !l.is_empty()),
            Slot::RomeCode => set_last(&mut f.rome, |c| c.code = line()),
            Slot::RomeLabel => set_last(&mut f.rome, |c| c.label = line()),
            Slot::NsfCode => set_last(&mut f.nsf, |c| c.code = line()),
            Slot::NsfLabel => set_last(&mut f.nsf, |c| c.label = line()),
            Slot::Certifier => {
                let name = line();
                if !name.is_empty() && !f.certifiers.contains(&name) {
                    f.certifiers.push(name);
                }
            }
            Slot::Activities => f.activities = xml::paragraphs(&text),
            Slot::Capacities => f.capacities = xml::paragraphs(&text),
            Slot::RegisteredUntil => f.registered_until = Date::parse_fr(&line()),
            Slot::DecidedOn => f.decided_on = Date::parse_fr(&line()),
            Slot::BlockCode => set_last(&mut f.blocks, |b| {
                b.code = Some(line()).filter(|c| !c.is_empty())
            }),
            Slot::BlockTitle => set_last(&mut f.blocks, |b| b.title = line()),
            Slot::BlockList => set_last(&mut f.blocks, |b| b.list = text.trim().to_string()),
            Slot::BlockModalities => {
                set_last(&mut f.blocks, |b| b.modalities = xml::paragraphs(&text))
            }
        }
    }

    fn check_length(&self) -> Result<(), ImportFailure> {
        if self.text.len() <= MAX_TEXT_CHARS {
            return Ok(());
        }
        let count = self.text.chars().count();
        if count <= MAX_TEXT_CHARS {
            return Ok(());
        }
        let element = self.path.last().cloned().unwrap_or_default();
        let fiche = arg("fiche", &self.fiche.number);
        let mut args = vec![fiche, arg("element", element), arg("max", MAX_TEXT_CHARS)];
        let in_block = self.path.first().is_some_and(|p| p == "BLOCS_COMPETENCES");
        Err(match self.fiche.blocks.last().filter(|_| in_block) {
            Some(b) => {
                args.push(arg("block", block_name(b, self.fiche.blocks.len())));
                failure(code::TEXT_TOO_LONG_IN_BLOCK, args)
            }
            None => failure(code::TEXT_TOO_LONG, args),
        })
    }

    fn truncated(&self) -> ImportFailure {
        failure(
            code::TRUNCATED_IN_FICHE,
            vec![arg("fiche", &self.fiche.number)],
        )
    }

    fn malformed(&self, bytes: &[u8], at: usize) -> ImportFailure {
        let line = 1 + bytes[..at.min(bytes.len())]
            .iter()
            .filter(|b| **b == b'\n')
            .count();
        failure(
            code::XML_MALFORMED_IN_FICHE,
            vec![arg("line", line), arg("fiche", &self.fiche.number)],
        )
    }

    fn not_utf8(&self) -> ImportFailure {
        failure(code::NOT_UTF8, vec![arg("fiche", &self.fiche.number)])
    }
}

fn set_last<T>(v: &mut [T], f: impl FnOnce(&mut T)) {
    if let Some(last) = v.last_mut() {
        f(last);
    }
}

/// How a message names a block: its code, else its position and title.
pub fn block_name(b: &FicheBlock, position: usize) -> String {
    match &b.code {
        Some(c) => c.clone(),
        None if b.title.is_empty() => format!("n° {position}"),
        None => format!(
            "n° {position} « {} »",
            crate::core::exchange::quote(&b.title)
        ),
    }
}
