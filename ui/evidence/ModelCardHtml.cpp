#include "ui/evidence/ModelCardHtml.h"

#include <QBuffer>
#include <QImageReader>
#include <QStringList>

namespace mltrl::ui {

namespace {

using Json = nlohmann::ordered_json;

QString str(const Json &object, const char *key)
{
    if (!object.is_object())
        return {};
    const auto it = object.find(key);
    if (it == object.end() || it->is_null())
        return {};
    return it->is_string() ? QString::fromStdString(it->get<std::string>()) : QString::fromStdString(it->dump());
}

QString esc(const QString &s)
{
    return s.toHtmlEscaped();
}

const Json &member(const Json &object, const char *key)
{
    static const Json empty;
    if (!object.is_object())
        return empty;
    const auto it = object.find(key);
    return it == object.end() ? empty : *it;
}

/// A list of objects shown as bullet points of one field (with an optional second field).
QString bullets(const Json &list, const char *field, const char *second = nullptr, const char *secondLabel = nullptr)
{
    if (!list.is_array() || list.empty())
        return {};
    QString html = QStringLiteral("<ul>");
    for (const Json &item : list) {
        QString text = item.is_string() ? QString::fromStdString(item.get<std::string>()) : str(item, field);
        if (second && !str(item, second).isEmpty())
            text = QStringLiteral("%1<br><i>%2:</i> %3")
                       .arg(esc(text), QString::fromUtf8(secondLabel), esc(str(item, second)));
        else
            text = esc(text);
        html += QStringLiteral("<li>%1</li>").arg(text);
    }
    return html + QStringLiteral("</ul>");
}

QString section(const QString &title, const QString &body)
{
    return body.isEmpty() ? QString() : QStringLiteral("<h3>%1</h3>%2").arg(esc(title), body);
}

QString metricsTable(const Json &metrics)
{
    if (!metrics.is_array() || metrics.empty())
        return {};
    QString html = QStringLiteral("<table border='1' cellspacing='0' cellpadding='4'>"
                                  "<tr><th>Metric</th><th>Value</th><th>95 % CI</th><th>Slice</th></tr>");
    for (const Json &m : metrics) {
        const Json &ci = member(m, "confidence_interval");
        const QString interval =
            ci.is_object() ? QStringLiteral("%1 – %2").arg(str(ci, "lower_bound"), str(ci, "upper_bound")) : QString();
        html += QStringLiteral("<tr><td>%1</td><td align='right'>%2</td><td>%3</td><td>%4</td></tr>")
                    .arg(esc(str(m, "type")), esc(str(m, "value")), esc(interval), esc(str(m, "slice")));
    }
    return html + QStringLiteral("</table>");
}

constexpr std::size_t kMaxGraphics = 32;
constexpr std::size_t kMaxGraphicBase64 = 8u << 20;
constexpr qint64 kMaxGraphicPixels = 16LL * 1000 * 1000;

/// Every `graphics.collection` item of the card, in document order: the performance graphics
/// of quantitative_analysis, then those of each dataset in model_parameters.data.
std::vector<const Json *> graphicItems(const Json &card)
{
    std::vector<const Json *> out;
    const auto collect = [&out](const Json &graphics) {
        const Json &collection = member(graphics, "collection");
        if (!collection.is_array())
            return;
        for (const Json &g : collection)
            if (g.is_object() && out.size() < kMaxGraphics)
                out.push_back(&g);
    };
    collect(member(member(card, "quantitative_analysis"), "graphics"));
    const Json &data = member(member(card, "model_parameters"), "data");
    if (data.is_array())
        for (const Json &dataset : data)
            collect(member(dataset, "graphics"));
    return out;
}

QImage decodeGraphic(const Json &item)
{
    const Json &image = member(item, "image");
    if (!image.is_string() || image.get_ref<const std::string &>().size() > kMaxGraphicBase64)
        return {};
    QByteArray base64 = QByteArray::fromStdString(image.get<std::string>());
    if (base64.startsWith("data:")) // a data URL: keep what follows the comma
        base64 = base64.mid(base64.indexOf(',') + 1);
    const QByteArray bytes = QByteArray::fromBase64(base64);
    QBuffer buffer;
    buffer.setData(bytes);
    QImageReader reader(&buffer);
    const QByteArray format = reader.format();
    if (format != "png" && format != "jpeg" && format != "gif" && format != "bmp")
        return {}; // no SVG or other formats from a card
    const QSize size = reader.size();
    if (!size.isValid() || qint64(size.width()) * size.height() > kMaxGraphicPixels)
        return {};
    return reader.read();
}

} // namespace

std::vector<ModelCardHtml::Graphic> ModelCardHtml::graphics(const nlohmann::ordered_json &card)
{
    std::vector<Graphic> out;
    const std::vector<const Json *> items = graphicItems(card);
    for (std::size_t i = 0; i < items.size(); ++i)
        out.push_back(
            {QUrl(QStringLiteral("mct-graphic:%1").arg(i)), str(*items[i], "name"), decodeGraphic(*items[i])});
    return out;
}

bool ModelCardHtml::isModelCard(const nlohmann::ordered_json &document)
{
    return document.is_object() && document.contains("model_details") && document["model_details"].is_object();
}

QString ModelCardHtml::render(const nlohmann::ordered_json &card)
{
    const Json &details = member(card, "model_details");
    const Json &params = member(card, "model_parameters");
    const Json &quant = member(card, "quantitative_analysis");
    const Json &cons = member(card, "considerations");

    QString html = QStringLiteral("<h2>%1</h2>").arg(esc(str(details, "name")));
    const Json &version = member(details, "version");
    QStringList facts;
    if (!str(version, "name").isEmpty())
        facts << QStringLiteral("<b>Version</b> %1 %2").arg(esc(str(version, "name")), esc(str(version, "date")));
    if (!str(version, "diff").isEmpty())
        facts << QStringLiteral("<b>Changes</b> %1").arg(esc(str(version, "diff")));
    QStringList owners;
    for (const Json &o : member(details, "owners"))
        owners << esc(str(o, "contact").isEmpty() ? str(o, "name")
                                                  : QStringLiteral("%1 <%2>").arg(str(o, "name"), str(o, "contact")));
    if (!owners.isEmpty())
        facts << QStringLiteral("<b>Owners</b> %1").arg(owners.join(QStringLiteral(", ")));
    if (!facts.isEmpty())
        html += QStringLiteral("<p>%1</p>").arg(facts.join(QStringLiteral("<br>")));
    html += section(QStringLiteral("Overview"), details.is_object() && !str(details, "overview").isEmpty()
                                                    ? QStringLiteral("<p>%1</p>").arg(esc(str(details, "overview")))
                                                    : QString());
    html += section(QStringLiteral("Documentation"),
                    str(details, "documentation").isEmpty()
                        ? QString()
                        : QStringLiteral("<p>%1</p>").arg(esc(str(details, "documentation"))));
    QString parameters;
    if (!str(params, "model_architecture").isEmpty())
        parameters += QStringLiteral("<p><b>Architecture</b> %1</p>").arg(esc(str(params, "model_architecture")));
    if (!str(params, "input_format").isEmpty())
        parameters += QStringLiteral("<p><b>Input</b> %1</p>").arg(esc(str(params, "input_format")));
    if (!str(params, "output_format").isEmpty())
        parameters += QStringLiteral("<p><b>Output</b> %1</p>").arg(esc(str(params, "output_format")));
    parameters += bullets(member(params, "data"), "name", "link", "source");
    html += section(QStringLiteral("Model parameters"), parameters);
    html += section(QStringLiteral("Performance metrics"), metricsTable(member(quant, "performance_metrics")));
    QString figures;
    const std::vector<const Json *> items = graphicItems(card);
    for (std::size_t i = 0; i < items.size(); ++i)
        figures += QStringLiteral("<p><img src='mct-graphic:%1' alt='%2'><br><i>%2</i></p>")
                       .arg(i)
                       .arg(esc(str(*items[i], "name")));
    html += section(QStringLiteral("Graphics"), figures);
    html += section(QStringLiteral("Users"), bullets(member(cons, "users"), "description"));
    html += section(QStringLiteral("Use cases"), bullets(member(cons, "use_cases"), "description"));
    html += section(QStringLiteral("Limitations"), bullets(member(cons, "limitations"), "description"));
    html += section(QStringLiteral("Trade-offs"), bullets(member(cons, "tradeoffs"), "description"));
    html += section(QStringLiteral("Ethical considerations"),
                    bullets(member(cons, "ethical_considerations"), "name", "mitigation_strategy", "Mitigation"));
    return html;
}

} // namespace mltrl::ui
