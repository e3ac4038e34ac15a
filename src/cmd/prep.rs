//! `khulasa prep`: sentences out to translation files, with a manifest and a register for `merge`.

use super::atomic::{lock_folder, prepare_file, Pending};
use super::InputArgs;
use anyhow::Context;
use clap::Args;
use khulasa::batch::{Item, Reporting, Status};
use khulasa::pipeline::{self, SummaryOptions};
use khulasa::spool;
use khulasa_export::{
    BatchFile, BatchWriter, Batcher, Caps, Counts, Format, Manifest, ManifestOptions, Profile, RegisterEntry, Unit,
    WriteOptions, MANIFEST_FILE, REGISTER_FILE,
};
use khulasa_normalize::Repairer;
use khulasa_score::{Budget, DefaultScorer, DefaultWeights};
use khulasa_stem::{Algorithm, Analyzer};
use std::collections::{HashMap, HashSet};
use std::io::{BufRead, Seek, Write};
use std::path::{Path, PathBuf};

/// Who opens CSV and TSV files.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum PrepProfile {
    /// Text as it is.
    Plain,
    /// A UTF-8 BOM and formula cells neutralised with a leading `'` (undone by `merge`).
    Excel,
}

#[derive(Debug, Args)]
pub struct PrepArgs {
    #[command(flatten)]
    pub input: InputArgs,
    /// The folder to write translation files, the manifest and the register into.
    #[arg(long)]
    out: PathBuf,
    /// The format of the batch files: csv (Translate Toolkit, Weblate, spreadsheets), tsv, jsonl, lines (`.ar` +
    /// `.ids`: Marian, CTranslate2, fairseq), xliff (2.0), xliff12, po (gettext: Weblate, Pootle, Poedit) or xlsx
    /// (Excel, LibreOffice: right to left, only the target column editable).
    #[arg(long, default_value = "csv", value_parser = |name: &str| Format::parse(name))]
    format: Format,
    /// `excel`: a BOM and formula neutralising, for CSV and TSV opened in a spreadsheet.
    #[arg(long, value_enum, default_value = "plain")]
    profile: PrepProfile,
    /// Only the sentences of each story's summary (as `summarize` makes it with the options below).
    #[arg(long)]
    summary_only: bool,
    #[command(flatten)]
    summary: SummaryChoice,
    /// The target language (BCP 47, e.g. `en`): XLIFF files then carry empty targets, TMX is labelled with it.
    #[arg(long)]
    target_lang: Option<String>,
    /// At most N source characters a batch file (a story is cut only when it alone is longer).
    #[arg(long, value_parser = clap::value_parser!(u64).range(1..))]
    max_chars: Option<u64>,
    /// At most N units a batch file (a story is cut only when it alone has more).
    #[arg(long, value_parser = clap::value_parser!(u64).range(1..))]
    max_units: Option<u64>,
    /// Send a sentence repeated across stories once; `merge` fills every place it stands.
    #[arg(long)]
    dedupe: bool,
    /// Add a `max_length` column: the source's characters times R, rounded up.
    #[arg(long, value_name = "R")]
    max_length_ratio: Option<f64>,
    /// XLIFF targets written as copies of the sources, for tools that translate in the target: OmegaT 3.6 finds
    /// no segment otherwise (use `--format xliff12`; it reads no XLIFF 2.0). A copy left unchanged comes back
    /// reported as untranslated.
    #[arg(long)]
    copy_source: bool,
}

/// The summary behind ranks, the `summary=` notes and `--summary-only`: `summarize`'s options under the same names
/// and defaults, so that a batch says what `summarize` with the same options prints.
#[derive(Debug, Args)]
pub struct SummaryChoice {
    /// At most N sentences (the default budget is 3 sentences).
    #[arg(long, group = "budget", allow_negative_numbers = true, value_parser = super::at_least_one)]
    sentences: Option<usize>,
    /// At most N words (white-space-separated), whole sentences in rank order while they fit, at least one.
    #[arg(long, group = "budget", allow_negative_numbers = true, value_parser = super::at_least_one)]
    words: Option<usize>,
    /// At most this fraction of the document's words (0 to 1).
    #[arg(long, group = "budget", allow_negative_numbers = true, value_parser = super::fraction)]
    ratio: Option<f64>,
    /// The scorer.
    #[arg(long, default_value = "default", value_parser = khulasa_score::SCORER_NAMES)]
    scorer: String,
    /// The stemmer behind the terms.
    #[arg(long, default_value = "light", value_parser = ["light", "snowball", "none"])]
    stemmer: String,
    /// Keep stop words in the terms.
    #[arg(long)]
    keep_stopwords: bool,
    /// Redundancy control (MMR): λ weighs a sentence's score against its likeness to those already chosen;
    /// 1 is plain rank order, lower values say less twice.
    #[arg(long, value_name = "λ", default_value_t = khulasa_score::DEFAULT_DIVERSITY,
          value_parser = super::summarize::lambda)]
    diversity: f64,
    /// Weights of the weighted scorer: centrality,position,relative,headline,centroid,length.
    #[arg(long, value_name = "C,P,R,H,M,L", value_parser = super::summarize::weights)]
    weights: Option<DefaultWeights>,
}

impl SummaryChoice {
    fn budget(&self) -> Budget {
        match (self.sentences, self.words, self.ratio) {
            (Some(n), _, _) => Budget::Sentences(n),
            (_, Some(n), _) => Budget::Words(n),
            // `fraction` has checked it is within 0 to 1.
            (_, _, Some(r)) => Budget::Ratio(r),
            _ => Budget::Sentences(3),
        }
    }

    fn algorithm(&self) -> Algorithm {
        Algorithm::parse(&self.stemmer).unwrap_or(Algorithm::Light)
    }

    fn scorer(&self) -> anyhow::Result<Box<dyn khulasa_score::Scorer>> {
        Ok(match (&self.weights, self.scorer.as_str()) {
            (Some(w), "weighted") => Box::new(DefaultScorer::new(*w)),
            (Some(_), other) => anyhow::bail!("--weights applies to the weighted scorer only, not {other}"),
            (None, name) => khulasa_score::scorer(name).with_context(|| format!("unknown scorer {name}"))?,
        })
    }
}

/// A budget as the manifest records it: `3 sentences`, `60 words`, `0.25 of the words`.
fn budget_text(budget: Budget) -> String {
    match budget {
        Budget::Sentences(n) => format!("{n} sentences"),
        Budget::Words(n) => format!("{n} words"),
        Budget::Ratio(r) => format!("{r} of the words"),
    }
}

/// Weights as `--weights` takes them.
fn weights_text(w: DefaultWeights) -> String {
    [w.centrality, w.position, w.relative, w.headline, w.centroid, w.length]
        .map(|x| x.to_string())
        .join(",")
}

/// One story's sentences as exported, before deduplication.
struct Story {
    units: Vec<Unit>,
    entries: Vec<RegisterEntry>,
    /// Units the splitter found, furniture included (what the closing report of the passes counts).
    split: usize,
    /// Whether the feed's title is sent as the headline unit (it is no split unit).
    title: bool,
}

pub fn run(args: &PrepArgs, reporting: &Reporting) -> anyhow::Result<Status> {
    if let Some(r) = args.max_length_ratio {
        if !(r.is_finite() && r > 0.0) {
            super::merge::usage(&format!("--max-length-ratio must be a positive number, not {r}"));
        }
    }
    if args.out.exists() && !args.out.is_dir() {
        super::merge::usage(&format!("--out {} is a file, not a folder", args.out.display()));
    }
    let format = args.format;
    let prep_id = new_prep_id();
    let profile = match args.profile {
        PrepProfile::Plain => Profile::Plain,
        PrepProfile::Excel => Profile::Excel,
    };
    let inputs = super::merge::canonical_files(&args.input.inputs);
    refuse_inputs_in_out(&args.out, &inputs);
    super::atomic::create_out_dir(&args.out)?;
    // Taken before the inputs are read: a second run into the folder is refused at once, not after its first pass.
    let _lock = lock_folder(&args.out)?;
    let repairer = Repairer::new();
    let choice = &args.summary;
    let analyzer = Analyzer::new(choice.algorithm(), !choice.keep_stopwords);
    let scorer = choice.scorer()?;
    let budget = choice.budget();
    // The summary behind ranks and `--summary-only` is the one `summarize` prints by default: its scorer, budget,
    // redundancy control and IDF source (the batch's own when it holds enough documents, else the background
    // table). tests/prep_merge.rs checks that the two agree.
    let counted = khulasa::df::count_and_keep(
        args.input.documents(),
        &repairer,
        &analyzer,
        reporting.progress("reading"),
    )?;
    let (idf, idf_source) = if counted.documents >= khulasa::df::MIN_BATCH_DOCUMENTS {
        (Some(counted.batch_idf_by_id()), "batch")
    } else if pipeline::takes_background(choice.algorithm(), choice.keep_stopwords) {
        (Some(counted.background_idf_by_id()), "background")
    } else {
        // The background table holds light stems without stop words: other terms count the story's sentences.
        (None, "document")
    };
    let diversity = choice.diversity;
    let options = SummaryOptions {
        analyzer: &analyzer,
        scorer: scorer.as_ref(),
        budget,
        // The second pass takes IDF by term id from `idf`.
        df: None,
    };
    let caps = Caps {
        max_chars: args.max_chars.map(|n| n as usize),
        max_units: args.max_units.map(|n| n as usize),
    };
    // Batch files and the register are written as stories come (memory stays flat on an archive), each to a
    // temporary file renamed into place when complete.
    let mut output = Output {
        dir: &args.out,
        format,
        options: WriteOptions {
            profile,
            source_lang: "ar".into(),
            target_lang: args.target_lang.clone(),
            original: String::new(),
            batch_id: String::new(),
            copy_source: args.copy_source,
        },
        max_length: args.max_length_ratio.is_some(),
        prep_id: prep_id.clone(),
        batches: Vec::new(),
        complete: Vec::new(),
        open: None,
    };
    let register_path = args.out.join(REGISTER_FILE);
    let (mut register_file, mut register) = Pending::create(&register_path)?;
    let register_error = |e: std::io::Error| named_error(&register_path, e);
    let mut batcher = Batcher::new(caps);
    let mut counts = Counts::default();
    let mut repeats: HashMap<String, Repeat> = HashMap::new();
    // With --dedupe, a unit's note says how often it repeats and whether any occurrence is in a summary, which
    // only the last story tells: the units wait in a temporary file, story by story, until then.
    let mut held = if args.dedupe {
        Some(std::io::BufWriter::new(
            tempfile::tempfile().context("cannot create a temporary file")?,
        ))
    } else {
        None
    };
    let mut stories: HashSet<String> = HashSet::new();
    let mut duplicates = 0usize;
    let mut split_units = 0usize;
    let mut titles = 0usize;
    let khulasa::df::Counted { kept, tally, .. } = counted;
    let written = spool::second_pass(
        kept,
        |mut view| {
            let id = view.id.to_owned();
            let title = view.title.to_owned();
            let changes = std::mem::take(&mut view.changes);
            let summary = view.summarize(idf.as_deref(), &options, diversity);
            let story = story(&summary, &id, &title, &changes, args);
            if story.units.is_empty() && !args.summary_only {
                // Dropping it silently would look like a story lost on the way to the translators.
                return Err("no sentence to translate (only furniture: counters, bylines, links)".into());
            }
            Ok((id, story))
        },
        |record, (id, story)| {
            if !stories.insert(khulasa_export::clean(&id).into_owned()) {
                duplicates += 1;
                khulasa::batch::warn(&format!(
                    "{}: story id `{}` was already exported from another input; skipped",
                    record.origin(),
                    id
                ));
                return Ok(());
            }
            // The first pass counted the story's split units for the passes' closing report; what was sent is
            // said by prep's own closing line, from the counts the manifest holds.
            split_units += story.split;
            titles += usize::from(story.title);
            let mut fresh = Vec::with_capacity(story.units.len());
            for (unit, mut entry) in story.units.into_iter().zip(story.entries) {
                counts.sentences += 1;
                let repeat = args.dedupe && {
                    match repeats.get_mut(&unit.source) {
                        Some(first) => {
                            entry.sent = first.id.clone();
                            first.occurrences += 1;
                            first.in_summary |= entry.summary;
                            true
                        }
                        None => {
                            repeats.insert(
                                unit.source.clone(),
                                Repeat {
                                    id: unit.id.clone(),
                                    occurrences: 1,
                                    in_summary: entry.summary,
                                },
                            );
                            false
                        }
                    }
                };
                serde_json::to_writer(&mut register, &entry).map_err(|e| register_error(e.into()))?;
                register.write_all(b"\n").map_err(register_error)?;
                if repeat {
                    counts.repeated_units += 1;
                    counts.repeated_words += unit.words();
                } else {
                    fresh.push(unit);
                }
            }
            counts.units += fresh.len();
            counts.chars += fresh.iter().map(Unit::chars).sum::<usize>();
            counts.words += fresh.iter().map(Unit::words).sum::<usize>();
            match &mut held {
                Some(held) => {
                    serde_json::to_writer(&mut *held, &fresh).map_err(std::io::Error::from)?;
                    held.write_all(b"\n")
                }
                None => place(&mut batcher, &mut output, &fresh),
            }
        },
        reporting.progress("writing"),
    )?;
    let tally = tally.then(written);
    reporting.close(&tally);
    if let Some(held) = held {
        // Every occurrence is known now: each unit says how often it stands and whether in any summary.
        let mut file = held.into_inner().map_err(|e| e.into_error())?;
        file.seek(std::io::SeekFrom::Start(0))?;
        for line in std::io::BufReader::new(file).lines() {
            let mut units: Vec<Unit> = serde_json::from_str(&line?)?;
            for unit in &mut units {
                if let Some(repeat) = repeats.get(&unit.source) {
                    repeat.annotate(unit);
                }
            }
            place(&mut batcher, &mut output, &units)?;
        }
    }
    output.finish_current()?;
    let batches = std::mem::take(&mut output.batches);
    let batch_files = std::mem::take(&mut output.complete);
    register_file.complete(register)?;
    let manifest = Manifest {
        tool: "khulasa".into(),
        version: env!("CARGO_PKG_VERSION").into(),
        prep_id: prep_id.clone(),
        units: counts.units,
        words: counts.words,
        characters: counts.chars,
        inputs: args.input.inputs.iter().map(|p| p.display().to_string()).collect(),
        options: ManifestOptions {
            format,
            profile,
            source_lang: "ar".into(),
            target_lang: args.target_lang.clone(),
            summary_only: args.summary_only,
            dedupe: args.dedupe,
            caps,
            max_length_ratio: args.max_length_ratio,
            scorer: scorer.name().into(),
            budget: budget_text(budget),
            diversity,
            idf: idf_source.into(),
            stemmer: choice.stemmer.clone(),
            keep_stopwords: choice.keep_stopwords,
            weights: choice.weights.map(weights_text).unwrap_or_default(),
        },
        counts: Counts {
            documents: tally.documents - duplicates,
            failed_documents: tally.failures + duplicates,
            ..counts
        },
        batches,
        register: REGISTER_FILE.into(),
    };
    // Each file's length and SHA-256, beside the fields of `Manifest`: `merge` refuses a folder whose files are
    // not the ones this manifest was written with (a run killed while renaming, a file copied from another run).
    let mut listed = serde_json::to_value(&manifest)?;
    if let Some(fields) = listed.as_object_mut() {
        fields.insert(
            CHECKSUMS_FIELD.into(),
            checksums(batch_files.iter().chain([&register_file])),
        );
    }
    let manifest_file = prepare_file(&args.out.join(MANIFEST_FILE), |mut w| {
        serde_json::to_writer_pretty(&mut w, &listed).map_err(std::io::Error::from)?;
        w.write_all(b"\n")?;
        w.flush()
    })?;
    // Every file is complete: rename them into place, the manifest (which lists the others) last.
    let files: Vec<Pending> = batch_files.into_iter().chain([register_file, manifest_file]).collect();
    if let Some(input) = files.iter().find(|f| super::merge::is_one_of(f.path(), &inputs)) {
        anyhow::bail!("--out: writing {} would overwrite an input", input.path().display());
    }
    for file in files {
        file.persist()?;
    }
    if reporting.stats {
        khulasa::batch::warn(&closing_report(&manifest, split_units, titles));
    }
    Ok(if duplicates > 0 {
        Status::SomeFailed
    } else {
        tally.status()
    })
}

/// With `--dedupe`: a sentence sent once, and how it stands wherever it occurs.
struct Repeat {
    /// The id it was sent under (its first occurrence's).
    id: String,
    /// Its occurrences, the first included.
    occurrences: usize,
    /// Whether any occurrence is in its story's summary.
    in_summary: bool,
}

impl Repeat {
    /// The unit's developer comments made true of every occurrence: `summary=yes` when any is in a summary, and
    /// `occurrences=N` when it stands more than once (what translators are quoted on as repetitions).
    fn annotate(&self, unit: &mut Unit) {
        if self.in_summary {
            if let Some(head) = unit.developer_comments.strip_suffix("summary=no") {
                unit.developer_comments = format!("{head}summary=yes");
            }
        }
        if self.occurrences > 1 {
            unit.developer_comments
                .push_str(&format!("; occurrences={}", self.occurrences));
        }
    }
}

/// Places one story's units into batches and writes them, opening a batch file where the batcher cuts.
fn place(batcher: &mut Batcher, output: &mut Output, units: &[Unit]) -> std::io::Result<()> {
    let mut from = 0;
    for cut in batcher.place(units) {
        output.write(units.get(from..cut).unwrap_or_default())?;
        output.start()?;
        from = cut;
    }
    output.write(units.get(from..).unwrap_or_default())
}

/// prep's closing line for `--stats`: what the manifest says was sent, and how it relates to the sentences the
/// passes' own report counts (every unit split, furniture included) and the feed titles sent as headlines.
fn closing_report(manifest: &Manifest, split_units: usize, titles: usize) -> String {
    let counts = &manifest.counts;
    let mut line = format!(
        "prep: {} units, {} words, {} characters in {} batch file(s); {} sentences exported of {} split and {} \
         feed titles ({} not sent: furniture or empty{})",
        manifest.units,
        manifest.words,
        manifest.characters,
        manifest.batches.len(),
        counts.sentences,
        split_units,
        titles,
        (split_units + titles).saturating_sub(counts.sentences),
        if manifest.options.summary_only {
            ", or not in a summary"
        } else {
            ""
        }
    );
    if manifest.options.dedupe {
        line.push_str(&format!(
            "; {} repeats ({} words) sent once",
            counts.repeated_units, counts.repeated_words
        ));
    }
    line
}

/// The units of one summarised story: every headline and body sentence (or only the summary's), with ids,
/// context, comments and location, and their register entries.
fn story(
    summary: &pipeline::Summary,
    story: &str,
    title: &str,
    changes: &[khulasa_export::SourceChange],
    args: &PrepArgs,
) -> Story {
    // A JSONL id may hold a line break or a control character; ids and `# ID` lines must not.
    let story = &*khulasa_export::clean(story);
    // Rank of every selectable sentence, by the order `select` uses: score, then position.
    let mut order: Vec<usize> = (0..summary.scored.len())
        .filter(|&i| {
            let unit = summary.scored.get(i).and_then(|&u| summary.split.units.get(u));
            unit.is_some_and(|u| u.kind == khulasa_split::Kind::Body)
        })
        .collect();
    let score = |i: usize| summary.scores.get(i).copied().unwrap_or(0.0);
    order.sort_by(|&a, &b| score(b).total_cmp(&score(a)).then(a.cmp(&b)));
    let mut rank_of: HashMap<usize, usize> = HashMap::new();
    for (rank, &i) in order.iter().enumerate() {
        rank_of.insert(i, rank + 1);
    }
    let picked: HashSet<usize> = summary.picks.iter().map(|p| p.index).collect();
    let mut out = Story {
        units: Vec::new(),
        entries: Vec::new(),
        split: summary.split.units.len(),
        title: false,
    };
    let mut previous = String::new();
    if let Some(unit) = title_unit(summary, story, title, args) {
        out.entries.push(RegisterEntry {
            story: story.to_owned(),
            index: summary.split.units.len(),
            id: unit.id.clone(),
            sent: unit.id.clone(),
            source: unit.source.clone(),
            location: unit.location.clone(),
            kind: khulasa_split::Kind::Headline.as_str().to_owned(),
            summary: false,
        });
        previous.clone_from(&unit.source);
        out.units.push(unit);
        out.title = true;
    }
    for (scored_index, &u) in summary.scored.iter().enumerate() {
        let Some(sentence) = summary.split.units.get(u) else {
            continue;
        };
        let in_summary = picked.contains(&scored_index);
        let mut unit = Unit::new(story, u, &sentence.text);
        let this = unit.source.clone();
        if unit.source.is_empty() || (args.summary_only && !in_summary) {
            previous = this;
            continue;
        }
        unit.context = if previous.is_empty() {
            story.to_owned()
        } else {
            format!("{story} | {previous}")
        };
        unit.developer_comments = match rank_of.get(&scored_index) {
            Some(rank) => format!(
                "kind={}; rank={rank}; score={:.4}; summary={}",
                sentence.kind.as_str(),
                score(scored_index),
                if in_summary { "yes" } else { "no" }
            ),
            None => format!("kind={}; summary=no", sentence.kind.as_str()),
        };
        unit.location = format!("{story}:{}-{}", sentence.start, sentence.end);
        // A change belongs to the sentence it starts in, as `split` lists them.
        unit.changes = changes
            .iter()
            .filter(|c| (sentence.start..sentence.end).contains(&c.start))
            .cloned()
            .collect();
        unit.max_length = args.max_length_ratio.map(|r| (unit.chars() as f64 * r).ceil() as usize);
        out.entries.push(RegisterEntry {
            story: story.to_owned(),
            index: u,
            id: unit.id.clone(),
            sent: unit.id.clone(),
            source: unit.source.clone(),
            location: unit.location.clone(),
            kind: sentence.kind.as_str().to_owned(),
            summary: in_summary,
        });
        out.units.push(unit);
        previous = this;
    }
    out
}

/// A feed's title as the story's headline unit, first: when the feed gives one and the text does not already
/// start with it (a title is what a translator renders first, and what a reader of the summary sees above it).
/// Its index is one past the story's last unit, where the pipeline scores it; its location `story:title`. None
/// with `--summary-only` (a headline is in no summary).
fn title_unit(summary: &pipeline::Summary, story: &str, title: &str, args: &PrepArgs) -> Option<Unit> {
    let title = khulasa_export::clean(title);
    if title.is_empty() || args.summary_only {
        return None;
    }
    let first = summary
        .split
        .units
        .iter()
        .find(|u| u.kind != khulasa_split::Kind::Furniture)
        .map(|u| khulasa_export::clean(&u.text));
    if first.is_some_and(|first| first.starts_with(title.as_ref())) {
        return None;
    }
    let mut unit = Unit::new(story, summary.split.units.len(), &title);
    unit.context = story.to_owned();
    unit.developer_comments = format!("kind={}; summary=no", khulasa_split::Kind::Headline.as_str());
    unit.location = format!("{story}:title");
    unit.max_length = args.max_length_ratio.map(|r| (unit.chars() as f64 * r).ceil() as usize);
    Some(unit)
}

/// Where batch files go while stories stream in.
struct Output<'a> {
    dir: &'a Path,
    format: Format,
    options: WriteOptions,
    max_length: bool,
    /// The run's id, which names its batch files.
    prep_id: String,
    batches: Vec<BatchFile>,
    /// Batch files complete on disk under their temporary names, renamed into place at the end of the run.
    complete: Vec<Pending>,
    open: Option<OpenBatch>,
}

/// The batch file being written.
struct OpenBatch {
    writer: BatchWriter<std::io::BufWriter<std::fs::File>>,
    files: Vec<String>,
    pending: Vec<Pending>,
    units: usize,
    chars: usize,
    words: usize,
}

impl Output<'_> {
    /// Completes the open batch file, if any, and opens the next.
    fn start(&mut self) -> std::io::Result<()> {
        self.finish_current()
            .map_err(|e| std::io::Error::other(format!("{e:#}")))?;
        // Named after the run and numbered, even when there is one: a file from another run is told by its name.
        let stem = khulasa_export::batch_id(&self.prep_id, self.batches.len() + 1);
        let mut files = vec![format!("{stem}.{}", self.format.extension(&self.options.source_lang))];
        if self.format == Format::Lines {
            files.push(format!("{stem}.ids"));
        }
        let mut pending = Vec::with_capacity(files.len());
        let mut create = |name: &String| -> std::io::Result<std::io::BufWriter<std::fs::File>> {
            let (file, writer) =
                Pending::create(&self.dir.join(name)).map_err(|e| std::io::Error::other(format!("{e:#}")))?;
            pending.push(file);
            Ok(writer)
        };
        let main = create(files.first().unwrap_or(&stem))?;
        let ids = match files.get(1) {
            Some(name) => Some(create(name)?),
            None => None,
        };
        let options = WriteOptions {
            original: files.first().cloned().unwrap_or_default(),
            batch_id: stem,
            ..self.options.clone()
        };
        let path = self.dir.join(&options.original);
        let writer = BatchWriter::new(self.format, &options, self.max_length, main, ids)
            .map_err(|e| named_error(&path, std::io::Error::other(e.to_string())))?;
        self.open = Some(OpenBatch {
            writer,
            files,
            pending,
            units: 0,
            chars: 0,
            words: 0,
        });
        Ok(())
    }

    /// Appends units to the open batch file (opening one if none is).
    fn write(&mut self, units: &[Unit]) -> std::io::Result<()> {
        if units.is_empty() {
            return Ok(());
        }
        if self.open.is_none() {
            self.start()?;
        }
        if let Some(open) = &mut self.open {
            let name = open.files.first().map(String::as_str).unwrap_or_default();
            open.writer
                .write(units)
                .map_err(|e| named_error(&self.dir.join(name), std::io::Error::other(e.to_string())))?;
            open.units += units.len();
            open.chars += units.iter().map(Unit::chars).sum::<usize>();
            open.words += units.iter().map(Unit::words).sum::<usize>();
        }
        Ok(())
    }

    /// Completes the open batch file: footer, flush, rename into place, listed for the manifest.
    fn finish_current(&mut self) -> anyhow::Result<()> {
        let Some(open) = self.open.take() else {
            return Ok(());
        };
        let name = open.files.first().cloned().unwrap_or_default();
        let (main, ids) = open
            .writer
            .finish()
            .with_context(|| format!("cannot write {}", self.dir.join(&name).display()))?;
        for (writer, mut file) in std::iter::once(main).chain(ids).zip(open.pending) {
            file.complete(writer)?;
            self.complete.push(file);
        }
        self.batches.push(BatchFile {
            files: open.files,
            units: open.units,
            chars: open.chars,
            words: open.words,
            characters: open.chars,
        });
        Ok(())
    }
}

/// A new run's id: the UTC time it started and four hex digits of its nanoseconds and process
/// (`20261207T122900Z-3fa1`), an XML NMTOKEN, so that it can stand as an XLIFF file id.
fn new_prep_id() -> String {
    let now = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap_or_default();
    let (year, month, day, hour, minute, second) =
        khulasa::input::utc_civil(i64::try_from(now.as_secs()).unwrap_or(i64::MAX));
    let salt = (now.subsec_nanos() ^ std::process::id().rotate_left(16)) & 0xffff;
    format!("{year:04}{month:02}{day:02}T{hour:02}{minute:02}{second:02}Z-{salt:04x}")
}

/// The manifest's field holding each file's length and SHA-256, by file name.
pub const CHECKSUMS_FIELD: &str = "checksums";

/// `{"NAME": {"bytes": N, "sha256": "…"}, …}` of complete files.
fn checksums<'a>(files: impl Iterator<Item = &'a Pending>) -> serde_json::Value {
    let mut map = serde_json::Map::new();
    for file in files {
        let name = file
            .path()
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        if let Some(sum) = file.checksum() {
            map.insert(name, serde_json::json!({"bytes": sum.bytes, "sha256": sum.sha256}));
        }
    }
    serde_json::Value::Object(map)
}

/// An I/O error that names the file it happened on (the kind is kept).
fn named_error(path: &Path, e: std::io::Error) -> std::io::Error {
    std::io::Error::new(e.kind(), format!("cannot write {}: {e}", path.display()))
}

/// Refuses (usage error) an `--out` folder holding an input under a name `prep` writes: the manifest, the
/// register, or a batch file (`<run id>-NNN.*`).
fn refuse_inputs_in_out(out: &Path, inputs: &[PathBuf]) {
    let Ok(out) = out.canonicalize() else {
        return;
    };
    for input in inputs {
        let name = input
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        let ours = name == MANIFEST_FILE || name == REGISTER_FILE || khulasa_export::run_of_batch(&name).is_some();
        if ours && input.parent() == Some(out.as_path()) {
            super::merge::usage(&format!(
                "--out: writing into {} would overwrite an input, {}",
                out.display(),
                input.display()
            ));
        }
    }
}
