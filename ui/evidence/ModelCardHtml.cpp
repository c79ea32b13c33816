#include "evidence/ModelCardHtml.h"

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
            text = QStringLiteral("%1<br><i>%2:</i> %3").arg(esc(text), QString::fromUtf8(secondLabel), esc(str(item, second)));
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
        const QString interval = ci.is_object()
                                     ? QStringLiteral("%1 – %2").arg(str(ci, "lower_bound"), str(ci, "upper_bound"))
                                     : QString();
        html += QStringLiteral("<tr><td>%1</td><td align='right'>%2</td><td>%3</td><td>%4</td></tr>")
                    .arg(esc(str(m, "type")), esc(str(m, "value")), esc(interval), esc(str(m, "slice")));
    }
    return html + QStringLiteral("</table>");
}

} // namespace

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
    html += section(QStringLiteral("Documentation"), str(details, "documentation").isEmpty()
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
    html += section(QStringLiteral("Users"), bullets(member(cons, "users"), "description"));
    html += section(QStringLiteral("Use cases"), bullets(member(cons, "use_cases"), "description"));
    html += section(QStringLiteral("Limitations"), bullets(member(cons, "limitations"), "description"));
    html += section(QStringLiteral("Trade-offs"), bullets(member(cons, "tradeoffs"), "description"));
    html += section(QStringLiteral("Ethical considerations"),
                    bullets(member(cons, "ethical_considerations"), "name", "mitigation_strategy", "Mitigation"));
    return html;
}

} // namespace mltrl::ui
