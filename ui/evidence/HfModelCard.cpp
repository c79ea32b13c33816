#include "ui/evidence/HfModelCard.h"

#include <QStringList>

#include <yaml-cpp/yaml.h>

namespace mltrl::ui {

namespace {

constexpr qsizetype kMaxFrontMatterChars = 64 * 1024;
constexpr int kMaxListItems = 200;

QString esc(const QString &s)
{
    return s.toHtmlEscaped();
}

QString scalar(const YAML::Node &n)
{
    return n && n.IsScalar() ? QString::fromStdString(n.Scalar()) : QString();
}

/// A scalar, or a sequence of scalars joined with ", " (at most kMaxListItems).
QString listText(const YAML::Node &n)
{
    if (!n)
        return {};
    if (n.IsScalar())
        return QString::fromStdString(n.Scalar());
    if (!n.IsSequence())
        return {};
    QStringList items;
    for (std::size_t i = 0; i < n.size() && int(items.size()) < kMaxListItems; ++i)
        if (n[i].IsScalar())
            items << QString::fromStdString(n[i].Scalar());
    return items.join(QStringLiteral(", "));
}

QString row(const QString &key, const QString &value)
{
    return QStringLiteral("<tr><th align='left'>%1</th><td>%2</td></tr>").arg(esc(key), esc(value));
}

QString resultsTable(const YAML::Node &index)
{
    if (!index || !index.IsSequence())
        return {};
    QString rows;
    int count = 0;
    for (std::size_t m = 0; m < index.size(); ++m) {
        const YAML::Node model = index[m];
        if (!model.IsMap())
            continue;
        const QString modelName = scalar(model["name"]);
        const YAML::Node results = model["results"];
        if (!results || !results.IsSequence())
            continue;
        for (std::size_t r = 0; r < results.size(); ++r) {
            const YAML::Node result = results[r];
            if (!result.IsMap())
                continue;
            const YAML::Node task = result["task"], dataset = result["dataset"], metrics = result["metrics"];
            const QString taskText =
                task && task.IsMap() ? (scalar(task["name"]).isEmpty() ? scalar(task["type"]) : scalar(task["name"]))
                                     : QString();
            QString datasetText = dataset && dataset.IsMap() ? scalar(dataset["name"]) : QString();
            if (dataset && dataset.IsMap() && !scalar(dataset["split"]).isEmpty())
                datasetText += QStringLiteral(" (%1)").arg(scalar(dataset["split"]));
            if (!metrics || !metrics.IsSequence())
                continue;
            for (std::size_t i = 0; i < metrics.size() && count < kMaxListItems; ++i, ++count) {
                const YAML::Node metric = metrics[i];
                if (!metric.IsMap())
                    continue;
                const QString name = scalar(metric["name"]).isEmpty() ? scalar(metric["type"]) : scalar(metric["name"]);
                rows +=
                    QStringLiteral("<tr><td>%1</td><td>%2</td><td>%3</td><td>%4</td><td align='right'>%5</td></tr>")
                        .arg(esc(modelName), esc(taskText), esc(datasetText), esc(name), esc(scalar(metric["value"])));
            }
        }
    }
    if (rows.isEmpty())
        return {};
    return QStringLiteral("<h3>Results (model-index)</h3><table border='1' cellspacing='0' cellpadding='4'>"
                          "<tr><th>Model</th><th>Task</th><th>Dataset</th><th>Metric</th><th>Value</th></tr>%1</table>")
        .arg(rows);
}

} // namespace

std::optional<FrontMatter> splitFrontMatter(const QString &text)
{
    QString t = text;
    if (t.startsWith(QChar(0xFEFF)))
        t.remove(0, 1);
    if (!t.startsWith(QLatin1String("---\n")) && !t.startsWith(QLatin1String("---\r\n")))
        return std::nullopt;
    const qsizetype start = t.indexOf(QLatin1Char('\n')) + 1;
    qsizetype pos = start;
    while (pos < t.size() && pos - start <= kMaxFrontMatterChars) {
        qsizetype end = t.indexOf(QLatin1Char('\n'), pos);
        if (end < 0)
            end = t.size();
        const QString line = t.mid(pos, end - pos).trimmed();
        if (line == QLatin1String("---") || line == QLatin1String("...")) {
            if (pos - start > kMaxFrontMatterChars)
                return std::nullopt;
            return FrontMatter{t.mid(start, pos - start), t.mid(std::min(end + 1, t.size()))};
        }
        pos = end + 1;
    }
    return std::nullopt;
}

QString hfModelCardHtml(const QString &yaml, QString *error)
{
    YAML::Node root;
    try {
        root = YAML::Load(yaml.toStdString());
    } catch (const std::exception &e) { // YAML::ParserException, DeepRecursion, …
        if (error)
            *error = QStringLiteral("The front matter is not valid YAML: %1").arg(QString::fromUtf8(e.what()));
        return {};
    }
    if (!root.IsMap()) {
        if (error)
            *error = QStringLiteral("The front matter is not a YAML mapping.");
        return {};
    }
    QString facts;
    // The fields Hugging Face documents first, in its order; then any other simple field.
    const char *known[][2] = {{"license", "License"},
                              {"license_name", "License name"},
                              {"language", "Language"},
                              {"library_name", "Library"},
                              {"pipeline_tag", "Pipeline"},
                              {"base_model", "Base model"},
                              {"tags", "Tags"},
                              {"datasets", "Datasets"},
                              {"metrics", "Metrics"}};
    QStringList shown;
    for (const auto &[key, label] : known) {
        const QString value = listText(root[key]);
        shown << QString::fromLatin1(key);
        if (!value.isEmpty())
            facts += row(QString::fromLatin1(label), value);
    }
    for (const auto &entry : root) {
        const QString key = QString::fromStdString(entry.first.as<std::string>(""));
        if (key.isEmpty() || shown.contains(key) || key == QLatin1String("model-index"))
            continue;
        const QString value = listText(entry.second);
        if (!value.isEmpty())
            facts += row(key, value);
    }
    QString html;
    if (!facts.isEmpty())
        html +=
            QStringLiteral("<h3>Model card metadata</h3><table border='1' cellspacing='0' cellpadding='4'>%1</table>")
                .arg(facts);
    html += resultsTable(root["model-index"]);
    return html;
}

} // namespace mltrl::ui
