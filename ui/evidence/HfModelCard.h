#pragma once
/// Hugging Face model cards: a README.md whose YAML front matter (between `---` lines) holds
/// the card's metadata — license, tags, datasets, metrics, and `model-index` results. The
/// Markdown viewer shows that metadata as a table above the rendered Markdown instead of a
/// heading followed by raw YAML.
#include <QString>

#include <optional>

namespace mltrl::ui {

struct FrontMatter {
    QString yaml; ///< between the fences
    QString body; ///< the Markdown after the closing fence
};

/// The front matter of `text`: it must start the file (after an optional BOM) with a `---`
/// line and end with a `---` or `...` line; nullopt when there is none or it is over 64 KiB.
[[nodiscard]] std::optional<FrontMatter> splitFrontMatter(const QString &text);

/// The metadata as HTML (escaped): a facts table (license, language, library, pipeline, base
/// model, tags, datasets, metrics, other scalar keys) and a results table from `model-index`
/// (task, dataset, metric, value). Empty with `error` set when the YAML does not parse.
[[nodiscard]] QString hfModelCardHtml(const QString &yaml, QString *error);

} // namespace mltrl::ui
