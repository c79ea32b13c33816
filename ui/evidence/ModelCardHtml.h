#pragma once
/// Renders a Model Card Toolkit `model_card.json` (schema 0.0.2: model_details,
/// model_parameters, quantitative_analysis, considerations) as readable HTML.
#include <QString>

#include <nlohmann/json.hpp>

namespace mltrl::ui {

class ModelCardHtml {
public:
    /// True when the document looks like a Model Card Toolkit card (has "model_details").
    static bool isModelCard(const nlohmann::ordered_json &document);
    static QString render(const nlohmann::ordered_json &card);
};

} // namespace mltrl::ui
