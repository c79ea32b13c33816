// Hugging Face model cards: the YAML front matter of a README.md shown as tables (license,
// tags, datasets, model-index results) above the rendered Markdown, never as raw YAML.
#include "ui/evidence/EvidenceSource.h"
#include "ui/evidence/EvidenceViewer.h"
#include "ui/evidence/HfModelCard.h"
#include "ui/evidence/ModelCardHtml.h"

#include <QBuffer>

#include <QFile>
#include <QTemporaryDir>
#include <QTextBrowser>
#include <QtTest>

using namespace mltrl::ui;

namespace {

const char *kCard = R"(---
license: apache-2.0
language:
- en
library_name: transformers
pipeline_tag: image-classification
tags:
- medical
- chest-x-ray
datasets:
- nih-chest-xray14
metrics:
- roc_auc
model-index:
- name: cxr-densenet121
  results:
  - task:
      type: image-classification
      name: Urgent finding triage
    dataset:
      name: CXR triage test set
      type: local
      split: test
    metrics:
    - type: roc_auc
      value: 0.912
      name: AUROC
    - type: sensitivity
      value: 0.888
      name: Sensitivity (site C)
---

# cxr-densenet121

Flags urgent findings on adult chest radiographs. **Decision support only.**
)";

} // namespace

class TestModelCard : public QObject {
    Q_OBJECT

private slots:
    void splitsFrontMatter_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<bool>("has");
        QTest::addColumn<QString>("body");
        QTest::newRow("card") << QString::fromUtf8(kCard) << true << QStringLiteral("\n# cxr-densenet121");
        QTest::newRow("no front matter") << QStringLiteral("# Title\n---\n") << false << QString();
        QTest::newRow("unclosed") << QStringLiteral("---\nlicense: mit\n# Title\n") << false << QString();
        QTest::newRow("dots close") << QStringLiteral("---\nlicense: mit\n...\nBody\n") << true
                                    << QStringLiteral("Body");
        QTest::newRow("crlf and bom") << QStringLiteral("\uFEFF---\r\nlicense: mit\r\n---\r\nBody") << true
                                      << QStringLiteral("Body");
    }

    void splitsFrontMatter()
    {
        QFETCH(QString, text);
        QFETCH(bool, has);
        QFETCH(QString, body);
        const auto front = splitFrontMatter(text);
        QCOMPARE(front.has_value(), has);
        if (front)
            QVERIFY2(front->body.startsWith(body), qPrintable(front->body));
    }

    void tablesFromTheMetadata()
    {
        QString error;
        const QString html = hfModelCardHtml(splitFrontMatter(QString::fromUtf8(kCard))->yaml, &error);
        QVERIFY(error.isEmpty());
        QTextDocument doc;
        doc.setHtml(html);
        const QString text = doc.toPlainText();
        for (const char *expected : {"License", "apache-2.0", "medical, chest-x-ray", "nih-chest-xray14",
                                     "transformers", "image-classification", "Urgent finding triage",
                                     "CXR triage test set (test)", "AUROC", "0.912", "Sensitivity (site C)", "0.888"})
            QVERIFY2(text.contains(QString::fromUtf8(expected)), expected);
        QVERIFY(!text.contains(QStringLiteral("model-index:"))); // tables, not raw YAML
    }

    void badYamlSaysSo()
    {
        QString error;
        QVERIFY(hfModelCardHtml(QStringLiteral("license: [unclosed"), &error).isEmpty());
        QVERIFY(error.startsWith(QStringLiteral("The front matter is not valid YAML")));
        // Markup in values is text, never HTML.
        const QString html = hfModelCardHtml(QStringLiteral("license: \"<img src=x>\""), &error);
        QVERIFY(html.contains(QStringLiteral("&lt;img src=x&gt;")));
    }

    void viewerShowsTablesAboveTheMarkdown()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("README.md"));
        QFile f(path);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(kCard);
        f.close();
        EvidenceSource s;
        s.id = QStringLiteral("ev-hf-card");
        s.mediaType = QStringLiteral("text/markdown");
        s.archivePath = QStringLiteral("evidence/README.md");
        s.blobPath = path;
        s.size = f.size();
        std::unique_ptr<EvidenceViewer> v(EvidenceViewer::create(s));
        v->resize(900, 700);
        v->show();
        QTRY_VERIFY(v->isLoaded());
        auto *browser = v->findChild<QTextBrowser *>(QStringLiteral("markdownBrowser"));
        QVERIFY(browser);
        const QString text = browser->toPlainText();
        QVERIFY(text.indexOf(QStringLiteral("apache-2.0")) < text.indexOf(QStringLiteral("Flags urgent findings")));
        QVERIFY(text.contains(QStringLiteral("0.912")));
        QVERIFY(text.contains(QStringLiteral("cxr-densenet121")));
        QVERIFY(!text.contains(QStringLiteral("pipeline_tag:"))); // no raw YAML
        QVERIFY(!text.contains(QStringLiteral("---")));
        const QString grab = qEnvironmentVariable("MLTRL_GRAB_DIR");
        if (!grab.isEmpty())
            v->grab().save(QDir(grab).filePath(QStringLiteral("hf-model-card.png")));
    }

    // Model Card Toolkit JSON: graphics (base64 PNG) are shown as images, not as text.
    void mctGraphicsShownAsImages()
    {
        QImage red(40, 30, QImage::Format_RGB32);
        red.fill(Qt::red);
        QByteArray png;
        QBuffer buffer(&png);
        buffer.open(QIODevice::WriteOnly);
        red.save(&buffer, "PNG");
        const std::string b64 = png.toBase64().toStdString();
        nlohmann::ordered_json card = {{"model_details", {{"name", "cxr-densenet121"}}},
                                       {"quantitative_analysis",
                                        {{"graphics",
                                          {{"collection",
                                            {{{"name", "ROC by site"}, {"image", b64}},
                                             {{"name", "not an image"}, {"image", "bm90IGFuIGltYWdl"}}}}}}}}};
        const auto graphics = ModelCardHtml::graphics(card);
        QCOMPARE(graphics.size(), std::size_t(2));
        QCOMPARE(graphics[0].image.size(), QSize(40, 30));
        QVERIFY(graphics[1].image.isNull());
        QVERIFY(ModelCardHtml::render(card).contains(QStringLiteral("<img src='mct-graphic:0'")));

        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("model_card.json"));
        QFile f(path);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(QByteArray::fromStdString(card.dump()));
        f.close();
        EvidenceSource s;
        s.id = QStringLiteral("ev-model-card");
        s.mediaType = QStringLiteral("application/json");
        s.archivePath = QStringLiteral("evidence/model_card.json");
        s.blobPath = path;
        s.size = f.size();
        std::unique_ptr<EvidenceViewer> v(EvidenceViewer::create(s));
        v->resize(900, 700);
        v->show();
        QTRY_VERIFY(v->isLoaded());
        QTextBrowser *browser = nullptr;
        for (QTextBrowser *b : v->findChildren<QTextBrowser *>())
            if (b->toPlainText().contains(QStringLiteral("ROC by site")))
                browser = b;
        QVERIFY(browser);
        QVERIFY(!browser->toPlainText().contains(QString::fromStdString(b64.substr(0, 20)))); // no base64 text
        const QImage shown = browser->viewport()->grab().toImage();
        int reds = 0;
        for (int y = 0; y < shown.height(); ++y)
            for (int x = 0; x < shown.width(); ++x)
                if (shown.pixelColor(x, y) == QColor(Qt::red))
                    ++reds;
        QVERIFY2(reds >= 40 * 30 / 2, qPrintable(QString::number(reds)));
    }
};

QTEST_MAIN(TestModelCard)
#include "tst_model_card.moc"
