#pragma once
/// Parsing JSON evidence (JSON files, model cards, notebooks) the way every viewer and the
/// search indexer must: the bytes are untrusted, so the nesting is checked by a flat pre-scan
/// (core's findExcessiveNesting) before any parser or recursive walker sees them. Everything
/// that walks a parsed evidence document (the tree model, the text extractor, the model card)
/// may then recurse: it never goes deeper than kMaxDepth.
#include <QByteArray>
#include <QString>

#include <nlohmann/json.hpp>

#include <optional>

namespace mltrl::ui {

class EvidenceJson {
public:
    /// Deepest nesting of arrays and objects accepted in evidence JSON.
    static constexpr int kMaxDepth = 256;

    /// Parses `bytes`; nullopt with `error` ("nested too deep (limit 256) at line L, column C",
    /// "not valid JSON") otherwise.
    static std::optional<nlohmann::json> parse(const QByteArray &bytes, QString *error);
    /// The same, keeping each object's key order (the tree and the model card show it).
    static std::optional<nlohmann::ordered_json> parseOrdered(const QByteArray &bytes, QString *error);
    /// The error text for nesting deeper than kMaxDepth, or empty when the nesting is fine.
    static QString nestingError(const QByteArray &bytes);
};

} // namespace mltrl::ui
