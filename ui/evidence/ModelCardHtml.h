#pragma once
/// Renders a Model Card Toolkit `model_card.json` (schema 0.0.2: model_details,
/// model_parameters, quantitative_analysis, considerations) as readable HTML.
#include <QImage>
#include <QString>
#include <QUrl>

#include <nlohmann/json.hpp>

#include <vector>

namespace mltrl::ui {

class ModelCardHtml {
public:
    /// True when the document looks like a Model Card Toolkit card (has "model_details").
    static bool isModelCard(const nlohmann::ordered_json &document);
    /// The card as HTML; its graphics (Model Card Toolkit `graphics.collection` items, base64
    /// images) appear as <img src="mct-graphic:N"> in the order graphics() returns them.
    static QString render(const nlohmann::ordered_json &card);

    struct Graphic {
        QUrl url; ///< mct-graphic:N, as render() refers to it
        QString name;
        QImage image; ///< null when the data is not a PNG/JPEG/GIF/BMP image within the limits
    };
    /// Decodes the card's graphics (at most 32, each at most 8 MiB of base64 and 16 megapixels),
    /// for QTextDocument::addResource before the HTML is set.
    static std::vector<Graphic> graphics(const nlohmann::ordered_json &card);
};

} // namespace mltrl::ui
